// The AKS region: network → log workspace → cluster (System pool, etcd KMS key, audit logs) → GPU pools per zone and priority → Kubernetes
// provider, the autoscaler's priorities and the block storage class → ClusterFacts for the
// cloud-neutral layers.
import { Provider as AzureProvider } from "@pulumi/azure-native/provider";
import * as pulumi from "@pulumi/pulumi";
import { ClusterFacts, EdgeSite, RegionLayer } from "../core/cluster-facts";
import { LABEL_POOL_ROLE } from "../core/labels";
import { RegionArgs, resolveRegionArgs } from "../core/region-args";
import { priorityExpanderConfigMap } from "./autoscaler-priority";
import { aadProfile, apiServerAccess, systemNodeLabels, systemPool } from "./cluster-profiles";
import { AksGpuPools } from "./gpu-agent-pools";
import { aksGpuTolerations, GPU_ROLE, gpuDriverMode, planGpuPools } from "./gpu-pool-plan";
import { aksKubeProvider } from "./kube-provider";
import { AksCluster } from "./managed-cluster";
import { AksLogWorkspace } from "./log-workspace";
import { clusterName, logWorkspaceName, resourceGroupName, topologyZone } from "./naming";
import { AksNetwork } from "./network";
import { deployerClusterAdmin } from "./security-profiles";
import { AksBlockStorageClass } from "./storage-class";

export const AKS_INTERNAL_LB_ANNOTATIONS = { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" } as const;

/** An AKS region's args: network, cluster, GPU pools and sizing (see RegionArgs for every field and default). */
export type AzureRegionArgs = RegionArgs;

// What TypeScript callers read through methods: the provider schema describes class fields only, and
// these (resources, unions) are not expressible there.
const layers = new WeakMap<AzureRegion, RegionLayer>();

/**
 * These resources sat at the stack root before the AzureRegion component grouped them: the alias keeps
 * their old URNs, so `pulumi up` on an existing stack moves them instead of replacing them (their children
 * follow their parent's alias).
 */
function movedFromRoot(): pulumi.Alias[] {
  // Read when the component is built: the stack resource exists only once the program runs.
  return [{ parent: pulumi.rootStackResource }];
}

/**
 * One AKS region for NVIDIA Dynamo: resource group and virtual network, an Entra ID cluster with its
 * System pool (no local accounts, no standing cluster-admin; control-plane and audit logs in Log
 * Analytics, Defender, Azure Policy, KMS etcd encryption, encryption at host), spot and regular GPU pools in every zone sized for the loss of a zone, the autoscaler's
 * priorities and a zonal block storage class. Azure resources use the provider given in
 * `opts.provider(s)`, or one the component creates for `region` when none is given.
 */
export class AzureRegion extends pulumi.ComponentResource {
  /** AKS cluster name. */
  readonly clusterName: pulumi.Output<string>;
  /** Resource group holding the network and the cluster. */
  readonly resourceGroupName: pulumi.Output<string>;
  /** OIDC issuer URL of the cluster (workload identity). */
  readonly oidcIssuerUrl: pulumi.Output<string>;
  /** Kubeconfig of the cluster in exec format, calling kubelogin (secret). */
  readonly kubeconfig: pulumi.Output<string>;
  /** Names of the GPU agent pools, one per zone per priority. */
  readonly gpuPoolNames: string[];

  constructor(name: string, args: AzureRegionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:azure:Region", name, {}, opts);
    // Values first (all pure and validated by resolveRegionArgs), resources after.
    const c = resolveRegionArgs("AzureRegion", "azure", args, pulumi.getStack());
    const aksName = clusterName(c);
    const gpu = planGpuPools(c);
    const tags = { ...c.labels, "dynamo-ha-stack": c.stack };
    const protect = !c.storage.allowDataLoss;

    const azure = (this.getProvider("azure-native::") as AzureProvider | undefined) ?? new AzureProvider(`${name}-azure`, { location: c.region }, { parent: this });
    const moved = { parent: this, aliases: movedFromRoot() };
    const azureOpts = { ...moved, providers: [azure] };
    const net = new AksNetwork(name, { location: c.region, resourceGroupName: resourceGroupName(aksName), vnetCidr: c.cluster.vpcCidr, tags, protect }, azureOpts);
    const logs = new AksLogWorkspace(
      `${name}-logs`,
      { location: c.region, resourceGroupName: net.resourceGroup.name, workspaceName: logWorkspaceName(aksName), retentionInDays: c.cluster.logRetentionDays, tags, allowDataLoss: c.storage.allowDataLoss },
      { parent: this, providers: [azure] },
    );
    const aks = new AksCluster(
      name,
      {
        location: c.region,
        resourceGroupName: net.resourceGroup.name,
        clusterName: aksName,
        kubernetesVersion: c.cluster.kubernetesVersion,
        subnetId: net.subnet.id,
        systemPool: systemPool(c),
        aad: aadProfile(c),
        apiServerAccess: apiServerAccess(c),
        logWorkspaceId: logs.workspace.id,
        grantDeployerClusterAdmin: deployerClusterAdmin(c),
        tags,
        protect,
      },
      azureOpts,
    );
    const pools = new AksGpuPools(
      `${name}-gpu`,
      { resourceGroupName: net.resourceGroup.name, clusterName: aks.cluster.name, subnetId: net.subnet.id, pools: gpu.pools, tags },
      azureOpts,
    );
    const kube = aksKubeProvider(`${name}-k8s`, { resourceGroupName: net.resourceGroup.name, clusterName: aks.cluster.name, dependsOn: aks.accessGrants, azureProvider: azure }, moved);
    const priorities = priorityExpanderConfigMap(`${name}-autoscaler-priorities`, { provider: kube.provider, dependsOn: pools.pools }, moved);
    const storageClass = new AksBlockStorageClass(`${name}-block`, { allowDataLoss: c.storage.allowDataLoss }, { ...moved, providers: [kube.provider] });

    const facts: ClusterFacts = {
      cloud: "azure",
      region: c.region,
      zones: c.zones.map((z) => topologyZone(c.region, z)),
      clusterName: aks.cluster.name,
      provider: kube.provider,
      gpuPools: gpu.pools.map((p) => ({ name: p.name, zone: p.topologyZone, capacityType: p.capacityType, gpuClass: p.gpuClass, gpusPerNode: p.gpusPerNode, labels: p.nodeLabels })),
      gpuTolerations: aksGpuTolerations(),
      gpuNodeLabel: { key: LABEL_POOL_ROLE, value: GPU_ROLE },
      systemNodeLabels: systemNodeLabels(),
      // gpuProfile Install means AKS put the driver on the node; None leaves it to the GPU Operator.
      driversPreinstalled: gpuDriverMode(c) === "Install",
      // The schema admits only GPU_SOFTWARE values.
      gpuSoftware: c.gpuPool.gpuSoftware as ClusterFacts["gpuSoftware"],
      blockStorageClass: storageClass.name,
      internalLoadBalancerAnnotations: { ...AKS_INTERNAL_LB_ANNOTATIONS },
      identity: { kind: "azure-workload-identity", oidcIssuerUrl: aks.oidcIssuerUrl, resourceGroupName: net.resourceGroup.name },
      nodeSubnetId: net.subnet.id,
      readyResources: [...pools.pools, priorities, storageClass.storageClass],
    };
    this.clusterName = aks.cluster.name;
    this.resourceGroupName = net.resourceGroup.name;
    this.oidcIssuerUrl = aks.oidcIssuerUrl;
    this.kubeconfig = kube.kubeconfig;
    this.gpuPoolNames = gpu.pools.map((p) => p.name);
    const edgeSite: EdgeSite = {
      kind: "azure",
      resourceGroupName: net.resourceGroup.name,
      // AKS names the node resource group MC_<group>_<cluster>_<location> unless told otherwise.
      nodeResourceGroup: pulumi.all([aks.cluster.nodeResourceGroup, net.resourceGroup.name, aks.cluster.name]).apply(([n, rg, cn]) => n ?? `MC_${rg}_${cn}_${c.region}`),
    };
    layers.set(this, { facts, cloudProvider: azure, capacity: gpu.capacity, outputs: {}, edgeSite });
    this.registerOutputs({ clusterName: this.clusterName, kubeconfig: this.kubeconfig });
  }

  /** What the Kubernetes layer builds on: the cluster's Kubernetes provider, zones, GPU pools, storage class, identity. */
  clusterFacts(): ClusterFacts {
    return layers.get(this)!.facts;
  }

  /** The region's azure-native provider (the caller's, or the one this component created). */
  azureProvider(): AzureProvider {
    return layers.get(this)!.cloudProvider as AzureProvider;
  }

  /** Where a public frontend edge attaches: the resource groups of the cluster and of its load balancer. */
  edgeSite(): EdgeSite | undefined {
    return layers.get(this)!.edgeSite;
  }

  /** The zone-loss sizing of the GPU pools (the plan's `capacity` section). */
  capacity(): RegionLayer["capacity"] {
    return layers.get(this)!.capacity;
  }
}
