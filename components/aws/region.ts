// The EKS region: network → cluster → node groups → add-ons → Kubernetes provider → autoscaler, and
// the ClusterFacts the cloud-neutral Kubernetes layer builds on.
import * as eks from "@pulumi/aws/eks";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import { Provider } from "@pulumi/kubernetes/provider";
import * as pulumi from "@pulumi/pulumi";
import { RegionalConfig } from "../core/config";
import { GPU_TAINT } from "../core/labels";
import { ClusterFacts, RegionLayer } from "../k8s/cluster-facts";
import { ClusterAddons } from "./addons";
import { EksCluster } from "./cluster";
import { ClusterAutoscaler } from "./cluster-autoscaler";
import { GPU_PRESENT_LABEL, GpuPoolPlan, planGpuPools } from "./gpu-pools";
import { GpuNodeGroups } from "./gpu-node-groups";
import { EC2_SERVICE, MANAGED_POLICIES } from "./iam-policies";
import { ServiceRole } from "./iam";
import { kubeconfigOf, kubeProvider } from "./kube-provider";
import { clusterName as nameOfCluster } from "./naming";
import { Network } from "./network";
import { BlockStorageClass } from "./storage-class";
import { SYSTEM_NODE_LABELS, SystemNodeGroup } from "./system-node-group";

/** Service annotations for an internal NLB with targets in every zone (the in-tree AWS load balancer controller). */
export const INTERNAL_NLB_ANNOTATIONS: Readonly<Record<string, string>> = {
  "service.beta.kubernetes.io/aws-load-balancer-type": "nlb",
  "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
  "service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled": "true",
};

/** Bottlerocket NVIDIA images run the device plugin themselves; AL2023 NVIDIA images bring only drivers and toolkit. */
export function gpuSoftwareFor(c: RegionalConfig): ClusterFacts["gpuSoftware"] {
  if (c.gpuPool.amiType.startsWith("BOTTLEROCKET_")) return "none";
  return c.gpuPool.gpuSoftware === "device-plugin" ? "device-plugin" : "gpu-operator";
}

export interface AwsRegionArgs {
  /** The validated regional config (cloud aws). */
  readonly config: RegionalConfig;
}

export class AwsRegion extends pulumi.ComponentResource {
  readonly facts: ClusterFacts;
  readonly pools: GpuPoolPlan;
  readonly kubeconfig: pulumi.Output<string>;
  readonly cluster: EksCluster;
  readonly network: Network;
  /** The GPU node groups, one per zone per capacity type. */
  readonly gpuNodeGroups: eks.NodeGroup[];
  /** The region's AWS provider; every AWS resource of the stack uses it. */
  readonly provider: AwsProvider;

  constructor(name: string, args: AwsRegionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:aws:Region", name, {}, opts);
    const c = args.config;
    const clusterName = nameOfCluster(c.cluster.name, c.stack);
    this.pools = planGpuPools(c, clusterName);
    const tags = { ...c.labels };

    // Every AWS call goes through this provider: the region comes from the stack config, never the environment.
    const provider = (this.provider = new AwsProvider(`${name}-aws`, { region: c.region, defaultTags: { tags: { ...c.labels, "dynamo-ha.io/stack": c.stack } } }, { parent: this }));
    const awsOpts = { parent: this, providers: [provider] };
    const partition = getPartitionOutput({}, { parent: this, provider }).partition;
    const accountId = getCallerIdentityOutput({}, { parent: this, provider }).accountId;

    this.network = new Network(
      `${name}-net`,
      { zones: c.zones, clusterName, vpcCidr: c.cluster.vpcCidr, existingSubnetIds: c.cluster.existingSubnetIds, provider, tags },
      awsOpts,
    );
    this.cluster = new EksCluster(
      name,
      {
        clusterName,
        kubernetesVersion: c.cluster.kubernetesVersion,
        subnetIds: this.network.allPrivateSubnetIds,
        endpointPublicAccess: c.cluster.endpointPublicAccess,
        publicAccessCidrs: c.cluster.publicAccessCidrs,
        adminPrincipals: c.cluster.adminPrincipals,
        logRetentionDays: c.cluster.logRetentionDays,
        partition,
        tags,
        // The same switch as the stores' data: a throwaway stack can be destroyed in one go.
        protect: !c.storage.allowDataLoss,
      },
      awsOpts,
    );
    const nodeRole = new ServiceRole(`${name}-node`, { service: EC2_SERVICE, managedPolicies: MANAGED_POLICIES.node, partition, tags }, awsOpts);
    const system = new SystemNodeGroup(
      `${name}-system`,
      {
        clusterName: this.cluster.name,
        nodeRoleArn: nodeRole.arn,
        subnetIds: this.network.allPrivateSubnetIds,
        zoneCount: c.zones.length,
        instanceType: c.cluster.systemNodeSize ?? "m6i.xlarge",
        nodesPerZone: c.cluster.systemNodesPerZone,
        tags,
      },
      { ...awsOpts, dependsOn: [nodeRole] },
    );
    const gpu = new GpuNodeGroups(
      `${name}-gpu`,
      {
        clusterName: this.cluster.name,
        nodeRoleArn: nodeRole.arn,
        groups: this.pools.groups,
        subnetIdsByZone: this.network.privateSubnetIds,
        amiType: c.gpuPool.amiType,
        diskSizeGb: c.gpuPool.diskSizeGb,
      },
      { ...awsOpts, dependsOn: [nodeRole] },
    );
    this.gpuNodeGroups = gpu.nodeGroups;
    const addons = new ClusterAddons(`${name}-addons`, { clusterName: this.cluster.name, partition, tags }, { ...awsOpts, dependsOn: [system] });

    this.kubeconfig = kubeconfigOf(this.cluster.cluster, c.region);
    const kube: Provider = kubeProvider(`${name}-k8s`, this.kubeconfig, { parent: this });
    const storageClass = new BlockStorageClass(`${name}-block`, { allowDataLoss: c.storage.allowDataLoss }, { parent: this, providers: [kube], dependsOn: [addons] });
    const autoscaler = new ClusterAutoscaler(
      `${name}-autoscaler`,
      {
        clusterName,
        clusterNameOutput: this.cluster.name,
        region: c.region,
        partition,
        accountId,
        systemNodeLabels: SYSTEM_NODE_LABELS,
        dependsOn: [addons.podIdentityAgent, system],
        tags,
      },
      { parent: this, providers: [provider, kube] },
    );

    this.facts = {
      cloud: "aws",
      region: c.region,
      zones: [...c.zones],
      clusterName: this.cluster.name,
      provider: kube,
      gpuPools: this.pools.groups.map((g) => ({ name: g.namePrefix, zone: g.zone, capacityType: g.capacityType, gpuClass: g.gpuClass, gpusPerNode: g.gpusPerNode, labels: { ...g.labels } })),
      gpuTolerations: [{ key: GPU_TAINT.key, operator: "Equal", value: GPU_TAINT.value, effect: GPU_TAINT.effect }],
      gpuNodeLabel: { ...GPU_PRESENT_LABEL },
      systemNodeLabels: { ...SYSTEM_NODE_LABELS },
      // Both EKS NVIDIA AMI families ship the driver and container toolkit.
      driversPreinstalled: true,
      gpuSoftware: gpuSoftwareFor(c),
      blockStorageClass: storageClass.name,
      internalLoadBalancerAnnotations: { ...INTERNAL_NLB_ANNOTATIONS },
      identity: { kind: "eks-pod-identity", clusterName: this.cluster.name, oidcIssuerUrl: this.cluster.oidcIssuerUrl },
      readyResources: [system.nodeGroup, ...gpu.nodeGroups, addons.podIdentityAgent, addons.ebsCsi, storageClass.storageClass, autoscaler.release],
    };
    this.registerOutputs({ clusterName: this.cluster.name, kubeconfig: this.kubeconfig });
  }
}

/** The EKS cloud layer of a regional stack. */
export function buildAwsRegion(c: RegionalConfig): RegionLayer {
  const region = new AwsRegion(`dynamo-${c.stack}`, { config: c });
  return {
    facts: region.facts,
    cloudProvider: region.provider,
    capacity: region.pools.capacity,
    outputs: {
      clusterName: region.cluster.name,
      kubeconfig: region.kubeconfig,
      oidcIssuerUrl: region.cluster.oidcIssuerUrl,
      vpcId: region.network.vpcId,
      // The real names (prefix plus the unique suffix EKS was given), known once the groups exist.
      gpuNodeGroups: pulumi.all(region.gpuNodeGroups.map((n) => n.nodeGroupName)),
    },
  };
}
