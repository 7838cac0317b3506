// The zonal block storage class of an AKS region, for the etcd and NATS volumes: Premium SSD managed
// disks created in the zone the pod is scheduled to, kept when their claim goes. AKS's built-in
// `managed-csi-premium` deletes the disk with the claim, so an uninstall or a mistaken claim
// deletion would lose the data that EKS stacks keep.
import * as storagev1 from "@pulumi/kubernetes/storage/v1";
import * as pulumi from "@pulumi/pulumi";
import { retainedStorageClass } from "../core/storage-class";

export const AKS_BLOCK_STORAGE_CLASS = "premium-ssd-wait";

/** Managed-disk SKUs the class can use: locally redundant (zonal) or zone-redundant Premium SSD. */
export type PremiumDiskSku = "Premium_LRS" | "Premium_ZRS";

/** The StorageClass object, pure. Retain unless data loss is explicitly allowed. */
export function premiumDiskStorageClass(allowDataLoss: boolean, skuName: PremiumDiskSku = "Premium_LRS") {
  // An LRS disk lives in one zone: binding waits for the pod so the disk is made in the pod's zone.
  const parameters = { skuName, "csi.storage.k8s.io/fstype": "ext4" };
  return retainedStorageClass({ name: AKS_BLOCK_STORAGE_CLASS, provisioner: "disk.csi.azure.com", volumeBindingMode: "WaitForFirstConsumer", parameters }, allowDataLoss);
}

export interface AksBlockStorageClassArgs {
  /**
   * Delete disks with their claims.
   * @default false
   */
  readonly allowDataLoss?: boolean;
  /**
   * Disk SKU. Premium_ZRS disks survive a zone loss but are offered in fewer regions and write
   * slower; the quorum stores already replicate across zones, so zonal disks are the default.
   * @default "Premium_LRS"
   */
  readonly skuName?: PremiumDiskSku;
}

export class AksBlockStorageClass extends pulumi.ComponentResource {
  readonly storageClass: storagev1.StorageClass;
  readonly name: string = AKS_BLOCK_STORAGE_CLASS;

  constructor(name: string, args: AksBlockStorageClassArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:azure:BlockStorageClass", name, {}, opts);
    this.storageClass = new storagev1.StorageClass(name, premiumDiskStorageClass(args.allowDataLoss ?? false, args.skuName), { parent: this });
    this.registerOutputs({ name: this.name });
  }
}
