// The EKS region: network → cluster → node groups → add-ons → Kubernetes provider → autoscaler, and
// the ClusterFacts the cloud-neutral Kubernetes layer builds on.
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import { Provider } from "@pulumi/kubernetes/provider";
import * as pulumi from "@pulumi/pulumi";
import { ClusterFacts, EdgeSite, RegionLayer } from "../core/cluster-facts";
import { RegionalConfig } from "../core/config";
import { GPU_TAINT } from "../core/labels";
import { RegionArgs, resolveRegionArgs } from "../core/region-args";
import { ClusterAddons } from "./addons";
import { EksCluster } from "./cluster";
import { ClusterAutoscaler } from "./cluster-autoscaler";
import { GPU_PRESENT_LABEL, planGpuPools } from "./gpu-pools";
import { GpuNodeGroups } from "./gpu-node-groups";
import { deployerFromCaller } from "./cluster-access";
import { eksClusterArn, MANAGED_POLICIES, nodeRoleTrust } from "./iam-policies";
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

/** An EKS region's args: network, cluster, GPU pools and sizing (see RegionArgs for every field and default). */
export type AwsRegionArgs = RegionArgs;

// What TypeScript callers read through methods: the provider schema describes class fields only, and
// these (resources, unions) are not expressible there.
const layers = new WeakMap<AwsRegion, RegionLayer>();

/**
 * One EKS region for NVIDIA Dynamo: VPC (or adopted subnets), cluster, on-demand system nodes, spot and
 * on-demand GPU node groups in every zone sized for the loss of a zone, add-ons, cluster autoscaler and a
 * zonal block storage class. AWS resources use the provider given in `opts.provider(s)`, or one the
 * component creates for `region` when none is given.
 */
export class AwsRegion extends pulumi.ComponentResource {
  /** EKS cluster name. */
  readonly clusterName: pulumi.Output<string>;
  /** Kubeconfig of the cluster (secret). */
  readonly kubeconfig: pulumi.Output<string>;
  /** OIDC issuer URL of the cluster. */
  readonly oidcIssuerUrl: pulumi.Output<string>;
  /** VPC id (created or adopted). */
  readonly vpcId: pulumi.Output<string>;
  /** Names of the GPU node groups, one per zone per capacity type. */
  readonly gpuNodeGroupNames: pulumi.Output<string[]>;

  constructor(name: string, args: AwsRegionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:aws:Region", name, {}, opts);
    const c = resolveRegionArgs("AwsRegion", "aws", args, pulumi.getStack());
    const clusterName = nameOfCluster(c.cluster.name, c.stack);
    const pools = planGpuPools(c, clusterName);
    const tags = { ...c.labels };

    // Every AWS call goes through one provider: the caller's, or one for the region (never the environment's).
    const provider =
      (this.getProvider("aws::") as AwsProvider | undefined) ??
      new AwsProvider(`${name}-aws`, { region: c.region, defaultTags: { tags: { ...c.labels, "dynamo-ha.io/stack": c.stack } } }, { parent: this });
    const awsOpts = { parent: this, providers: [provider] };
    const partition = getPartitionOutput({}, { parent: this, provider }).partition;
    const caller = getCallerIdentityOutput({}, { parent: this, provider });
    const accountId = caller.accountId;

    const network = new Network(
      `${name}-net`,
      { zones: c.zones, clusterName, vpcCidr: c.cluster.vpcCidr, existingSubnetIds: c.cluster.existingSubnetIds, provider, tags },
      awsOpts,
    );
    const cluster = new EksCluster(
      name,
      {
        clusterName,
        kubernetesVersion: c.cluster.kubernetesVersion,
        subnetIds: network.allPrivateSubnetIds,
        endpointPublicAccess: c.cluster.endpointPublicAccess,
        publicAccessCidrs: c.cluster.publicAccessCidrs,
        adminPrincipals: c.cluster.adminPrincipals,
        // Unset, the identity running `pulumi up` (docs/operations.md, "EKS access").
        deployerPrincipal: c.cluster.aws.deployerRoleArn ?? caller.arn.apply(deployerFromCaller),
        region: c.region,
        accountId,
        logRetentionDays: c.cluster.logRetentionDays,
        partition,
        tags,
        // The same switch as the stores' data: a throwaway stack can be destroyed in one go.
        protect: !c.storage.allowDataLoss,
      },
      awsOpts,
    );
    const nodeRole = new ServiceRole(`${name}-node`, { trust: nodeRoleTrust(), managedPolicies: MANAGED_POLICIES.node, partition, tags }, awsOpts);
    // The VPC CNI (with its Pod Identity role) precedes the nodes; the EBS CSI driver follows them.
    let nodesDeclared!: (nodes: pulumi.Resource[]) => void;
    const clusterArn = pulumi.all([partition, accountId]).apply(([p, a]) => eksClusterArn({ partition: p, accountId: a, region: c.region, clusterName }));
    const addons = new ClusterAddons(`${name}-addons`, { clusterName: cluster.name, clusterArn, partition, tags, nodesReady: new Promise((r) => (nodesDeclared = r)) }, awsOpts);
    const system = new SystemNodeGroup(
      `${name}-system`,
      {
        clusterName: cluster.name,
        nodeRoleArn: nodeRole.arn,
        subnetIds: network.allPrivateSubnetIds,
        zoneCount: c.zones.length,
        instanceType: c.cluster.systemNodeSize ?? "m6i.xlarge",
        nodesPerZone: c.cluster.systemNodesPerZone,
        tags,
        dependsOn: [nodeRole, addons.vpcCni],
      },
      awsOpts,
    );
    const gpu = new GpuNodeGroups(
      `${name}-gpu`,
      {
        clusterName: cluster.name,
        nodeRoleArn: nodeRole.arn,
        groups: pools.groups,
        subnetIdsByZone: network.privateSubnetIds,
        amiType: c.gpuPool.amiType,
        diskSizeGb: c.gpuPool.diskSizeGb,
        dependsOn: [nodeRole, addons.vpcCni],
      },
      awsOpts,
    );
    nodesDeclared([system]);

    const kubeconfig = kubeconfigOf(cluster.cluster, c.region);
    // Nothing is installed before the deployer's access entry exists.
    const kube: Provider = kubeProvider(`${name}-k8s`, kubeconfig, { parent: this, dependsOn: cluster.accessReady });
    const storageClass = new BlockStorageClass(`${name}-block`, { allowDataLoss: c.storage.allowDataLoss }, { parent: this, providers: [kube], dependsOn: [addons] });
    const autoscaler = new ClusterAutoscaler(
      `${name}-autoscaler`,
      {
        clusterName,
        clusterNameOutput: cluster.name,
        region: c.region,
        partition,
        accountId,
        systemNodeLabels: SYSTEM_NODE_LABELS,
        clusterArn,
        dependsOn: [addons.podIdentityAgent, system],
        tags,
      },
      { parent: this, providers: [provider, kube] },
    );

    const facts: ClusterFacts = {
      cloud: "aws",
      region: c.region,
      zones: [...c.zones],
      clusterName: cluster.name,
      provider: kube,
      gpuPools: pools.groups.map((g) => ({ name: g.namePrefix, zone: g.zone, capacityType: g.capacityType, gpuClass: g.gpuClass, gpusPerNode: g.gpusPerNode, labels: { ...g.labels } })),
      gpuTolerations: [{ key: GPU_TAINT.key, operator: "Equal", value: GPU_TAINT.value, effect: GPU_TAINT.effect }],
      gpuNodeLabel: { ...GPU_PRESENT_LABEL },
      systemNodeLabels: { ...SYSTEM_NODE_LABELS },
      // Both EKS NVIDIA AMI families ship the driver and container toolkit.
      driversPreinstalled: true,
      gpuSoftware: gpuSoftwareFor(c),
      blockStorageClass: storageClass.name,
      internalLoadBalancerAnnotations: { ...INTERNAL_NLB_ANNOTATIONS },
      identity: { kind: "eks-pod-identity", clusterName: cluster.name, oidcIssuerUrl: cluster.oidcIssuerUrl },
      readyResources: [system.nodeGroup, ...gpu.nodeGroups, addons.podIdentityAgent, addons.ebsCsi, storageClass.storageClass, autoscaler.release],
    };
    this.clusterName = cluster.name;
    this.kubeconfig = kubeconfig;
    this.oidcIssuerUrl = cluster.oidcIssuerUrl;
    this.vpcId = network.vpcId;
    // The real names (prefix plus the unique suffix EKS was given), known once the groups exist.
    this.gpuNodeGroupNames = pulumi.all(gpu.nodeGroups.map((n) => n.nodeGroupName));
    const edgeSite: EdgeSite = {
      kind: "aws",
      vpcId: network.vpcId,
      publicSubnetIds: network.publicSubnetIds,
      // Managed node groups whose launch template names no security group get the cluster security group
      // (docs.aws.amazon.com/eks/latest/userguide/sec-group-reqs.html).
      nodeSecurityGroupId: cluster.cluster.vpcConfig.apply((v) => v.clusterSecurityGroupId),
      targetAutoscalingGroupName: system.nodeGroup.resources.apply((r) => r?.[0]?.autoscalingGroups?.[0]?.name ?? ""),
    };
    layers.set(this, { facts, cloudProvider: provider, capacity: pools.capacity, outputs: {}, edgeSite });
    this.registerOutputs({ clusterName: this.clusterName, kubeconfig: this.kubeconfig });
  }

  /** What the Kubernetes layer builds on: the cluster's Kubernetes provider, zones, GPU pools, storage class, identity. */
  clusterFacts(): ClusterFacts {
    return layers.get(this)!.facts;
  }

  /** The region's AWS provider (the caller's, or the one this component created). */
  awsProvider(): AwsProvider {
    return layers.get(this)!.cloudProvider as AwsProvider;
  }

  /** Where a public frontend edge attaches: VPC, public subnets, node security group, system node group. */
  edgeSite(): EdgeSite | undefined {
    return layers.get(this)!.edgeSite;
  }

  /** The zone-loss sizing of the GPU pools (the plan's `capacity` section). */
  capacity(): RegionLayer["capacity"] {
    return layers.get(this)!.capacity;
  }
}

