// PodDisruptionBudget arithmetic, as the disruption controller does it (both fields round up).
import { isObj, isUnknown, UNKNOWN, Unknown } from "./values";

export type IntOrPercent = { n: number } | { percent: number };

export function intOrPercent(v: unknown): IntOrPercent | undefined | Unknown {
  if (isUnknown(v)) return UNKNOWN;
  if (typeof v === "number" && Number.isInteger(v) && v >= 0) return { n: v };
  if (typeof v === "string") {
    const m = /^(\d+)%$/.exec(v.trim());
    if (m) return { percent: Number(m[1]) };
    if (/^\d+$/.test(v.trim())) return { n: Number(v.trim()) };
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
  const min = intOrPercent(pdbSpec.minAvailable);
  const max = intOrPercent(pdbSpec.maxUnavailable);
  if (min !== undefined) b.minAvailable = min;
  if (max !== undefined) b.maxUnavailable = max;
  return b;
}

function scaled(v: IntOrPercent, replicas: number): number {
  return "n" in v ? v.n : Math.ceil((v.percent * replicas) / 100);
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
  if (max !== undefined && !isUnknown(max) && (("n" in max && max.n === 0) || ("percent" in max && max.percent === 0))) {
    return `maxUnavailable ${"n" in max ? 0 : "0%"} allows no eviction`;
  }
  const min = b.minAvailable;
  if (min !== undefined && !isUnknown(min) && "percent" in min && min.percent >= 100) return `minAvailable ${min.percent}% allows no eviction`;
  return undefined;
}
