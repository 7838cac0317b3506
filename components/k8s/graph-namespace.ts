import * as corev1 from "@pulumi/kubernetes/core/v1";
import { RegionalConfig } from "../core/config";
import { ClusterFacts } from "../core/cluster-facts";
import { resolveGraph } from "./graph-settings";

/** Labels on every Kubernetes object the layer declares itself. */
export const LAYER_LABELS = { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "dynamo-ha" } as const;

/**
 * The graph's namespace. Created before the storage layer, whose volume claim lives in it, and
 * before the Kubernetes layer, whose graph does.
 */
export function graphNamespace(c: RegionalConfig, facts: ClusterFacts): corev1.Namespace {
  return new corev1.Namespace(
    "graph-ns",
    { metadata: { name: resolveGraph(c).namespace, labels: { ...LAYER_LABELS } } },
    { provider: facts.provider, dependsOn: [...facts.readyResources] },
  );
}
