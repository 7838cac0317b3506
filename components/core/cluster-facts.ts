// The one seam between the cloud layers (components/aws, components/azure) and the cloud-neutral
// Kubernetes layer (components/k8s): types only, so neither side loads the other.
import type { Provider } from "@pulumi/kubernetes/provider";
import type * as pulumi from "@pulumi/pulumi";
import type { CapacityReport, CapacityType } from "./sizing";

export interface Toleration {
  key: string;
  operator: "Equal" | "Exists";
  value?: string;
  effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
}

/** One GPU pool as the Kubernetes layer sees it. */
export interface GpuPoolFacts {
  readonly name: string;
  readonly zone: string;
  readonly capacityType: CapacityType;
  readonly gpuClass: string;
  readonly gpusPerNode: number;
  /** Node labels the pool carries (for affinity). */
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * The seam between a cloud layer (EKS or AKS) and the cloud-neutral Kubernetes layer: everything the
 * Kubernetes layer may know about the cloud. AWS and Azure produce the same shape.
 */
export interface ClusterFacts {
  readonly cloud: "aws" | "azure";
  readonly region: string;
  readonly zones: readonly string[];
  readonly clusterName: pulumi.Output<string>;
  /** Kubernetes provider for the cluster; every Kubernetes resource uses it. */
  readonly provider: Provider;
  readonly gpuPools: readonly GpuPoolFacts[];
  /** Tolerations a GPU workload needs to land on every GPU pool (GPU taint, AKS spot taint). */
  readonly gpuTolerations: readonly Toleration[];
  /** Node label every GPU node carries, used in required node affinity. */
  readonly gpuNodeLabel: { readonly key: string; readonly value: string };
  /** Node labels of the on-demand system pool, where control-plane-like pods (operator) belong. */
  readonly systemNodeLabels: Readonly<Record<string, string>>;
  /** GPU drivers come with the node image (EKS NVIDIA AMIs, AKS gpuProfile Install): the GPU Operator must not install them. */
  readonly driversPreinstalled: boolean;
  /** What the Kubernetes layer installs to expose GPUs; "none" when the node image runs the device plugin itself (EKS Bottlerocket NVIDIA). */
  readonly gpuSoftware: "gpu-operator" | "device-plugin" | "none";
  /** A zonal block storage class with volumeBindingMode WaitForFirstConsumer (etcd/NATS volumes). */
  readonly blockStorageClass: string;
  /** Service annotations for an internal, cross-zone load balancer. */
  readonly internalLoadBalancerAnnotations: Readonly<Record<string, string>>;
  /** How pods get cloud identity (storage access): EKS Pod Identity, or Azure workload identity. */
  readonly identity:
    | { readonly kind: "eks-pod-identity"; readonly clusterName: pulumi.Output<string>; readonly oidcIssuerUrl: pulumi.Output<string> }
    | { readonly kind: "azure-workload-identity"; readonly oidcIssuerUrl: pulumi.Output<string>; readonly resourceGroupName: pulumi.Output<string> };
  /**
   * Azure: the AKS node subnet, which has the Microsoft.Storage service endpoint; the storage account's
   * network rules admit only it (pods egress from their node's address under Azure CNI overlay).
   * @default - none (AWS)
   */
  readonly nodeSubnetId?: pulumi.Output<string>;
  /** Resources the Kubernetes layer must wait for (node pools, add-ons). */
  readonly readyResources: readonly pulumi.Resource[];
  /**
   * How the frontend meets the public edge (`exposure.edge`); absent when there is none. The stack
   * sets it from config, before the Kubernetes layer builds the frontend's Services.
   */
  readonly frontendOrigin?: FrontendOrigin;
}

/**
 * The frontend's side of the public edge. `node-port`: a NodePort Service on a fixed port that the
 * edge's instance targets reach (AWS ALB). `private-link`: annotations on the internal load balancer
 * that put a Private Link Service on it for the edge (Azure Front Door). `edge` names the edge.
 */
export type FrontendOrigin =
  | { readonly kind: "node-port"; readonly nodePort: number; readonly edge: string }
  | { readonly kind: "private-link"; readonly annotations: Readonly<Record<string, string>>; readonly edge: string };

/** What a cloud layer hands the frontend's edge (components/aws/frontend-edge.ts, components/azure/frontend-edge.ts). */
export type EdgeSite =
  | {
      readonly kind: "aws";
      readonly vpcId: pulumi.Output<string>;
      /** Public subnets of the region's VPC (empty when subnets were adopted: config names them). */
      readonly publicSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
      /** Security group of the nodes (the EKS cluster security group). */
      readonly nodeSecurityGroupId: pulumi.Output<string>;
      /** Auto Scaling group of the on-demand system node group: the edge's instance targets. */
      readonly targetAutoscalingGroupName: pulumi.Output<string>;
    }
  | {
      readonly kind: "azure";
      readonly resourceGroupName: pulumi.Output<string>;
      /** Resource group AKS puts the load balancer (and its Private Link Service) in. */
      readonly nodeResourceGroup: pulumi.Output<string>;
    };

/** What a cloud layer (components/aws/region.ts, components/azure/region.ts) hands the regional stack. */
export interface RegionLayer {
  readonly facts: ClusterFacts;
  /** The region's cloud provider (aws.Provider or azure-native Provider): later cloud resources (storage) use it too. */
  readonly cloudProvider: pulumi.ProviderResource;
  /** The plan's `capacity` section, from the shared zone-loss sizing. */
  readonly capacity: CapacityReport;
  /** Stack outputs of the cloud layer (cluster name, kubeconfig as a secret, …). */
  readonly outputs: Record<string, pulumi.Input<unknown>>;
  /** Where the frontend's public edge attaches (network, node targets, resource groups). */
  readonly edgeSite?: EdgeSite;
}
