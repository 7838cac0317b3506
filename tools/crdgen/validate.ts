// A strict structural validator for the OpenAPI v3 subset of CRD schemas, as the API server applies it
// under `kubectl --validate=strict`: unknown fields are errors (except under
// x-kubernetes-preserve-unknown-fields), required fields must be present, and types, enums, patterns
// and bounds hold. x-kubernetes-int-or-string admits an integer or a string; an
// x-kubernetes-embedded-resource object must carry apiVersion and kind. CEL rules
// (x-kubernetes-validations) are not evaluated.
import { coreAttributes, parseCoreType } from "./core-model";
import { Schema } from "./crd";

export interface Violation {
  /** JSON-pointer-like path, e.g. `.spec.components[0].podTemplate.spec.containers[0].ports`. */
  path: string;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
};
const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

function typeOk(type: Schema["type"], v: unknown): boolean {
  switch (type) {
    case "object":
      return isObject(v);
    case "array":
      return Array.isArray(v);
    case "string":
      return typeof v === "string";
    case "integer":
      return typeof v === "number" && Number.isInteger(v);
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    case "boolean":
      return typeof v === "boolean";
    default:
      return true;
  }
}

/** Validates `value` against `schema`; returns every violation found (empty when valid). */
export function validateSchema(schema: Schema, value: unknown, path = ""): Violation[] {
  const out: Violation[] = [];
  const at = path || ".";
  if (value === null || value === undefined) {
    out.push({ path: at, message: "null is not allowed (omit the field instead)" });
    return out;
  }
  if (schema["x-crdgen-pruned"]) {
    out.push({ path: at, message: "this subtree of the upstream schema is not vendored (tools/crdgen/upstream); vendor it before setting it" });
    return out;
  }
  if (schema["x-crdgen-core"]) return [...coreShape(schema, value, at), ...validateCore(schema["x-crdgen-core"], value, path)];
  if (schema["x-kubernetes-int-or-string"]) {
    if (!(typeof value === "string" || (typeof value === "number" && Number.isInteger(value)))) out.push({ path: at, message: `expected an integer or a string, got ${show(value)}` });
    else if (typeof value === "string" && schema.pattern && !new RegExp(schema.pattern).test(value)) out.push({ path: at, message: `${show(value)} does not match ${schema.pattern}` });
    return out;
  }
  if (schema.type && !typeOk(schema.type, value)) {
    out.push({ path: at, message: `expected ${schema.type}, got ${show(value)}` });
    return out;
  }
  if (schema.enum && !schema.enum.includes(value)) out.push({ path: at, message: `${show(value)} is not one of ${schema.enum.map(show).join(", ")}` });
  if (typeof value === "string") {
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) out.push({ path: at, message: `${show(value)} does not match ${schema.pattern}` });
    if (schema.minLength !== undefined && value.length < schema.minLength) out.push({ path: at, message: `shorter than ${schema.minLength}` });
    if (schema.maxLength !== undefined && value.length > schema.maxLength) out.push({ path: at, message: `longer than ${schema.maxLength}` });
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) out.push({ path: at, message: `${value} is below the minimum ${schema.minimum}` });
    if (schema.maximum !== undefined && value > schema.maximum) out.push({ path: at, message: `${value} is above the maximum ${schema.maximum}` });
    if (schema.format === "int32" && (value < INT32.min || value > INT32.max)) out.push({ path: at, message: `${value} is not an int32` });
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) out.push({ path: at, message: `more than ${schema.maxItems} items` });
    if (schema.items) value.forEach((x, i) => out.push(...validateSchema(schema.items!, x, `${path}[${i}]`)));
    const keys = schema["x-kubernetes-list-map-keys"] as string[] | undefined;
    if (keys && schema["x-kubernetes-list-type"] === "map") {
      const seen = new Set<string>();
      value.forEach((x, i) => {
        const k = JSON.stringify(keys.map((key) => (isObject(x) ? x[key] : undefined)));
        if (seen.has(k)) out.push({ path: `${path}[${i}]`, message: `duplicate list-map key ${k}` });
        seen.add(k);
      });
    }
  }
  if (isObject(value)) {
    if (schema["x-kubernetes-embedded-resource"]) {
      for (const k of ["apiVersion", "kind"]) if (typeof value[k] !== "string") out.push({ path: `${path}.${k}`, message: "an embedded resource needs apiVersion and kind" });
    }
    for (const r of schema.required ?? []) if (!(r in value)) out.push({ path: `${path}.${r}`, message: "required field is missing" });
    const props = schema.properties ?? {};
    const extra = schema.additionalProperties;
    for (const [k, v] of Object.entries(value)) {
      const p = `${path}.${k}`;
      if (props[k]) out.push(...validateSchema(props[k], v, p));
      else if (isObject(extra)) out.push(...validateSchema(extra as Schema, v, p));
      else if (extra === true || schema["x-kubernetes-preserve-unknown-fields"]) continue;
      else if (schema["x-kubernetes-embedded-resource"] && ["apiVersion", "kind", "metadata"].includes(k)) continue;
      else out.push({ path: p, message: `unknown field (allowed: ${Object.keys(props).sort().join(", ") || "none"})` });
    }
  }
  return out;
}

/** The object-level checks a marker node still carries (type, required). */
function coreShape(schema: Schema, value: unknown, at: string): Violation[] {
  if (schema.type && !typeOk(schema.type, value)) return [{ path: at, message: `expected ${schema.type}, got ${show(value)}` }];
  if (!isObject(value)) return [];
  return (schema.required ?? []).filter((r) => !(r in value)).map((r) => ({ path: `${at === "." ? "" : at}.${r}`, message: "required field is missing" }));
}

/** A core/v1 value against the client-node model `model`: unknown fields and wrong types. */
export function validateCore(model: string, value: unknown, path: string): Violation[] {
  return validateCoreType(model, "", value, path);
}

function validateCoreType(type: string, format: string, value: unknown, path: string): Violation[] {
  const at = path || ".";
  if (value === null || value === undefined) return [{ path: at, message: "null is not allowed (omit the field instead)" }];
  const t = parseCoreType(type);
  switch (t.kind) {
    case "array":
      return Array.isArray(value) ? value.flatMap((x, i) => validateCoreType(t.of, "", x, `${path}[${i}]`)) : [{ path: at, message: `expected array, got ${show(value)}` }];
    case "map":
      return isObject(value) ? Object.entries(value).flatMap(([k, v]) => validateCoreType(t.of, "", v, `${path}.${k}`)) : [{ path: at, message: `expected object, got ${show(value)}` }];
    case "primitive":
      switch (t.name) {
        case "string":
        case "Date":
          return typeof value === "string" ? [] : [{ path: at, message: `expected string, got ${show(value)}` }];
        case "boolean":
          return typeof value === "boolean" ? [] : [{ path: at, message: `expected boolean, got ${show(value)}` }];
        case "number": {
          const integer = format === "int32" || format === "int64";
          const ok = typeof value === "number" && (integer ? Number.isInteger(value) : Number.isFinite(value));
          return ok ? [] : [{ path: at, message: `expected ${integer ? "integer" : "number"}, got ${show(value)}` }];
        }
        case "IntOrString":
          return typeof value === "string" || (typeof value === "number" && Number.isInteger(value)) ? [] : [{ path: at, message: `expected an integer or a string, got ${show(value)}` }];
        default:
          return [];
      }
    case "model": {
      const attrs = coreAttributes(t.name);
      if (!attrs) return [{ path: at, message: `no Kubernetes API model ${t.name} to check against` }];
      if (!isObject(value)) return [{ path: at, message: `expected object (${t.name}), got ${show(value)}` }];
      const out: Violation[] = [];
      for (const [k, v] of Object.entries(value)) {
        const a = attrs.find((x) => x.baseName === k);
        if (!a) out.push({ path: `${path}.${k}`, message: `unknown field of ${t.name} (allowed: ${attrs.map((x) => x.baseName).sort().join(", ")})` });
        else out.push(...validateCoreType(a.type, a.format, v, `${path}.${k}`));
      }
      return out;
    }
  }
}

/** What an object's apiVersion means for a CRD: served, deprecated, storage. */
export function apiVersionProblems(apiVersion: unknown, group: string, versions: readonly { name: string; served: boolean; deprecated: boolean }[]): string[] {
  const m = typeof apiVersion === "string" ? /^([^/]+)\/([^/]+)$/.exec(apiVersion) : null;
  if (!m || m[1] !== group) return [`apiVersion ${show(apiVersion)} is not in group ${group}`];
  const v = versions.find((x) => x.name === m[2]);
  if (!v || !v.served) return [`apiVersion ${apiVersion} is not served (served: ${versions.filter((x) => x.served).map((x) => x.name).join(", ")})`];
  if (v.deprecated) return [`apiVersion ${apiVersion} is deprecated upstream`];
  return [];
}
