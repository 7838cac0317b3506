// A ReadWriteMany PVC for checkpoints (CHREK's default storage type): every worker in every zone
// mounts the same volume at /checkpoints.
import * as corev1 from "@pulumi/kubernetes/core/v1";
import { Provider } from "@pulumi/kubernetes/provider";
import * as pulumi from "@pulumi/pulumi";
import { dataProtection } from "../core/storage-plan";

/** CHREK's default PVC name and mount path ("must match operator configuration"). */
export const CHREK_PVC_NAME = "chrek-pvc";
export const CHREK_BASE_PATH = "/checkpoints";

export interface CheckpointVolumeArgs {
  /** Namespace of the graph that mounts the volume. */
  readonly namespace: string;
  /** A storage class that provides ReadWriteMany (EFS, Azure Files). */
  readonly storageClassName: string;
  /** Requested size. @default "1Ti" */
  readonly size?: string;
  /** PVC name. @default "chrek-pvc" */
  readonly pvcName?: string;
  /** Drop protect/retainOnDelete. @default false */
  readonly allowDataLoss?: boolean;
  /** Kubernetes provider of the cluster. */
  readonly provider: Provider;
  /** Labels on the PVC. @default {} */
  readonly labels?: Record<string, string>;
  /**
   * Resources the claim waits for (its namespace).
   * @default []
   */
  readonly dependsOn?: pulumi.Resource[];
}

export class CheckpointVolume extends pulumi.ComponentResource {
  public readonly pvc: corev1.PersistentVolumeClaim;
  public readonly pvcName: string;

  constructor(name: string, args: CheckpointVolumeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:k8s:CheckpointVolume", name, {}, opts);
    this.pvcName = args.pvcName ?? CHREK_PVC_NAME;
    this.pvc = new corev1.PersistentVolumeClaim(
      `${name}-pvc`,
      {
        metadata: { name: this.pvcName, namespace: args.namespace, labels: args.labels ?? {} },
        spec: { accessModes: ["ReadWriteMany"], storageClassName: args.storageClassName, resources: { requests: { storage: args.size ?? "1Ti" } } },
      },
      // A PVC bound to a dynamic volume with the default Delete reclaim policy takes its data along.
      { parent: this, provider: args.provider, dependsOn: args.dependsOn ?? [], ...dataProtection(args.allowDataLoss ?? false) },
    );
    this.registerOutputs({ pvcName: this.pvcName });
  }
}
