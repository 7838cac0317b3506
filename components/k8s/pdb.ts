// PodDisruptionBudgets for graph components, selecting the labels the Dynamo operator puts on pods.
import { DGD_COMPONENT_LABEL, DGD_NAME_LABEL } from "../core/labels";

export interface PdbObject {
  apiVersion: "policy/v1";
  kind: "PodDisruptionBudget";
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: {
    maxUnavailable: number;
    unhealthyPodEvictionPolicy: "AlwaysAllow";
    selector: { matchLabels: Record<string, string> };
  };
}

/** Pod labels of one component of one graph (operator-set: dynamo-facts §3.5). */
export function componentSelector(graphName: string, component: string): Record<string, string> {
  return { [DGD_NAME_LABEL]: graphName, [DGD_COMPONENT_LABEL]: component };
}

/** Kubernetes object names are DNS labels: lower case, no capitals (component names have them). */
export function dnsName(...parts: string[]): string {
  return parts
    .join("-")
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
}

/**
 * One pod of the component may be evicted at a time: drains and node upgrades proceed, and the
 * component never drops by more than one replica. `AlwaysAllow` lets a crash-looping pod be evicted
 * so a broken pod cannot block a drain.
 */
export function componentPdb(graphName: string, namespace: string, component: string, labels: Record<string, string> = {}): PdbObject {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: dnsName(graphName, component), namespace, labels: { ...labels } },
    spec: { maxUnavailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow", selector: { matchLabels: componentSelector(graphName, component) } },
  };
}
