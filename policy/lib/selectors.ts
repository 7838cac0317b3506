// Kubernetes label selectors over labels that may be partly unknown during a preview. Label keys come
// from the data, so every lookup is an own-property lookup: `constructor` is a key like any other.
import { dict, hasOwn, isObj, isUnknown, own, Tri, UNKNOWN, Unknown } from "./values";

/** Pod labels: a value may be unknown (e.g. an auto-named object's name), or the whole map may be. */
export type Labels = Record<string, string | Unknown> | Unknown;

export function labelsOf(v: unknown): Labels {
  if (isUnknown(v)) return UNKNOWN;
  const out = dict<string | Unknown>();
  if (!isObj(v)) return out;
  for (const k of Object.keys(v)) {
    const x = v[k];
    if (typeof x === "string" || isUnknown(x)) out[k] = x;
  }
  return out;
}

function valueIs(labels: Record<string, string | Unknown>, key: string, want: (v: string) => boolean): Tri {
  if (!hasOwn(labels, key)) return false;
  const v = labels[key];
  return isUnknown(v) ? UNKNOWN : want(v);
}

function and(xs: Tri[]): Tri {
  if (xs.some((x) => x === false)) return false;
  return xs.some(isUnknown) ? UNKNOWN : true;
}

/**
 * Does a `metav1.LabelSelector` select pods with these labels? A null/absent selector selects nothing
 * (PDB policy/v1 and spread constraints); `{}` selects everything; a mistyped one (matchLabels not a
 * map, matchExpressions not a list) is one the API server rejects, so it selects nothing either.
 */
export function selects(selector: unknown, labels: Labels): Tri {
  if (isUnknown(selector)) return UNKNOWN;
  if (!isObj(selector)) return false;
  if (isUnknown(labels)) return UNKNOWN;
  const parts: Tri[] = [];
  const ml = own(selector, "matchLabels");
  if (isUnknown(ml)) parts.push(UNKNOWN);
  else if (isObj(ml)) {
    for (const k of Object.keys(ml)) {
      const v = ml[k];
      if (isUnknown(v)) parts.push(UNKNOWN);
      else parts.push(typeof v === "string" ? valueIs(labels, k, (x) => x === v) : false);
    }
  } else if (ml !== undefined && ml !== null) parts.push(false); // the API server rejects such a selector
  const me = own(selector, "matchExpressions");
  if (isUnknown(me)) parts.push(UNKNOWN);
  else if (Array.isArray(me)) {
    for (const e of me) parts.push(expression(e, labels));
  } else if (me !== undefined && me !== null) parts.push(false);
  return and(parts);
}

function expression(e: unknown, labels: Record<string, string | Unknown>): Tri {
  if (isUnknown(e)) return UNKNOWN;
  const key = own(e, "key");
  if (isUnknown(key)) return UNKNOWN;
  if (typeof key !== "string") return false;
  const operator = own(e, "operator");
  const rawValues = own(e, "values");
  if (isUnknown(rawValues) || isUnknown(operator)) return UNKNOWN;
  const values = Array.isArray(rawValues) ? rawValues.filter((x): x is string => typeof x === "string") : [];
  switch (operator) {
    case "In":
      return valueIs(labels, key, (v) => values.includes(v));
    case "NotIn": {
      const r = valueIs(labels, key, (v) => values.includes(v));
      return isUnknown(r) ? UNKNOWN : !r;
    }
    case "Exists":
      return hasOwn(labels, key);
    case "DoesNotExist":
      return !hasOwn(labels, key);
    default:
      return false;
  }
}

/**
 * What a selector demands of every pod it selects, for indexing: `all` when it selects every pod with
 * known labels (a `{}` selector), `none` when it can select nothing for certain, else one label key
 * with the values it may have (`values` undefined: any value). A pod whose labels lack the key (and
 * are known) is certainly not selected. `open` marks selectors that demand nothing indexable (NotIn,
 * DoesNotExist): they must be checked against every pod. `maybe` marks selectors with unknown parts
 * and nothing indexable: they never certainly select a pod, but may select any.
 */
export type Demand = { kind: "all" } | { kind: "none" } | { kind: "open" } | { kind: "maybe" } | { kind: "key"; key: string; values?: readonly string[] };

export function demandOf(selector: unknown): Demand {
  if (isUnknown(selector)) return { kind: "maybe" };
  if (!isObj(selector)) return { kind: "none" };
  let best: { key: string; values?: readonly string[] } | undefined;
  let open = false;
  let unknown = false;
  const pick = (key: string, values?: readonly string[]) => {
    // A value list beats a bare key; a shorter list beats a longer one.
    if (!best || (values && (!best.values || values.length < best.values.length))) best = { key, values };
  };
  const ml = own(selector, "matchLabels");
  if (isUnknown(ml)) unknown = true;
  else if (isObj(ml)) {
    for (const k of Object.keys(ml)) {
      const v = ml[k];
      if (isUnknown(v)) unknown = true;
      else if (typeof v !== "string") return { kind: "none" };
      else pick(k, [v]);
    }
  } else if (ml !== undefined && ml !== null) return { kind: "none" };
  const me = own(selector, "matchExpressions");
  if (isUnknown(me)) unknown = true;
  else if (Array.isArray(me)) {
    for (const e of me) {
      const key = own(e, "key");
      const operator = own(e, "operator");
      const values = own(e, "values");
      if (isUnknown(e) || isUnknown(key) || isUnknown(operator) || isUnknown(values)) unknown = true;
      else if (typeof key !== "string") return { kind: "none" };
      else if (operator === "In") pick(key, Array.isArray(values) ? values.filter((x): x is string => typeof x === "string") : []);
      else if (operator === "Exists") pick(key);
      else if (operator === "NotIn" || operator === "DoesNotExist") open = true;
      else return { kind: "none" };
    }
  } else if (me !== undefined && me !== null) return { kind: "none" };
  if (best) return { kind: "key", ...best };
  return unknown ? { kind: "maybe" } : open ? { kind: "open" } : { kind: "all" };
}
