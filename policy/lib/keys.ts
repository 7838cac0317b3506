// Label and type keys the pack reads. Duplicated on purpose: the checker never imports the generator,
// so a wrong key in the generator cannot hide itself by being wrong in the checker too.

export const ZONE_KEY = "topology.kubernetes.io/zone";
export const HOST_KEY = "kubernetes.io/hostname";

/** Node labels / cloud tags the stacks put on node pools. */
export const LABEL_ZONE = "dynamo-ha.io/zone";
export const LABEL_GPU_CLASS = "dynamo-ha.io/gpu-class";

/** Pod labels the Dynamo operator puts on every pod of a graph component. */
export const DGD_NAME_LABEL = "nvidia.com/dynamo-graph-deployment-name";
export const DGD_COMPONENT_LABEL = "nvidia.com/dynamo-component";

export const T = {
  deployment: "kubernetes:apps/v1:Deployment",
  statefulSet: "kubernetes:apps/v1:StatefulSet",
  pdb: "kubernetes:policy/v1:PodDisruptionBudget",
  dgdV1alpha1: "kubernetes:nvidia.com/v1alpha1:DynamoGraphDeployment",
  dgdV1beta1: "kubernetes:nvidia.com/v1beta1:DynamoGraphDeployment",
  helmRelease: "kubernetes:helm.sh/v3:Release",
  helmChartV4: "kubernetes:helm.sh/v4:Chart",
  crd: "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition",
  pvc: "kubernetes:core/v1:PersistentVolumeClaim",
  eksNodeGroup: "aws:eks/nodeGroup:NodeGroup",
  awsSubnet: "aws:ec2/subnet:Subnet",
  aksAgentPool: "azure-native:containerservice:AgentPool",
} as const;
