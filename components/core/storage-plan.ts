// Pure decisions about the model/checkpoint store: names, the replication destination, and the
// region pairs Azure geo-redundant storage replicates between. No Pulumi resources here.

/** S3 bucket names: 3–63 characters of lowercase letters, digits, "-" and "."; globally unique. */
export function s3BucketName(stack: string): string {
  const base = `dynamo-ha-${stack}-checkpoints`.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/-+/g, "-");
  return base.length <= 63 ? base : base.slice(0, 63).replace(/-+$/, "");
}

/** Azure storage account names: 3–24 lowercase letters and digits; globally unique. */
export function azureAccountName(stack: string): string {
  const clean = stack.toLowerCase().replace(/[^a-z0-9]/g, "");
  return `dynha${clean}`.slice(0, 24);
}

/**
 * KMS alias of a bucket's checkpoint key. Aliases allow letters, digits, "/", "_" and "-" but no
 * ".", which bucket names may contain: dots become "-". The replicating side computes the peer's
 * alias with this same function.
 */
export function kmsAliasFor(bucket: string): string {
  return `alias/${bucket.replace(/[^a-zA-Z0-9/_-]/g, "-")}`;
}

/** KMS alias of a stack's checkpoint key; the peer's alias ARN is the replica key of replication. */
export function kmsAliasName(stack: string): string {
  return kmsAliasFor(s3BucketName(stack));
}

/**
 * Azure region pairs (geo-redundant storage copies to the pair; the pair cannot be chosen).
 * Source: Azure "cross-region replication" region pair table. Some pairs are one-way (westus3 → eastus).
 */
export const AZURE_REGION_PAIRS: Readonly<Record<string, string>> = {
  eastus: "westus",
  westus: "eastus",
  eastus2: "centralus",
  centralus: "eastus2",
  westus2: "westcentralus",
  westcentralus: "westus2",
  westus3: "eastus",
  northcentralus: "southcentralus",
  southcentralus: "northcentralus",
  canadacentral: "canadaeast",
  canadaeast: "canadacentral",
  northeurope: "westeurope",
  westeurope: "northeurope",
  uksouth: "ukwest",
  ukwest: "uksouth",
  francecentral: "francesouth",
  germanywestcentral: "germanynorth",
  swedencentral: "swedensouth",
  japaneast: "japanwest",
  japanwest: "japaneast",
  australiaeast: "australiasoutheast",
  australiasoutheast: "australiaeast",
  southeastasia: "eastasia",
  eastasia: "southeastasia",
  centralindia: "southindia",
  koreacentral: "koreasouth",
};

/** Where the primary's store replicates to, resolved from config (undefined: no replication). */
export interface ReplicationTarget {
  readonly region: string;
  /** Destination bucket (AWS) in the peer region. */
  readonly bucket: string;
  /** KMS alias in the destination region used to encrypt replicas (AWS). */
  readonly kmsAlias: string;
  readonly timeControl: boolean;
}

export interface ReplicationInput {
  readonly replicateToRegion?: string;
  readonly replicateToBucket?: string;
  readonly replicationTimeControl: boolean;
  readonly peerStack?: string;
}

/**
 * The destination defaults to the peer stack's own store (same naming scheme on both sides), so a
 * pair of stacks replicates without naming buckets by hand.
 */
export function replicationTarget(s: ReplicationInput): ReplicationTarget | undefined {
  if (!s.replicateToRegion) return undefined;
  const peer = s.peerStack ?? "";
  const bucket = s.replicateToBucket ?? s3BucketName(peer);
  return { region: s.replicateToRegion, bucket, kmsAlias: kmsAliasFor(bucket), timeControl: s.replicationTimeControl };
}

/** Protection of stored data: on unless `allowDataLoss` is set, and then both protect and retain go. */
export function dataProtection(allowDataLoss: boolean): { protect: boolean; retainOnDelete: boolean } {
  return { protect: !allowDataLoss, retainOnDelete: !allowDataLoss };
}
