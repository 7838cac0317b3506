import { StackValidationPolicy } from "@pulumi/policy";
import { allowedDisruptions, alwaysBlocks, Budget, budgetOf } from "../lib/budget";
import { T } from "../lib/keys";
import { selects } from "../lib/selectors";
import { StackItem, stackItems } from "../lib/stack";
import { at, isUnknown, str, Unknown } from "../lib/values";
import { sameNamespace, Workload, WORKLOAD_TYPES, workloadsOf } from "../lib/workloads";

export interface PdbMatch {
  pdb: StackItem;
  label: string;
  budget: Budget | Unknown;
  /** Workloads the PDB certainly selects (unknown selectors are left to the update run). */
  matched: { urn: string; w: Workload }[];
}

/** Each PDB of a stack with its budget and the workloads it selects. */
export function pdbPairs(resources: Parameters<StackValidationPolicy["validateStack"]>[0]["resources"]): PdbMatch[] {
  const items = stackItems(resources, [...WORKLOAD_TYPES, T.pdb]);
  const workloads: { urn: string; w: Workload }[] = [];
  for (const r of items) for (const w of workloadsOf(r.type, r.name, r.props)) workloads.push({ urn: r.urn, w });
  return items
    .filter((i) => i.type === T.pdb)
    .map((p) => {
      const ns = str(at(p.props, "metadata", "namespace"));
      const name = str(at(p.props, "metadata", "name"));
      const selector = at(p.props, "spec", "selector");
      const matched = workloads.filter(({ w }) => sameNamespace(ns, w.namespace) === true && selects(selector, w.podLabels) === true);
      return { pdb: p, label: `PodDisruptionBudget ${typeof name === "string" ? name : p.name}`, budget: budgetOf(at(p.props, "spec")), matched };
    });
}

/** A PDB that allows no eviction stops `kubectl drain`, node-pool upgrades and the autoscaler for good. */
export const pdbAllowsDrain: StackValidationPolicy = {
  name: "pdb-allows-drain",
  description: "A PodDisruptionBudget must let a drain evict at least one pod: no maxUnavailable 0, no minAvailable 100% or at least the replicas it selects.",
  remediationSteps: "Use maxUnavailable: 1 (or a percentage that rounds up to at least 1 pod), or a minAvailable below the replica count; scale the workload to 2 or more replicas first if needed.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    for (const { pdb, label, budget, matched } of pdbPairs(args.resources)) {
      const always = alwaysBlocks(budget);
      if (always) {
        report(`${label}: ${always}; node drains and upgrades would block.`, pdb.urn);
        continue;
      }
      for (const { w } of matched) {
        if (isUnknown(w.replicas)) continue;
        const allowed = allowedDisruptions(budget, w.replicas);
        if (allowed === 0) report(`${label} lets no pod of ${w.label} (${w.replicas} replicas) be evicted; node drains and upgrades would block.`, pdb.urn);
      }
    }
  },
};
