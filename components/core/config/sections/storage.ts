import { bool, enumOf, obj, str } from "../schema";

export const STORAGE_BACKENDS = ["object", "pvc", "none"] as const;

/** `dynamo-ha:storage` — model weights and checkpoints, and their replication to the DR peer. */
export const storageSection = obj(
  {
    backend: enumOf(STORAGE_BACKENDS, { doc: "S3 / Azure Blob (object), a ReadWriteMany PVC, or none.", default: "object" }),
    allowDataLoss: bool({ doc: "Allow `pulumi destroy` to delete stored data (removes protect/retain). Only ever set explicitly.", default: false }),
    pvcStorageClass: str({ doc: "Storage class of the ReadWriteMany PVC (backend pvc).", defaultText: "efs-sc (AWS), azurefile-csi-premium (Azure)" }),
    pvcSize: str({ doc: "Size of the ReadWriteMany PVC.", default: "1Ti" }),
    replicateToRegion: str({ doc: "Region of the DR peer's store to replicate to (primary role only).", defaultText: "no replication" }),
    replicateToBucket: str({ doc: "Destination bucket / storage account name in the peer region.", defaultText: "the peer stack's default name" }),
    replicationTimeControl: bool({ doc: "AWS: S3 Replication Time Control (15-minute SLA).", default: false }),
  },
  { doc: "Model and checkpoint storage.", optional: true },
);
