import * as corev1 from "@pulumi/kubernetes/core/v1";
import { RegionalConfig } from "../core/config";
import { ClusterFacts } from "../core/cluster-facts";
import { dataProtection } from "../core/storage-plan";
import { resolveGraph } from "./graph-settings";
import { podSecurityLabels } from "./pod-security";

/** Labels on every Kubernetes object the layer declares itself. */
export const LAYER_LABELS = { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "dynamo-ha" } as const;

/**
 * The graph's namespace. Created before the storage layer, whose volume claim lives in it, and
 * before the Kubernetes layer, whose graph does. Deleting a namespace deletes every claim and Secret in
 * it whatever their own options say, so it is kept like the stored data (`storage.allowDataLoss`).
 * Pod Security Admission enforces `baseline` and reports `restricted` (pod-security.ts).
 */
export function graphNamespace(c: RegionalConfig, facts: ClusterFacts): corev1.Namespace {
  return new corev1.Namespace(
    "graph-ns",
    { metadata: { name: resolveGraph(c).namespace, labels: { ...LAYER_LABELS, ...podSecurityLabels(c.cluster.kubernetesVersion) } } },
    { provider: facts.provider, dependsOn: [...facts.readyResources], ...dataProtection(c.storage.allowDataLoss) },
  );
}
