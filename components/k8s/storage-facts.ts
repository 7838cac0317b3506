import * as pulumi from "@pulumi/pulumi";
import type { PlatformCheckpoint } from "./platform-values";

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
