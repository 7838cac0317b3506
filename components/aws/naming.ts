// Names and label values of the EKS layer, in one pure place: node group names are what the plan's
// capacity rows, the autoscaler's priority expander and the cloud console all show.
import { CapacityType } from "../core/sizing";

/** The cluster name: `cluster.name`, else `dynamo-<stack>`. */
export function clusterName(configured: string | undefined, stack: string): string {
  return configured ?? `dynamo-${stack}`;
}

/** The GPU node group of one zone and capacity type, e.g. `gpu-spot-us-east-1a`. */
export function gpuNodeGroupName(zone: string, capacityType: CapacityType): string {
  return `gpu-${capacityType === "spot" ? "spot" : "ondemand"}-${zone}`;
}

export const SYSTEM_NODE_GROUP = "system";

/**
 * Priority-expander patterns. The expander matches Auto Scaling group names, and EKS names a managed
 * node group's group `eks-<nodeGroupName>-<uuid>`.
 */
export function asgNamePattern(capacityType: CapacityType): string {
  return `^eks-gpu-${capacityType === "spot" ? "spot" : "ondemand"}-.*`;
}

/** Label values allow `[A-Za-z0-9._-]`, at most 63 characters, alphanumeric at both ends. */
export function labelValue(raw: string): string {
  const cleaned = raw.replace(/[^A-Za-z0-9._-]/g, "-").slice(0, 63);
  return cleaned.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "");
}
