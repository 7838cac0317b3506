// A small, introspectable schema language for stack configuration.
// Every field knows its documentation and default, so the README reference and the validator come
// from one place, and every failure is one line: `<key>: <what is allowed>, got <value>`.

import { Grammar } from "./grammar";
import { nearest } from "./nearest";

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** A string that must never be printed: `String()`/JSON give a placeholder; `.reveal()` gives the value. */
export class SecretString {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return "[secret]";
  }
  toJSON(): string {
    return "[secret]";
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return "[secret]";
  }
}

export interface Field<T> {
  /** Short type description for docs, e.g. `integer ≥ 1`. */
  readonly type: string;
  readonly doc: string;
  /** Human-readable default for docs; absent means required. */
  readonly defaultText?: string;
  /** Nested fields (objects) for docs and unknown-key checks. */
  readonly fields?: Readonly<Record<string, Field<unknown>>>;
  /** True when the raw config value is a plain string (not JSON). */
  readonly rawString?: boolean;
  readonly secret?: boolean;
  parse(value: unknown, path: string): T;
}

/** Longest rendering of a value in a message; longer ones are cut with an ellipsis. */
export const SHOW_MAX = 60;

// Characters that would break a one-line message or disguise it: C0/C1 controls, DEL, line and
// paragraph separators, zero-width and bidirectional formatting characters, the BOM.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

/** Escapes what `UNSAFE` matches as `\uXXXX` and cuts the text to `max` characters (an ellipsis marks the cut). */
export function safeText(text: string, max = SHOW_MAX): string {
  const escaped = text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const chars = Array.from(escaped);
  if (chars.length <= max) return escaped;
  // Never end inside an escape sequence.
  return `${chars.slice(0, max - 1).join("").replace(/\\(u[0-9a-f]{0,3})?$/, "")}…`;
}

/** Renders a value for an error message: JSON, one line, shortened, never a secret. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value instanceof SecretString) return "[secret]";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  let text: string | undefined;
  try {
    text = JSON.stringify(value, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
  } catch {
    text = undefined;
  }
  if (text === undefined) {
    try {
      text = String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  return safeText(text);
}

/** A key's path segment: `a.b` for a plain name, `a["…"]` (quoted safely) for anything else. */
export function childPath(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]{0,59}$/.test(key) ? `${path}.${key}` : `${path}[${show(key)}]`;
}

/**
 * `pulumi config set --path k 0.05` keeps "0.05" a string (only integers and booleans are typed), so a
 * numeric field accepts a string that is exactly a number.
 */
function numeric(v: unknown): unknown {
  return typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v;
}

export function fail(path: string, allowed: string, value: unknown): never {
  throw new ConfigError(`${path}: ${allowed}, got ${show(value)}`);
}

type Opt<T> = { doc: string; default?: T; defaultText?: string };

function withDefault<T>(f: Omit<Field<T>, "parse"> & { check(v: unknown, p: string): T }, o: Opt<T>): Field<T> {
  const hasDefault = o.default !== undefined || o.defaultText !== undefined;
  return {
    ...f,
    doc: o.doc,
    defaultText: o.defaultText ?? (o.default !== undefined ? JSON.stringify(o.default) : undefined),
    parse(value, path) {
      if (value === undefined || value === null) {
        if (o.default !== undefined) return o.default;
        if (hasDefault) return undefined as T;
        return fail(path, `is required (${f.type})`, value);
      }
      return f.check(value, path);
    },
  };
}

// Controls, separators and invisible formatting characters: never part of a config string.
const INVISIBLE = new RegExp(UNSAFE.source);

/** The hygiene every config string passes: not blank, no control or invisible characters, no surrounding spaces. */
export function checkText(v: string, p: string): string {
  if (v.trim().length === 0) return fail(p, "must not be blank", v);
  if (INVISIBLE.test(v)) return fail(p, "must not contain control or invisible characters", v);
  if (v.trim() !== v) return fail(p, "must not start or end with whitespace", v);
  return v;
}

export function str(o: Opt<string> & { oneOf?: readonly string[]; pattern?: RegExp; patternText?: string; grammar?: Grammar }): Field<string> {
  const type = o.oneOf ? `one of ${o.oneOf.map((s) => `"${s}"`).join(", ")}` : (o.grammar?.text ?? o.patternText ?? "string");
  return withDefault(
    {
      type,
      doc: o.doc,
      rawString: true,
      check(v, p) {
        // `pulumi config set --path k 1` stores the number 1: a string field takes it as "1".
        if (typeof v === "number" && Number.isFinite(v)) v = String(v);
        if (typeof v !== "string" || v.length === 0) return fail(p, `must be a non-empty string`, v);
        if (o.oneOf && !o.oneOf.includes(v)) return fail(p, `must be ${type}`, v);
        checkText(v, p);
        if (o.grammar && !o.grammar.test(v)) return fail(p, `must be ${o.grammar.text}`, v);
        if (o.pattern && !o.pattern.test(v)) return fail(p, `must be ${o.patternText ?? `a string matching ${o.pattern}`}`, v);
        return v;
      },
    },
    o,
  );
}

export function enumOf<T extends string>(values: readonly T[], o: Opt<T>): Field<T> {
  return str({ ...o, oneOf: values }) as Field<T>;
}

export function secret(o: { doc: string; optional?: boolean }): Field<SecretString | undefined> {
  return {
    type: "secret string",
    doc: o.doc,
    defaultText: o.optional ? "none" : undefined,
    rawString: true,
    secret: true,
    parse(v, p) {
      if (v === undefined || v === null) {
        if (o.optional) return undefined;
        return fail(p, "is required (a secret: set it with `pulumi config set --path --secret`)", undefined);
      }
      const raw = v instanceof SecretString ? v.reveal() : v;
      if (typeof raw !== "string" || raw.length === 0) return fail(p, "must be a non-empty secret string", "[secret]");
      return new SecretString(raw);
    },
  };
}

export function int(o: Opt<number> & { min?: number; max?: number }): Field<number> {
  const range =
    o.min !== undefined && o.max !== undefined
      ? `an integer from ${o.min} to ${o.max}`
      : o.min !== undefined
        ? `an integer ≥ ${o.min}`
        : o.max !== undefined
          ? `an integer ≤ ${o.max}`
          : "an integer";
  return withDefault(
    {
      type: range.replace(/^an /, ""),
      doc: o.doc,
      check(v, p) {
        v = numeric(v);
        if (typeof v !== "number" || !Number.isInteger(v)) return fail(p, `must be ${range}`, v);
        if ((o.min !== undefined && v < o.min) || (o.max !== undefined && v > o.max)) return fail(p, `must be ${range}`, v);
        return v;
      },
    },
    o,
  );
}

export function num(o: Opt<number> & { min?: number; max?: number }): Field<number> {
  const range = `a number${o.min !== undefined ? ` ≥ ${o.min}` : ""}${o.max !== undefined ? ` and ≤ ${o.max}` : ""}`;
  return withDefault(
    {
      type: range.replace(/^a /, ""),
      doc: o.doc,
      check(v, p) {
        v = numeric(v);
        if (typeof v !== "number" || !Number.isFinite(v)) return fail(p, `must be ${range}`, v);
        if ((o.min !== undefined && v < o.min) || (o.max !== undefined && v > o.max)) return fail(p, `must be ${range}`, v);
        return v;
      },
    },
    o,
  );
}

export function bool(o: Opt<boolean>): Field<boolean> {
  return withDefault(
    {
      type: "boolean",
      doc: o.doc,
      check(v, p) {
        if (v === "true" || v === "false") v = v === "true";
        if (typeof v !== "boolean") return fail(p, "must be true or false", v);
        return v;
      },
    },
    o,
  );
}

export function list<T>(item: Field<T>, o: Opt<T[]> & { minItems?: number; distinct?: boolean; what?: string }): Field<T[]> {
  const what = o.what ?? "items";
  return withDefault(
    {
      type: `list of ${item.type}`,
      doc: o.doc,
      fields: item.fields,
      check(v, p) {
        if (!Array.isArray(v)) return fail(p, `must be a list`, v);
        const out = v.map((x, i) => item.parse(x, `${p}[${i}]`));
        if (o.distinct && new Set(out.map((x) => JSON.stringify(x))).size !== out.length) {
          return fail(p, `${what} must be distinct`, v);
        }
        if (o.minItems !== undefined && out.length < o.minItems) {
          return fail(p, `need at least ${o.minItems}${o.distinct ? " distinct" : ""} ${what}`, v);
        }
        return out;
      },
    },
    o,
  );
}

export function record<T>(item: Field<T>, o: Opt<Record<string, T>> & { keys?: Grammar; type?: string }): Field<Record<string, T>> {
  return withDefault(
    {
      type: o.type ?? `map of ${item.type}`,
      doc: o.doc,
      check(v, p) {
        if (typeof v !== "object" || v === null || Array.isArray(v)) return fail(p, "must be a map", v);
        const out: [string, T][] = [];
        for (const [k, x] of Object.entries(v)) {
          const at = childPath(p, k);
          if (o.keys && !o.keys.test(k)) throw new ConfigError(`${at}: the key must be ${o.keys.text}`);
          out.push([k, item.parse(x, at)]);
        }
        // fromEntries defines own properties: a "__proto__" key stays a key.
        return Object.fromEntries(out);
      },
    },
    o,
  );
}

type Parsed<F> = { [K in keyof F]: F[K] extends Field<infer T> ? T : never };

/** An object with a closed set of keys: a typo is an error that lists the allowed keys. */
export function obj<F extends Record<string, Field<unknown>>>(fields: F, o: { doc: string; optional?: boolean }): Field<Parsed<F>> {
  return {
    type: "object",
    doc: o.doc,
    defaultText: o.optional ? "see fields" : undefined,
    fields,
    parse(v, p) {
      if (v === undefined || v === null) {
        if (!o.optional) return fail(p, "is required (an object)", v);
        v = {};
      }
      if (typeof v !== "object" || Array.isArray(v)) return fail(p, "must be an object", v);
      const known = Object.keys(fields);
      for (const k of Object.keys(v as object)) {
        // The value is not shown: a mistyped key may well hold a secret.
        if (!known.includes(k)) throw new ConfigError(`${childPath(p, k)}: ${unknownKey(k, known)}`);
      }
      const own = (k: string) => (Object.prototype.hasOwnProperty.call(v, k) ? (v as Record<string, unknown>)[k] : undefined);
      const out: Record<string, unknown> = {};
      for (const k of known) out[k] = fields[k].parse(own(k), `${p}.${k}`);
      return out as Parsed<F>;
    },
  };
}

/** The rest of an unknown-key error: the allowed keys and, when one is close, the likely intended one. */
export function unknownKey(key: string, known: readonly string[]): string {
  const near = nearest(key, known);
  return `unknown key (allowed: ${known.join(", ")})${near !== undefined ? `; did you mean ${near}?` : ""}`;
}

/** Walks a field tree and yields `path → field` for docs and tests. */
export function* walk(prefix: string, field: Field<unknown>): Generator<[string, Field<unknown>]> {
  yield [prefix, field];
  if (field.fields) for (const [k, f] of Object.entries(field.fields)) yield* walk(`${prefix}.${k}`, f);
}
