// The cluster-autoscaler's Helm values and its priority-expander ConfigMap, pure.
import { LABEL_ZONE } from "../core/labels";
import { VERSIONS } from "../core/versions";
import { asgNamePattern } from "./naming";

export const AUTOSCALER_NAMESPACE = "kube-system";
export const AUTOSCALER_SERVICE_ACCOUNT = "cluster-autoscaler";
/** The expander reads exactly this ConfigMap name in its own namespace. */
export const PRIORITY_EXPANDER_CONFIGMAP = "cluster-autoscaler-priority-expander";

/** Higher wins: spot GPU groups, then on-demand GPU groups, then anything else (the system group). */
export const EXPANDER_PRIORITIES: Readonly<Record<number, readonly string[]>> = {
  50: [asgNamePattern("spot")],
  20: [asgNamePattern("on-demand")],
  1: [".*"],
};

/** The `priorities` key of the ConfigMap: YAML mapping priority → list of name regexes. */
export function prioritiesYaml(p: Readonly<Record<number, readonly string[]>> = EXPANDER_PRIORITIES): string {
  return Object.keys(p)
    .map(Number)
    .sort((a, b) => b - a)
    .map((k) => `${k}:\n${p[k].map((r) => `  - ${JSON.stringify(r)}`).join("\n")}`)
    .join("\n") + "\n";
}

export function priorityExpanderConfigMap(): { apiVersion: "v1"; kind: "ConfigMap"; metadata: { name: string; namespace: string }; data: { priorities: string } } {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name: PRIORITY_EXPANDER_CONFIGMAP, namespace: AUTOSCALER_NAMESPACE }, data: { priorities: prioritiesYaml() } };
}

export function autoscalerValues(a: { clusterName: string; region: string; systemNodeLabels: Record<string, string> }): Record<string, unknown> {
  const [repository, tag] = VERSIONS.clusterAutoscaler.image.split(/:(?=[^:]+$)/);
  return {
    cloudProvider: "aws",
    awsRegion: a.region,
    autoDiscovery: { clusterName: a.clusterName },
    image: { repository, tag },
    // Credentials come from EKS Pod Identity bound to this service account.
    rbac: { create: true, serviceAccount: { create: true, name: AUTOSCALER_SERVICE_ACCOUNT } },
    // Two replicas with leader election: scaling survives losing the node (or zone) one runs in.
    replicaCount: 2,
    podDisruptionBudget: { maxUnavailable: 1 },
    priorityClassName: "system-cluster-critical",
    nodeSelector: a.systemNodeLabels,
    extraArgs: {
      "balance-similar-node-groups": true,
      // Per-zone groups differ only in our zone label; ignoring it lets the autoscaler balance them.
      "balancing-ignore-label": LABEL_ZONE,
      expander: "priority",
      "skip-nodes-with-system-pods": false,
      "leader-elect": true,
    },
    // Spread the replicas over zones; a failed zone's tainted nodes do not count as a domain.
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: "topology.kubernetes.io/zone",
        whenUnsatisfiable: "DoNotSchedule",
        nodeTaintsPolicy: "Honor",
        labelSelector: { matchLabels: { "app.kubernetes.io/name": "aws-cluster-autoscaler" } },
      },
    ],
  };
}
