// Tolerations and node affinity: where GPU workers and control-plane-like pods may run.
import { Toleration } from "../core/cluster-facts";

export interface NodeSelectorRequirement {
  key: string;
  operator: "In";
  values: string[];
}
export interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: { matchExpressions: NodeSelectorRequirement[] }[] };
}

/** Plain copies of the cloud layer's GPU tolerations (GPU taint, AKS spot taint), so spot and fallback both fit. */
export function gpuTolerations(facts: readonly Toleration[]): Toleration[] {
  return facts.map((t) => ({ ...t }));
}

/**
 * Nodes carrying every label. Used with the one label all GPU nodes share (spot and fallback alike),
 * and with the on-demand system pool's labels for the operator and the quorum stores.
 */
export function requiredNodeLabels(labels: Readonly<Record<string, string>>): NodeAffinity {
  const matchExpressions = Object.entries(labels).map(([key, value]) => ({ key, operator: "In" as const, values: [value] }));
  return { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions }] } };
}

/** AKS system pools may carry `CriticalAddonsOnly`; platform pods belong there, so they tolerate it. */
export const SYSTEM_TOLERATIONS: readonly Toleration[] = [{ key: "CriticalAddonsOnly", operator: "Exists", effect: "NoSchedule" }];

/** Prefer one pod per zone, require one per node: a rollout with surge still schedules with two zones. */
export function spreadAntiAffinity(selector: Record<string, string>): object {
  return {
    requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: { ...selector } } }],
    preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 100, podAffinityTerm: { topologyKey: "topology.kubernetes.io/zone", labelSelector: { matchLabels: { ...selector } } } },
    ],
  };
}
