// Names and label values of the EKS layer, in one pure place: node group name prefixes are what the
// plan's capacity rows, the autoscaler's priority expander and the cloud console all show.
import { CapacityType } from "../core/sizing";

/** The cluster name: `cluster.name`, else `dynamo-<stack>`. */
export { eksClusterName as clusterName } from "../core/cluster-names";

/**
 * Characters the provider appends to a node group name prefix (a timestamp and a counter). EKS allows
 * 63-character node group names, so a prefix may have at most 63 minus this.
 */
export const NAME_PREFIX_SUFFIX_LENGTH = 26;
export const MAX_NODE_GROUP_PREFIX_LENGTH = 63 - NAME_PREFIX_SUFFIX_LENGTH;

/**
 * The node group name prefix of one zone and capacity type, e.g. `gpu-spot-us-east-1a-`. Node groups
 * get a unique name after it: changing instance types, disk size, AMI type, capacity type or subnets
 * replaces a node group, and the replacement is created before the old group is deleted, which a fixed
 * name would collide with (and deleting first would leave the zone without GPUs meanwhile).
 */
export function gpuNodeGroupPrefix(zone: string, capacityType: CapacityType): string {
  return `gpu-${capacityType === "spot" ? "spot" : "ondemand"}-${zone}-`;
}

/** Name prefix of the system node group (unique names for the same reason as the GPU groups). */
export const SYSTEM_NODE_GROUP_PREFIX = "system-";

/**
 * Priority-expander patterns. The expander matches Auto Scaling group names, and EKS names a managed
 * node group's group `eks-<nodeGroupName>-<uuid>`, here `eks-gpu-spot-<zone>-<suffix>-<uuid>`.
 */
export function asgNamePattern(capacityType: CapacityType): string {
  return `^eks-gpu-${capacityType === "spot" ? "spot" : "ondemand"}-.*`;
}

/** Label values allow `[A-Za-z0-9._-]`, at most 63 characters, alphanumeric at both ends. */
export function labelValue(raw: string): string {
  const cleaned = raw.replace(/[^A-Za-z0-9._-]/g, "-").slice(0, 63);
  return cleaned.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "");
}
