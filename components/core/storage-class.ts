// The one shape of every StorageClass the stacks create: expandable, and Retain unless data loss is
// explicitly allowed (a deleted claim or namespace must not take the volume with it). Pure.

export interface StorageClassSpec {
  name: string;
  provisioner: string;
  /** WaitForFirstConsumer for zonal volumes (made in the pod's zone); Immediate for zone-free shares. */
  volumeBindingMode: "WaitForFirstConsumer" | "Immediate";
  parameters: Record<string, string>;
  mountOptions?: string[];
}

export function retainedStorageClass(spec: StorageClassSpec, allowDataLoss: boolean) {
  return {
    apiVersion: "storage.k8s.io/v1" as const,
    kind: "StorageClass" as const,
    metadata: { name: spec.name },
    provisioner: spec.provisioner,
    volumeBindingMode: spec.volumeBindingMode,
    allowVolumeExpansion: true,
    reclaimPolicy: allowDataLoss ? "Delete" : "Retain",
    parameters: spec.parameters,
    ...(spec.mountOptions ? { mountOptions: spec.mountOptions } : {}),
  };
}
