// The zonal block storage class: gp3 EBS, bound only once a pod is scheduled so the volume is created
// in that pod's zone (an EBS volume never leaves its zone).
import * as storagev1 from "@pulumi/kubernetes/storage/v1";
import * as pulumi from "@pulumi/pulumi";
import { retainedStorageClass } from "../core/storage-class";

export const BLOCK_STORAGE_CLASS = "gp3-wait";

/** The StorageClass object, pure. Retain unless data loss is explicitly allowed. */
export function gp3StorageClass(allowDataLoss: boolean) {
  const parameters = { type: "gp3", encrypted: "true", "csi.storage.k8s.io/fstype": "ext4" };
  return retainedStorageClass({ name: BLOCK_STORAGE_CLASS, provisioner: "ebs.csi.aws.com", volumeBindingMode: "WaitForFirstConsumer", parameters }, allowDataLoss);
}

export interface BlockStorageClassArgs {
  /** Delete volumes with their claims. @default false */
  readonly allowDataLoss?: boolean;
}

export class BlockStorageClass extends pulumi.ComponentResource {
  readonly storageClass: storagev1.StorageClass;
  readonly name: string = BLOCK_STORAGE_CLASS;

  constructor(name: string, args: BlockStorageClassArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:aws:BlockStorageClass", name, {}, opts);
    this.storageClass = new storagev1.StorageClass(name, gp3StorageClass(args.allowDataLoss ?? false), { parent: this });
    this.registerOutputs({ name: this.name });
  }
}
