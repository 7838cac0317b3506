// The AKS region: network → cluster (System pool) → GPU pools per zone and priority → Kubernetes
// provider, the autoscaler's priorities and the block storage class → ClusterFacts for the
// cloud-neutral layers.
import { Provider as AzureProvider } from "@pulumi/azure-native/provider";
import { RegionalConfig } from "../core/config";
import { LABEL_POOL_ROLE } from "../core/labels";
import { ClusterFacts, RegionLayer } from "../k8s/cluster-facts";
import { priorityExpanderConfigMap } from "./autoscaler-priority";
import { aadProfile, apiServerAccess, systemNodeLabels, systemPool } from "./cluster-profiles";
import { AksGpuPools } from "./gpu-agent-pools";
import { aksGpuTolerations, GPU_ROLE, gpuDriverMode, planGpuPools } from "./gpu-pool-plan";
import { aksKubeProvider } from "./kube-provider";
import { AksCluster } from "./managed-cluster";
import { clusterName, resourceGroupName, topologyZone } from "./naming";
import { AksNetwork } from "./network";
import { AksBlockStorageClass } from "./storage-class";

export const AKS_INTERNAL_LB_ANNOTATIONS = { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" } as const;

export function buildAzureRegion(c: RegionalConfig): RegionLayer {
  // Values first (all pure and already validated by checks/azure.ts), resources after.
  const name = clusterName(c);
  const gpu = planGpuPools(c);
  const tags = { ...c.labels, "dynamo-ha-stack": c.stack };
  const protect = !c.storage.allowDataLoss;

  const azure = new AzureProvider(`${name}-azure`, { location: c.region });
  const net = new AksNetwork(name, { location: c.region, resourceGroupName: resourceGroupName(name), vnetCidr: c.cluster.vpcCidr, tags, protect }, { providers: [azure] });
  const aks = new AksCluster(
    name,
    {
      location: c.region,
      resourceGroupName: net.resourceGroup.name,
      clusterName: name,
      kubernetesVersion: c.cluster.kubernetesVersion,
      subnetId: net.subnet.id,
      systemPool: systemPool(c),
      aad: aadProfile(c),
      apiServerAccess: apiServerAccess(c),
      tags,
      protect,
    },
    { providers: [azure] },
  );
  const pools = new AksGpuPools(
    `${name}-gpu`,
    { resourceGroupName: net.resourceGroup.name, clusterName: aks.cluster.name, subnetId: net.subnet.id, pools: gpu.pools, tags },
    { providers: [azure] },
  );
  const kube = aksKubeProvider(`${name}-k8s`, { resourceGroupName: net.resourceGroup.name, clusterName: aks.cluster.name, dependsOn: aks.accessGrants, azureProvider: azure });
  const priorities = priorityExpanderConfigMap(`${name}-autoscaler-priorities`, { provider: kube.provider, dependsOn: pools.pools });
  const storageClass = new AksBlockStorageClass(`${name}-block`, { allowDataLoss: c.storage.allowDataLoss }, { providers: [kube.provider] });

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
    readyResources: [...pools.pools, priorities, storageClass.storageClass],
  };
  return {
    facts,
    cloudProvider: azure,
    capacity: gpu.capacity,
    outputs: {
      clusterName: aks.cluster.name,
      resourceGroupName: net.resourceGroup.name,
      oidcIssuerUrl: aks.oidcIssuerUrl,
      kubeconfig: kube.kubeconfig,
      gpuPools: gpu.pools.map((p) => p.name),
    },
  };
}
