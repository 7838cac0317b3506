import { StackValidationPolicy } from "@pulumi/policy";
import { allowedDisruptions, alwaysBlocks, Budget } from "../lib/budget";
import { offendingPdbs, PdbEntry, pdbIndex, pdbList } from "../lib/pdb-index";
import { isUnknown, Unknown } from "../lib/values";

const blocks = (b: Budget | Unknown, replicas: number) => allowedDisruptions(b, replicas) === 0;

/**
 * A PDB that allows no eviction stops `kubectl drain`, node-pool upgrades and the autoscaler for good.
 * One violation per blocked workload, naming the PDBs that block it; a PDB that blocks whatever it
 * selects is reported on itself when no workload of the stack names it.
 */
export const pdbAllowsDrain: StackValidationPolicy = {
  name: "pdb-allows-drain",
  description: "A PodDisruptionBudget must let a drain evict at least one pod: no maxUnavailable 0, no minAvailable 100% or at least the replicas it selects.",
  remediationSteps: "Use maxUnavailable: 1 (or a percentage that rounds up to at least 1 pod), or a minAvailable below the replica count; scale the workload to 2 or more replicas first if needed.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const ix = pdbIndex(args.resources);
    const named = new Set<PdbEntry>();
    const namedLists = new Set<readonly PdbEntry[]>();
    const memo = new Map<string, PdbEntry[]>();
    for (const { urn, w } of ix.workloads) {
      // A workload with no pods has nothing to evict.
      if (isUnknown(w.replicas) || w.replicas < 1) continue;
      const bad = offendingPdbs(ix, w, w.replicas, blocks, memo);
      if (bad.count === 0) continue;
      bad.own.forEach((p) => named.add(p));
      if (!namedLists.has(bad.shared)) {
        namedLists.add(bad.shared);
        bad.shared.forEach((p) => named.add(p));
      }
      const verb = bad.count === 1 ? "lets" : "let";
      report(`${pdbList(bad)} ${verb} no pod of ${w.label} (${w.replicas} replicas) be evicted; node drains and upgrades would block.`, urn);
    }
    for (const p of ix.pdbs) {
      if (named.has(p)) continue;
      const always = alwaysBlocks(p.budget);
      if (always) report(`${p.label}: ${always}; node drains and upgrades would block.`, p.item.urn);
    }
  },
};
