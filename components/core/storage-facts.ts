// What the cloud storage layer (components/storage) hands the Kubernetes layer: types only, like ClusterFacts.
import type * as pulumi from "@pulumi/pulumi";

/**
 * The operator's checkpoint storage. The pinned operator config renders `storage` only for type `pvc`
 * (pvcName, basePath, create, size, storageClassName, accessMode): ai-dynamo/dynamo
 * deploy/helm/charts/platform/components/operator/templates/operator-config.yaml
 * @08e3491d30ad6993c0ee0dd8dfb1ff6720400399. S3 and OCI stores have no operator setting there.
 */
export interface PlatformCheckpoint {
  readonly pvcName: string;
  readonly basePath: string;
}

/** What the Kubernetes layer needs to know of the model/checkpoint store (S3, Azure Blob, a RWX PVC, or none). */
export interface StorageFacts {
  readonly backend: "s3" | "azure-blob" | "pvc" | "none";
  /** e.g. `s3://bucket/checkpoints`, `https://acct.blob.core.windows.net/container`, or the PVC name. */
  readonly location: pulumi.Output<string> | string;
  /** Service account the serving pods use; its cloud identity may read/write the store. */
  readonly serviceAccountName?: string;
  readonly serviceAccountAnnotations: Readonly<Record<string, pulumi.Input<string>>>;
  /** Pod labels the cloud identity requires (Azure workload identity: `azure.workload.identity/use`). */
  readonly podLabels: Readonly<Record<string, string>>;
  /**
   * Environment for the main container that a library in the pod reads (e.g. AWS_REGION for the S3 SDK).
   * Never checkpoint settings: the runtime reads none; the operator injects them from `checkpoint`.
   */
  readonly env: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * The platform chart's checkpoint block (PlatformValuesInput.checkpoint): where restored pods find
   * checkpoints. Only a PVC store has one; the pinned operator config has no S3 or Blob storage.
   */
  readonly checkpoint?: PlatformCheckpoint;
  /** A ReadWriteMany PVC to mount at /checkpoints (backend pvc). */
  readonly pvcName?: string;
  readonly resources: readonly pulumi.Resource[];
}

export const NO_STORAGE: StorageFacts = { backend: "none", location: "", serviceAccountAnnotations: {}, podLabels: {}, env: {}, resources: [] };
