// The ReadWriteMany class of an AKS region's checkpoint volume (backend pvc): Azure Files premium like
// AKS's built-in `azurefile-csi-premium`, but keeping the file share when its claim goes. The built-in
// class reclaims with Delete, so a deleted claim or namespace would take every checkpoint with it.
import { Provider } from "@pulumi/kubernetes/provider";
import * as storagev1 from "@pulumi/kubernetes/storage/v1";
import * as pulumi from "@pulumi/pulumi";
import { retainedStorageClass } from "../core/storage-class";

export const AZURE_RWX_CLASS = "azurefile-premium-retain";

/**
 * The StorageClass object, pure. Provisioner, SKU and mount options as the Azure Files CSI driver's
 * example class (kubernetes-sigs/azurefile-csi-driver, deploy/example/storageclass-azurefile-csi.yaml,
 * master), with Premium_LRS as in AKS's `azurefile-csi-premium`. Retain unless data loss is allowed.
 */
export function premiumFileStorageClass(allowDataLoss: boolean) {
  const mountOptions = ["mfsymlinks", "actimeo=30", "nosharesock"];
  return retainedStorageClass({ name: AZURE_RWX_CLASS, provisioner: "file.csi.azure.com", volumeBindingMode: "Immediate", parameters: { skuName: "Premium_LRS" }, mountOptions }, allowDataLoss);
}

/** The class in the cluster; the claim that uses it waits for it. */
export function premiumFileClass(name: string, allowDataLoss: boolean, provider: Provider, dependsOn: pulumi.Resource[]): storagev1.StorageClass {
  return new storagev1.StorageClass(name, premiumFileStorageClass(allowDataLoss), { provider, dependsOn });
}
