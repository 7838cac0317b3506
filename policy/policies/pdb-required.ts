import { StackValidationPolicy } from "@pulumi/policy";
import { candidatePdbs, pdbIndex, pdbSelects, selectAllMayCover } from "../lib/pdb-index";
import { cfgInt } from "../lib/stack";
import { isUnknown } from "../lib/values";

export interface PdbRequiredConfig {
  minReplicas?: number;
}

/** Without a PDB, a node drain or cluster upgrade may evict every replica of a workload at once. */
export const pdbRequired: StackValidationPolicy = {
  name: "pdb-required",
  description: "Every workload with 2 or more replicas (Deployment, StatefulSet, DynamoGraphDeployment component) has a PodDisruptionBudget that selects its pods.",
  remediationSteps:
    "Add a policy/v1 PodDisruptionBudget in the workload's namespace whose spec.selector matches the pod template labels; for a DynamoGraphDeployment component match the operator's pod labels nvidia.com/dynamo-graph-deployment-name=<graph> and nvidia.com/dynamo-component=<component>.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: { properties: { minReplicas: { type: "integer", minimum: 1, default: 2 } } },
  validateStack: (args, report) => {
    const minReplicas = cfgInt(args.getConfig<PdbRequiredConfig>() as Record<string, unknown>, "minReplicas", 2);
    const ix = pdbIndex(args.resources);
    for (const { urn, w } of ix.workloads) {
      if (isUnknown(w.replicas) || w.replicas < minReplicas) continue;
      // Unknown selectors or namespaces get the benefit of the doubt; the update run sees them.
      let covered = selectAllMayCover(ix, w);
      for (const p of covered ? [] : candidatePdbs(ix, w, false)) {
        if (pdbSelects(p, w) !== false) {
          covered = true;
          break;
        }
      }
      if (!covered) {
        const near = ix.pdbs.length ? ` (${ix.pdbs.length} PodDisruptionBudget(s) in the stack, none selects these pods)` : "";
        report(`${w.label} has ${w.replicas} replicas but no PodDisruptionBudget selects its pods${near}.`, urn);
      }
    }
  },
};
