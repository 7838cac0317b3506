// Pack config the way the CLI resolves `--policy-pack-config`: each policy starts at its own level and
// schema defaults, the pack's initial config applies, then the file's "all" level, then its per-policy
// entries (a level string, or an object with enforcementLevel and properties); values are checked
// against each policy's configSchema.

export type Level = "advisory" | "mandatory" | "remediate" | "disabled";
export const LEVELS: readonly Level[] = ["advisory", "mandatory", "remediate", "disabled"];

export interface JsonSchema {
  type?: string;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  enum?: unknown[];
  default?: unknown;
}

export interface PolicyMeta {
  name: string;
  enforcementLevel: Level;
  properties: Record<string, JsonSchema>;
  required: string[];
}

export interface PolicySetting {
  level: Level;
  props: Record<string, unknown>;
}

export class PackConfigError extends Error {}

function isLevel(v: unknown): v is Level {
  return typeof v === "string" && (LEVELS as readonly string[]).includes(v);
}

function typeOk(s: JsonSchema, v: unknown): boolean {
  switch (s.type) {
    case "integer":
      return typeof v === "number" && Number.isInteger(v);
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    case "string":
      return typeof v === "string";
    case "boolean":
      return typeof v === "boolean";
    case "array":
      return Array.isArray(v) && (!s.items || v.every((x) => typeOk(s.items!, x)));
    case "object":
      return typeof v === "object" && v !== null && !Array.isArray(v);
    default:
      return true;
  }
}

function check(where: string, p: PolicyMeta, key: string, v: unknown): void {
  const s = p.properties[key];
  if (!s) throw new PackConfigError(`${where}: ${p.name}.${key}: not a property of the policy (allowed: ${Object.keys(p.properties).join(", ") || "none"})`);
  if (!typeOk(s, v)) throw new PackConfigError(`${where}: ${p.name}.${key}: ${s.type}${s.items?.type ? ` of ${s.items.type}` : ""}, got ${JSON.stringify(v)}`);
  if (typeof v === "number" && s.minimum !== undefined && v < s.minimum) throw new PackConfigError(`${where}: ${p.name}.${key}: at least ${s.minimum}, got ${v}`);
  if (typeof v === "number" && s.maximum !== undefined && v > s.maximum) throw new PackConfigError(`${where}: ${p.name}.${key}: at most ${s.maximum}, got ${v}`);
  if (s.enum && !s.enum.includes(v)) throw new PackConfigError(`${where}: ${p.name}.${key}: one of ${JSON.stringify(s.enum)}, got ${JSON.stringify(v)}`);
}

export function reconcileConfig(policies: readonly PolicyMeta[], initial: Record<string, PolicySetting>, file: Record<string, unknown>, where = "policy config"): Map<string, PolicySetting> {
  const out = new Map<string, PolicySetting>();
  for (const p of policies) {
    const props: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(p.properties)) if (s.default !== undefined) props[k] = s.default;
    const init = initial[p.name];
    out.set(p.name, { level: init?.level ?? p.enforcementLevel, props: { ...props, ...(init?.props ?? {}) } });
  }
  const all = file.all;
  if (all !== undefined) {
    if (!isLevel(all)) throw new PackConfigError(`${where}: all: one of ${LEVELS.join(", ")}, got ${JSON.stringify(all)}`);
    for (const s of out.values()) s.level = all;
  }
  for (const [name, entry] of Object.entries(file)) {
    if (name === "all" || name === "environments") continue;
    const p = policies.find((x) => x.name === name);
    const s = out.get(name);
    if (!p || !s) throw new PackConfigError(`${where}: ${name}: not a policy of the pack (policies: ${policies.map((x) => x.name).join(", ")})`);
    if (isLevel(entry)) {
      s.level = entry;
      continue;
    }
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) throw new PackConfigError(`${where}: ${name}: an enforcement level or an object, got ${JSON.stringify(entry)}`);
    for (const [k, v] of Object.entries(entry)) {
      if (k === "enforcementLevel") {
        if (!isLevel(v)) throw new PackConfigError(`${where}: ${name}.enforcementLevel: one of ${LEVELS.join(", ")}, got ${JSON.stringify(v)}`);
        s.level = v;
      } else {
        check(where, p, k, v);
        s.props[k] = v;
      }
    }
  }
  for (const p of policies) {
    const s = out.get(p.name)!;
    for (const k of p.required) if (s.props[k] === undefined) throw new PackConfigError(`${where}: ${p.name}.${k}: required`);
  }
  return out;
}
