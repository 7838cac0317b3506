// Unknown-safe reading of resource properties. During a preview, values computed by the cloud are
// unknown; the SDK's proxy throws on reading them, which would abort a whole stack policy over one
// resource. So policies first copy props into plain data with unknowns replaced by UNKNOWN, and every
// predicate answers true / false / "unknown" explicitly.

/** The marker for a value that is not known until the update runs. */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

/** The wire sentinels of unknown values (pulumi/pulumi sdk, `@pulumi/policy` proxy). */
const SENTINELS = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);
/** The `@pulumi/policy` proxy hands its raw target out under this key. */
const PROXY_TARGET = "__getSpecialProxyTarget";

export function isUnknown(v: unknown): v is Unknown {
  return v === UNKNOWN;
}

/** Deep copy of props as plain JSON-like data, unknowns as UNKNOWN; never throws. */
export function plain(v: unknown, depth = 0): unknown {
  if (depth > 64) return UNKNOWN;
  if (typeof v === "string") return SENTINELS.has(v) ? UNKNOWN : v;
  if (v === null || typeof v !== "object") return v;
  let raw: unknown = v;
  try {
    const target = (v as Record<string, unknown>)[PROXY_TARGET];
    if (target && typeof target === "object") raw = target;
  } catch {
    return UNKNOWN;
  }
  if (Array.isArray(raw)) return raw.map((x) => plain(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(raw as object)) out[k] = plain((raw as Record<string, unknown>)[k], depth + 1);
  return out;
}

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Reads a path; UNKNOWN as soon as an unknown is met, undefined when the path is absent or mistyped. */
export function at(v: unknown, ...path: (string | number)[]): unknown {
  let cur = v;
  for (const p of path) {
    if (isUnknown(cur)) return UNKNOWN;
    if (typeof p === "number") {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[p];
    } else {
      if (!isObj(cur)) return undefined;
      cur = cur[p];
    }
  }
  return cur;
}

export function str(v: unknown): string | undefined | Unknown {
  if (isUnknown(v)) return UNKNOWN;
  return typeof v === "string" ? v : undefined;
}

/** Integers, also as decimal strings (Helm values and stringified inputs carry both). */
export function int(v: unknown): number | undefined | Unknown {
  if (isUnknown(v)) return UNKNOWN;
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "string" && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

export function bool(v: unknown): boolean | undefined | Unknown {
  if (isUnknown(v)) return UNKNOWN;
  if (typeof v === "boolean") return v;
  if (v === "true") return true;
  if (v === "false") return false;
  return undefined;
}

export function list(v: unknown): unknown[] | Unknown {
  if (isUnknown(v)) return UNKNOWN;
  return Array.isArray(v) ? v : [];
}

/** String map (labels, tags); unknown entries are dropped, an unknown map is UNKNOWN. */
export function strMap(v: unknown): Record<string, string> | Unknown {
  if (isUnknown(v)) return UNKNOWN;
  const out: Record<string, string> = {};
  if (!isObj(v)) return out;
  for (const [k, x] of Object.entries(v)) if (typeof x === "string") out[k] = x;
  return out;
}

/** Three-valued logic for predicates over partly unknown data. */
export type Tri = boolean | Unknown;
export function anyTri(xs: Tri[]): Tri {
  if (xs.some((x) => x === true)) return true;
  return xs.some(isUnknown) ? UNKNOWN : false;
}
