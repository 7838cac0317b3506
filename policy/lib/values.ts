// Unknown-safe reading of resource properties. During a preview, values computed by the cloud are
// unknown; the SDK's proxy throws on reading them, which would abort a whole stack policy over one
// resource. So policies first copy props into plain data with unknowns replaced by UNKNOWN, and every
// predicate answers true / false / "unknown" explicitly. Every property is untrusted: reads are of own
// properties only, and nothing here throws for any JSON value.
import { types } from "util";

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
/** The `@pulumi/policy` proxies hand their raw target out under this key. */
const PROXY_TARGET = "__getSpecialProxyTarget";

export function isUnknown(v: unknown): v is Unknown {
  return v === UNKNOWN;
}

/** Own properties only: a key named `constructor` or `toString` must not find Object.prototype's. */
export function hasOwn(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** A map without a prototype, so any string (also `__proto__`) is an ordinary key. */
export function dict<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/**
 * Deep copy of props as plain JSON-like data, unknowns as UNKNOWN; never throws. Objects come out
 * without a prototype, so no key of the data can reach a prototype's members. Only real proxies are
 * unwrapped: a data key named like the proxy's hook is just data.
 */
export function plain(v: unknown): unknown {
  return copy(v, 0, false);
}

/** plain(), every object and array of the copy frozen as it is made. */
function copy(v: unknown, depth: number, freeze: boolean): unknown {
  if (depth > 64) return UNKNOWN;
  if (typeof v === "string") return SENTINELS.has(v) ? UNKNOWN : v;
  if (v === null || typeof v !== "object") return typeof v === "function" || typeof v === "symbol" ? undefined : v;
  let raw: unknown = v;
  try {
    if (types.isProxy(v)) {
      const target = (v as Record<string, unknown>)[PROXY_TARGET];
      if (target && typeof target === "object") raw = target;
    }
    let out: unknown;
    if (Array.isArray(raw)) out = raw.map((x) => copy(x, depth + 1, freeze));
    else {
      const o = dict<unknown>();
      for (const k of Object.keys(raw as object)) o[k] = copy((raw as Record<string, unknown>)[k], depth + 1, freeze);
      out = o;
    }
    return freeze ? Object.freeze(out) : out;
  } catch {
    return UNKNOWN;
  }
}

const copies = new WeakMap<object, unknown>();

/**
 * plain() of the props the library hands a policy, made once per decoded object and frozen: the pack
 * decodes each resource once (shared-deserialize.ts) and gives every policy its own proxy over it, so
 * every policy can read the same copy. Props that are not the library's proxies are copied each time.
 */
export function plainProps(props: unknown): unknown {
  let target: unknown;
  try {
    target = types.isProxy(props) ? (props as Record<string, unknown>)[PROXY_TARGET] : undefined;
  } catch {
    target = undefined;
  }
  if (!target || typeof target !== "object") return plain(props);
  let frozen = copies.get(target);
  if (frozen === undefined) {
    frozen = copy(target, 0, true);
    copies.set(target, frozen);
  }
  return frozen;
}

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** An own property of an object; undefined for anything else (arrays, primitives, inherited keys). */
export function own(v: unknown, k: string): unknown {
  return isObj(v) && hasOwn(v, k) ? v[k] : undefined;
}

/** Reads a path; UNKNOWN as soon as an unknown is met, undefined when the path is absent or mistyped. */
export function at(v: unknown, ...path: (string | number)[]): unknown {
  let cur = v;
  for (const p of path) {
    if (isUnknown(cur)) return UNKNOWN;
    if (typeof p === "number") {
      if (!Array.isArray(cur) || !Number.isInteger(p) || p < 0 || p >= cur.length) return undefined;
      cur = cur[p];
    } else {
      cur = own(cur, p);
    }
  }
  return cur;
}

export function str(v: unknown): string | undefined | Unknown {
  if (isUnknown(v)) return UNKNOWN;
  return typeof v === "string" ? v : undefined;
}

/** Integers, also as decimal strings (Helm values and stringified inputs carry both); only exact ones. */
export function int(v: unknown): number | undefined | Unknown {
  if (isUnknown(v)) return UNKNOWN;
  if (typeof v === "number" && Number.isSafeInteger(v)) return v;
  if (typeof v === "string" && v.length <= 20 && /^-?\d+$/.test(v.trim())) {
    const n = Number(v.trim());
    return Number.isSafeInteger(n) ? n : undefined;
  }
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
  const out = dict<string>();
  if (!isObj(v)) return out;
  for (const k of Object.keys(v)) {
    const x = v[k];
    if (typeof x === "string") out[k] = x;
  }
  return out;
}

const INVISIBLE = /[\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * A value as message text: safe strings as they are; anything else quoted, control characters
 * escaped and long values cut, so a message stays one line and never stringifies an object.
 */
export function text(v: unknown, max = 80): string {
  if (isUnknown(v)) return "(unknown)";
  if (typeof v === "string") {
    if (v.length > 0 && v.length <= max && /^[A-Za-z0-9._/:@%+-]+$/.test(v)) return v;
    const cut = v.length > max ? `${v.slice(0, max)}…` : v;
    // JSON escapes C0 controls; also escape C1 controls, line separators and bidi/zero-width marks.
    return JSON.stringify(cut).replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  }
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "a non-finite number";
  if (typeof v === "boolean") return String(v);
  if (v === null) return "null";
  if (v === undefined) return "unset";
  return Array.isArray(v) ? "an array" : "an object";
}

/** Three-valued logic for predicates over partly unknown data. */
export type Tri = boolean | Unknown;
export function anyTri(xs: Tri[]): Tri {
  if (xs.some((x) => x === true)) return true;
  return xs.some(isUnknown) ? UNKNOWN : false;
}
