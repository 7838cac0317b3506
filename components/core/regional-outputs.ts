// The contract between a regional stack and the global stack: the output names a regional stack
// exports and the global stack reads through StackReference. Both sides import these names, so a
// rename is one edit and cannot leave the two stacks disagreeing.

/** Output names every regional stack exports for global routing. */
export const REGIONAL_OUTPUTS = {
  /** Hostname of the frontend's load balancer (the origin global routing sends traffic to). */
  frontendEndpoint: "frontendEndpoint",
  /** HTTP path health checks probe (`dr.healthPath`). */
  healthPath: "healthPath",
  /** AWS region or Azure location. */
  region: "region",
  /** `primary` or `secondary` (`dr.role`). */
  role: "role",
  /** Failover priority, 1 first (`dr.priority`). */
  priority: "priority",
  /** Active-active weight (`dr.weight`). */
  weight: "weight",
  /** `aws` or `azure`. */
  cloud: "cloud",
} as const;

export type RegionalOutputName = (typeof REGIONAL_OUTPUTS)[keyof typeof REGIONAL_OUTPUTS];

/** Storage outputs a regional stack exports (for operators and the DR peer's replication target). */
export const STORAGE_OUTPUTS = {
  backend: "checkpointBackend",
  location: "checkpointLocation",
  store: "checkpointStore",
} as const;

/** The stack name (last segment) of a fully qualified `org/project/stack` reference. */
export function stackNameOf(ref: string): string {
  const parts = ref.split("/");
  return parts[parts.length - 1];
}
