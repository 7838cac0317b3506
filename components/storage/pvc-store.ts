// A ReadWriteMany PVC for checkpoints (CHREK's default storage type): every worker in every zone
// mounts the same volume at /checkpoints.
import * as corev1 from "@pulumi/kubernetes/core/v1";
import * as pulumi from "@pulumi/pulumi";
import { childDependsOn } from "../core/child-depends-on";
import { dataProtection } from "../core/storage-plan";
import { resolveVolumeArgs } from "./store-args";

/** CHREK's default PVC name and mount path ("must match operator configuration"). */
export const CHREK_PVC_NAME = "chrek-pvc";
export const CHREK_BASE_PATH = "/checkpoints";

export interface CheckpointVolumeArgs {
  /**
   * Namespace of the graph that mounts the volume (a DNS-1123 label).
   * @default - required, no default
   */
  readonly namespace: string;
  /**
   * A storage class that provides ReadWriteMany (EFS, Azure Files).
   * @default - required, no default
   */
  readonly storageClassName: string;
  /**
   * Requested size (a Kubernetes quantity).
   * @default "1Ti"
   */
  readonly size?: string;
  /**
   * PVC name (the operator's checkpoint storage names it).
   * @default "chrek-pvc"
   */
  readonly pvcName?: string;
  /**
   * Drop protect/retainOnDelete on the claim.
   * @default false
   */
  readonly allowDataLoss?: boolean;
  /**
   * Labels on the PVC.
   * @default {}
   */
  readonly labels?: Record<string, string>;
}

// What TypeScript callers read through getters: resources are not part of the package schema.
const claims = new WeakMap<CheckpointVolume, corev1.PersistentVolumeClaim>();

/**
 * A ReadWriteMany PersistentVolumeClaim for checkpoints, protected and retained on delete unless data
 * loss is allowed. The claim uses the Kubernetes provider in `opts.provider(s)` and waits for
 * `opts.dependsOn` (its namespace, its storage class).
 */
export class CheckpointVolume extends pulumi.ComponentResource {
  /** Name of the claim. */
  readonly pvcName: pulumi.Output<string>;
  /** Namespace of the claim. */
  readonly namespace: pulumi.Output<string>;
  /** Requested size. */
  readonly size: pulumi.Output<string>;

  constructor(name: string, args: CheckpointVolumeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:k8s:CheckpointVolume", name, {}, opts);
    const { size } = resolveVolumeArgs(args);
    const pvcName = args.pvcName ?? CHREK_PVC_NAME;
    const pvc = new corev1.PersistentVolumeClaim(
      `${name}-pvc`,
      {
        metadata: { name: pvcName, namespace: args.namespace, labels: args.labels ?? {} },
        spec: { accessModes: ["ReadWriteMany"], storageClassName: args.storageClassName, resources: { requests: { storage: size } } },
      },
      // A PVC bound to a dynamic volume with the default Delete reclaim policy takes its data along.
      { parent: this, dependsOn: childDependsOn(opts), ...dataProtection(args.allowDataLoss ?? false) },
    );
    claims.set(this, pvc);
    this.pvcName = pulumi.output(pvcName);
    this.namespace = pulumi.output(args.namespace);
    this.size = pulumi.output(size);
    this.registerOutputs({ pvcName });
  }

  /** The claim (TypeScript only). */
  get pvc(): corev1.PersistentVolumeClaim {
    return claims.get(this)!;
  }
}
