// PodDisruptionBudget arithmetic, as the disruption controller does it (both fields round up).
import { isObj, isUnknown, own, UNKNOWN, Unknown } from "./values";

export type IntOrPercent = { kind: "n"; n: number } | { kind: "percent"; percent: number };

/** A count or a percentage; anything else (negative, fractional, beyond a safe integer) is no budget. */
export function intOrPercent(v: unknown): IntOrPercent | undefined | Unknown {
  if (isUnknown(v)) return UNKNOWN;
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return { kind: "n", n: v };
  if (typeof v === "string" && v.length <= 24) {
    const m = /^(\d+)%$/.exec(v.trim());
    const p = m ? Number(m[1]) : NaN;
    if (Number.isSafeInteger(p)) return { kind: "percent", percent: p };
    const n = /^\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
    if (Number.isSafeInteger(n)) return { kind: "n", n };
  }
  return undefined;
}

export interface Budget {
  minAvailable?: IntOrPercent | Unknown;
  maxUnavailable?: IntOrPercent | Unknown;
}

export function budgetOf(pdbSpec: unknown): Budget | Unknown {
  if (isUnknown(pdbSpec)) return UNKNOWN;
  if (!isObj(pdbSpec)) return {};
  const b: Budget = {};
  const min = intOrPercent(own(pdbSpec, "minAvailable"));
  const max = intOrPercent(own(pdbSpec, "maxUnavailable"));
  if (min !== undefined) b.minAvailable = min;
  if (max !== undefined) b.maxUnavailable = max;
  return b;
}

function scaled(v: IntOrPercent, replicas: number): number {
  // Percentages above 100 are legal in the API; cap them so huge values stay finite.
  return v.kind === "n" ? v.n : Math.ceil((Math.min(v.percent, 100) * replicas) / 100);
}

/**
 * How many of `replicas` pods the budget lets a drain evict at once; UNKNOWN when a field is unknown,
 * undefined when the PDB sets neither field (no budget to judge).
 */
export function allowedDisruptions(b: Budget | Unknown, replicas: number): number | undefined | Unknown {
  if (isUnknown(b)) return UNKNOWN;
  if (b.maxUnavailable !== undefined) {
    if (isUnknown(b.maxUnavailable)) return UNKNOWN;
    return Math.max(0, Math.min(replicas, scaled(b.maxUnavailable, replicas)));
  }
  if (b.minAvailable !== undefined) {
    if (isUnknown(b.minAvailable)) return UNKNOWN;
    return Math.max(0, replicas - scaled(b.minAvailable, replicas));
  }
  return undefined;
}

/** Budgets that block every voluntary eviction whatever the replica count. */
export function alwaysBlocks(b: Budget | Unknown): string | undefined {
  if (isUnknown(b)) return undefined;
  const max = b.maxUnavailable;
  if (max !== undefined && !isUnknown(max) && ((max.kind === "n" && max.n === 0) || (max.kind === "percent" && max.percent === 0))) {
    return `maxUnavailable ${max.kind === "n" ? 0 : "0%"} allows no eviction`;
  }
  const min = b.minAvailable;
  if (min !== undefined && !isUnknown(min) && min.kind === "percent" && min.percent >= 100) return `minAvailable ${min.percent}% allows no eviction`;
  return undefined;
}
