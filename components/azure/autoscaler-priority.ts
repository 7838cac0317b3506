// The cluster autoscaler's priority expander ConfigMap: scale spot pools first, regular pools when
// spot has no capacity. The AKS-managed autoscaler reads this ConfigMap (kube-system,
// cluster-autoscaler-priority-expander) when the cluster's autoScalerProfile.expander is "priority".
import * as corev1 from "@pulumi/kubernetes/core/v1";
import { Provider } from "@pulumi/kubernetes/provider";
import * as pulumi from "@pulumi/pulumi";
import { CapacityType } from "../core/sizing";
import { POOL_PREFIX } from "./naming";

export const PRIORITY_EXPANDER_NAME = "cluster-autoscaler-priority-expander";
export const PRIORITY_EXPANDER_NAMESPACE = "kube-system";

/** Higher wins. Anything else (the System pool) comes last but stays eligible. */
export const PRIORITIES: Readonly<Record<CapacityType | "other", number>> = { spot: 50, "on-demand": 20, other: 1 };

/**
 * The `priorities` document: priority → regexes over node group names. AKS node groups are the
 * pools' scale sets, named `aks-<pool>-<hash>-vmss`, so the pool-name prefixes match them.
 */
export function priorityExpanderPriorities(): string {
  const rows: [number, string][] = [
    [PRIORITIES.spot, `.*-${POOL_PREFIX.spot}[0-9]+-.*`],
    [PRIORITIES["on-demand"], `.*-${POOL_PREFIX["on-demand"]}[0-9]+-.*`],
    [PRIORITIES.other, ".*"],
  ];
  return rows.map(([p, re]) => `${p}:\n  - "${re}"\n`).join("");
}

export interface PriorityExpanderArgs {
  /** Provider of the cluster. */
  readonly provider: Provider;
  /**
   * Resources (the GPU pools) whose node groups the priorities name.
   * @default []
   */
  readonly dependsOn?: pulumi.Resource[];
}

/** @param opts parent and aliases (the provider and dependencies come from `args`). */
export function priorityExpanderConfigMap(name: string, args: PriorityExpanderArgs, opts: pulumi.CustomResourceOptions = {}): corev1.ConfigMap {
  return new corev1.ConfigMap(
    name,
    {
      metadata: { name: PRIORITY_EXPANDER_NAME, namespace: PRIORITY_EXPANDER_NAMESPACE, labels: { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "dynamo-ha" } },
      data: { priorities: priorityExpanderPriorities() },
    },
    { ...opts, provider: args.provider, dependsOn: args.dependsOn ?? [] },
  );
}
