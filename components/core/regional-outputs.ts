// The contract between a regional stack and the global stack: the output names a regional stack
// exports and the global stack reads through StackReference. Both sides import these names, so a
// rename is one edit and cannot leave the two stacks disagreeing.

/** Output names every regional stack exports for global routing. */
export const REGIONAL_OUTPUTS = {
  /**
   * Bare hostname (or IP address) of the frontend's public TLS edge (`exposure.edge`: the ALB's or
   * Front Door endpoint's name), else of its load balancer: what Route 53 health checks and records,
   * Front Door origins and Traffic Manager endpoints target. No scheme, no port.
   */
  frontendHost: "frontendHost",
  /** TCP port the frontend answers on behind that host (443 at the edge, else 8000). */
  frontendPort: "frontendPort",
  /** `HTTPS` at the edge, else `HTTP`: what health checks and origins speak to the host. Global routing takes HTTPS only. */
  frontendProtocol: "frontendProtocol",
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

/** `https://<edge host>` or `http://<host>:<port>`: the frontend's URL for people (the global stack does not read it). */
export const FRONTEND_URL_OUTPUT = "frontendEndpoint";

/**
 * Storage outputs a regional stack exports: for operators, and the store identity the DR primary
 * reads from its peer (never guesses) to replicate into it.
 */
export const STORAGE_OUTPUTS = {
  /** `s3`, `azure-blob`, `pvc` or `none`. */
  backend: "checkpointBackend",
  location: "checkpointLocation",
  /** Bucket (AWS) or storage account (Azure) name. */
  store: "checkpointStore",
  /** Key prefix (AWS) or container (Azure) holding checkpoints (`storage.prefix`). */
  checkpointPrefix: "checkpointPrefix",
  /** Key prefix (AWS) or container (Azure) holding model weights (`storage.modelPrefix`). */
  modelPrefix: "modelPrefix",
  /** AWS: the bucket's ARN (the replication destination). */
  bucketArn: "checkpointBucketArn",
  /** AWS: ARN of the bucket's KMS key (replicas written into the bucket are encrypted with it). */
  keyArn: "checkpointKeyArn",
  /** Azure: the storage account's resource ID (object replication names both accounts by ID). */
  accountId: "checkpointAccountId",
} as const;

/** The stack name (last segment) of a fully qualified `org/project/stack` reference. */
export function stackNameOf(ref: string): string {
  const parts = ref.split("/");
  return parts[parts.length - 1];
}
