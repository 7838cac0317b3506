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
export const DGD_COMPONENT_TYPE_LABEL = "nvidia.com/dynamo-component-type";

/** Service annotations that keep a cloud load balancer private (in-tree AWS, AWS LB Controller, Azure). */
export const AWS_LB_INTERNAL = "service.beta.kubernetes.io/aws-load-balancer-internal";
export const AWS_LB_SCHEME = "service.beta.kubernetes.io/aws-load-balancer-scheme";
export const AZURE_LB_INTERNAL = "service.beta.kubernetes.io/azure-load-balancer-internal";
/** The AWS load balancer terminates TLS with this certificate (in-tree and AWS LB Controller). */
export const AWS_LB_SSL_CERT = "service.beta.kubernetes.io/aws-load-balancer-ssl-cert";
/** The legacy annotation form of `spec.loadBalancerSourceRanges`. */
export const LB_SOURCE_RANGES = "service.beta.kubernetes.io/load-balancer-source-ranges";
/**
 * Set by the project on a public frontend Service whose traffic arrives only through a TLS edge with
 * authentication (the value names the edge, e.g. `front-door`); the pack cannot see the edge itself.
 */
export const EDGE_TLS_ANNOTATION = "dynamo-ha.io/edge-tls";

/** Pod Security Admission namespace labels. */
export const PSA_ENFORCE = "pod-security.kubernetes.io/enforce";

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
  service: "kubernetes:core/v1:Service",
  namespace: "kubernetes:core/v1:Namespace",
  networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  eksNodeGroup: "aws:eks/nodeGroup:NodeGroup",
  awsSubnet: "aws:ec2/subnet:Subnet",
  aksAgentPool: "azure-native:containerservice:AgentPool",
} as const;
