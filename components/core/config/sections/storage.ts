import { DNS_SUBDOMAIN, S3_BUCKET, SIZE } from "../grammar";
import { bool, enumOf, int, obj, str } from "../schema";

export const STORAGE_BACKENDS = ["object", "pvc", "none"] as const;

/** `dynamo-ha:storage` — model weights and checkpoints, and their replication to the DR peer. */
export const storageSection = obj(
  {
    backend: enumOf(STORAGE_BACKENDS, { doc: "S3 / Azure Blob (object), a ReadWriteMany PVC, or none.", default: "object" }),
    allowDataLoss: bool({ doc: "Allow `pulumi destroy` to delete stored data (removes protect/retain). Only ever set explicitly.", default: false }),
    name: str({
      doc: "Bucket (AWS) or storage account (Azure) name; both are globally unique.",
      defaultText: "dynamo-ha-<stack>-checkpoints (AWS), dynha<stack> (Azure, 24 characters)",
      pattern: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      patternText: "3–63 lowercase letters, digits, '.' or '-'",
    }),
    prefix: str({ doc: "Key prefix (AWS) or container (Azure) holding checkpoints; serving pods may only touch it.", default: "checkpoints", pattern: /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, patternText: "3–63 lowercase letters, digits or '-'" }),
    noncurrentVersionDays: int({ doc: "Days old object versions (AWS) / deleted blobs (Azure soft delete) are kept.", default: 30, min: 1, max: 365 }),
    pvcStorageClass: str({
      doc: "Storage class of the ReadWriteMany PVC (backend pvc). Required on AWS: EKS ships no ReadWriteMany class (install the EFS CSI driver and an EFS-backed class, then name it here).",
      defaultText: "azurefile-premium-retain (Azure Files premium, Retain; created by the stack); none on AWS",
      grammar: DNS_SUBDOMAIN,
    }),
    pvcSize: str({ doc: "Size of the ReadWriteMany PVC.", default: "1Ti", grammar: SIZE }),
    replicateToRegion: str({
      doc: "Region of the DR peer's store to replicate to (primary role only). AWS: S3 cross-region replication; Azure: geo-redundant storage (RA-GZRS), so this must be the location's Azure pair.",
      defaultText: "no replication",
    }),
    replicateToBucket: str({ doc: "AWS: destination bucket in the peer region (its KMS alias is `alias/<bucket>`, dots turned into '-'). It must exist with versioning on before the primary deploys.", defaultText: "the peer stack's default name (from dr.peerStack)", grammar: S3_BUCKET }),
    replicationTimeControl: bool({ doc: "AWS: S3 Replication Time Control (15-minute SLA) with replication metrics.", default: false }),
  },
  { doc: "Model and checkpoint storage.", optional: true },
);
