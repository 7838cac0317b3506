// Label, taint and annotation keys shared by the cloud layers, the Kubernetes layer and the policy pack.

export const ZONE_KEY = "topology.kubernetes.io/zone";
export const HOST_KEY = "kubernetes.io/hostname";

/** Our node labels / cloud tags. */
export const LABEL_ZONE = "dynamo-ha.io/zone";
export const LABEL_GPU_CLASS = "dynamo-ha.io/gpu-class";
export const LABEL_CAPACITY = "dynamo-ha.io/capacity-type";
export const LABEL_POOL_ROLE = "dynamo-ha.io/pool";

/** GPU nodes are tainted so only GPU workloads land there. */
export const GPU_TAINT = { key: "nvidia.com/gpu", value: "true", effect: "NoSchedule" } as const;
/** AKS adds this taint (and label) to every spot node by itself. */
export const AKS_SPOT_TAINT = { key: "kubernetes.azure.com/scalesetpriority", value: "spot", effect: "NoSchedule" } as const;

/** Pod labels the Dynamo operator puts on every pod of a graph component. */
export const DGD_NAME_LABEL = "nvidia.com/dynamo-graph-deployment-name";
export const DGD_COMPONENT_LABEL = "nvidia.com/dynamo-component";
export const DGD_COMPONENT_TYPE_LABEL = "nvidia.com/dynamo-component-type";
