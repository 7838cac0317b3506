import { StackValidationPolicy } from "@pulumi/policy";
import { T } from "../lib/keys";
import { selects } from "../lib/selectors";
import { cfgInt, stackItems } from "../lib/stack";
import { at, isUnknown, str } from "../lib/values";
import { sameNamespace, WORKLOAD_TYPES, workloadsOf } from "../lib/workloads";

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
    const items = stackItems(args.resources, [...WORKLOAD_TYPES, T.pdb]);
    const pdbs = items.filter((i) => i.type === T.pdb);
    for (const r of items) {
      for (const w of workloadsOf(r.type, r.name, r.props)) {
        if (isUnknown(w.replicas) || w.replicas < minReplicas) continue;
        // Unknown selectors or namespaces get the benefit of the doubt; the update run sees them.
        const covered = pdbs.some((p) => sameNamespace(w.namespace, str(at(p.props, "metadata", "namespace"))) !== false && selects(at(p.props, "spec", "selector"), w.podLabels) !== false);
        if (!covered) {
          const near = pdbs.length ? ` (${pdbs.length} PodDisruptionBudget(s) in the stack, none selects these pods)` : "";
          report(`${w.label} has ${w.replicas} replicas but no PodDisruptionBudget selects its pods${near}.`, r.urn);
        }
      }
    }
  },
};
