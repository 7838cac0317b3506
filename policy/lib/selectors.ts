// Kubernetes label selectors over labels that may be partly unknown during a preview.
import { isObj, isUnknown, Tri, UNKNOWN, Unknown } from "./values";

/** Pod labels: a value may be unknown (e.g. an auto-named object's name), or the whole map may be. */
export type Labels = Record<string, string | Unknown> | Unknown;

export function labelsOf(v: unknown): Labels {
  if (isUnknown(v)) return UNKNOWN;
  const out: Record<string, string | Unknown> = {};
  if (!isObj(v)) return out;
  for (const [k, x] of Object.entries(v)) if (typeof x === "string" || isUnknown(x)) out[k] = x as string | Unknown;
  return out;
}

function valueIs(labels: Record<string, string | Unknown>, key: string, want: (v: string) => boolean): Tri {
  if (!(key in labels)) return false;
  const v = labels[key];
  return isUnknown(v) ? UNKNOWN : want(v);
}

function and(xs: Tri[]): Tri {
  if (xs.some((x) => x === false)) return false;
  return xs.some(isUnknown) ? UNKNOWN : true;
}

/**
 * Does a `metav1.LabelSelector` select pods with these labels? A null/absent selector selects nothing
 * (PDB policy/v1 and spread constraints); `{}` selects everything.
 */
export function selects(selector: unknown, labels: Labels): Tri {
  if (isUnknown(selector)) return UNKNOWN;
  if (!isObj(selector)) return false;
  if (isUnknown(labels)) return UNKNOWN;
  const parts: Tri[] = [];
  const ml = selector.matchLabels;
  if (isUnknown(ml)) parts.push(UNKNOWN);
  else if (isObj(ml)) {
    for (const [k, v] of Object.entries(ml)) {
      if (isUnknown(v)) parts.push(UNKNOWN);
      else parts.push(typeof v === "string" ? valueIs(labels, k, (x) => x === v) : false);
    }
  }
  const me = selector.matchExpressions;
  if (isUnknown(me)) parts.push(UNKNOWN);
  else if (Array.isArray(me)) {
    for (const e of me) parts.push(expression(e, labels));
  }
  return and(parts);
}

function expression(e: unknown, labels: Record<string, string | Unknown>): Tri {
  if (isUnknown(e)) return UNKNOWN;
  if (!isObj(e) || typeof e.key !== "string") return false;
  const key = e.key;
  if (isUnknown(e.values) || isUnknown(e.operator)) return UNKNOWN;
  const values = Array.isArray(e.values) ? e.values.filter((x): x is string => typeof x === "string") : [];
  switch (e.operator) {
    case "In":
      return valueIs(labels, key, (v) => values.includes(v));
    case "NotIn": {
      const r = valueIs(labels, key, (v) => values.includes(v));
      return isUnknown(r) ? UNKNOWN : !r;
    }
    case "Exists":
      return key in labels;
    case "DoesNotExist":
      return !(key in labels);
    default:
      return false;
  }
}
