// The ManagedCluster's settings as plain values: the system pool, the autoscaler, access and identity.
// Pure, so tests read them without mocks; managed-cluster.ts only declares the resource.
import { RegionalConfig } from "../core/config";
import { AKS_DNS_SERVICE_IP, AKS_POD_CIDR, AKS_SERVICE_CIDR } from "../core/config/checks/azure";
import { LABEL_POOL_ROLE } from "../core/labels";
import { SYSTEM_ROLE } from "./gpu-pool-plan";
import { NODE_ENCRYPTION } from "./security-profiles";

export const DEFAULT_SYSTEM_VM_SIZE = "Standard_D4ds_v5";
export const SYSTEM_POOL_NAME = "system";

/**
 * Built-in Azure role definition IDs (the same GUID in every tenant).
 * Source: learn.microsoft.com/azure/role-based-access-control/built-in-roles.
 */
export const ROLE = {
  networkContributor: "4d97b98b-1d4f-4787-a291-c67834d23e7c",
  aksRbacClusterAdmin: "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b",
  keyVaultCryptoUser: "12338af0-0e69-4776-bea7-57ae8d297424",
} as const;

/**
 * Overlay networking keeps pod IPs out of the VNet; service and pod ranges must not overlap it
 * (checks/azure.ts refuses a `cluster.vpcCidr` that does). A Standard load balancer is required for
 * spot pools.
 */
export const NETWORK_PROFILE = {
  networkPlugin: "azure",
  networkPluginMode: "overlay",
  networkPolicy: "cilium",
  networkDataplane: "cilium",
  loadBalancerSku: "standard",
  outboundType: "loadBalancer",
  podCidr: AKS_POD_CIDR,
  serviceCidr: AKS_SERVICE_CIDR,
  dnsServiceIP: AKS_DNS_SERVICE_IP,
} as const;

export interface SystemPoolValues {
  name: string;
  mode: "System";
  /** Never spot: AKS refuses spot system pools, and nothing critical may be evicted with 30 s notice. */
  scaleSetPriority: "Regular";
  type: "VirtualMachineScaleSets";
  osType: "Linux";
  vmSize: string;
  availabilityZones: string[];
  enableAutoScaling: true;
  count: number;
  minCount: number;
  maxCount: number;
  nodeLabels: Record<string, string>;
  /** Node disks encrypted on the host (security-profiles.ts NODE_ENCRYPTION). */
  enableEncryptionAtHost: true;
  /**
   * Untainted (AKS would allow CriticalAddonsOnly): the Dynamo operator and other control-plane-like
   * pods are pinned here by label and must not need an extra toleration.
   */
  nodeTaints: string[];
}

/** One zone-spanning System pool: `systemNodesPerZone` nodes in every zone at least. */
export function systemPool(c: RegionalConfig): SystemPoolValues {
  const min = c.cluster.systemNodesPerZone * c.zones.length;
  return {
    name: SYSTEM_POOL_NAME,
    mode: "System",
    scaleSetPriority: "Regular",
    type: "VirtualMachineScaleSets",
    osType: "Linux",
    vmSize: c.cluster.systemNodeSize ?? DEFAULT_SYSTEM_VM_SIZE,
    availabilityZones: [...c.zones],
    enableAutoScaling: true,
    count: min,
    minCount: min,
    maxCount: 2 * min,
    nodeLabels: systemNodeLabels(),
    ...NODE_ENCRYPTION,
    nodeTaints: [],
  };
}

export function systemNodeLabels(): Record<string, string> {
  return { [LABEL_POOL_ROLE]: SYSTEM_ROLE };
}

/**
 * The managed cluster autoscaler: the priority expander (spot first, see autoscaler-priority.ts) and
 * balancing of the per-zone pools so a zone loss removes a fair share only. A short provision timeout
 * lets a spot pool that cannot get capacity give way to the regular pool sooner (AKS default 15m).
 */
export const AUTOSCALER_PROFILE = {
  expander: "priority",
  balanceSimilarNodeGroups: "true",
  maxNodeProvisionTime: "10m",
  skipNodesWithSystemPods: "true",
  scanInterval: "10s",
} as const;

/** Entra ID (AAD) with Azure RBAC; local accounts off, so every API call is an Entra identity. */
export function aadProfile(c: RegionalConfig) {
  return { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: [...c.cluster.adminPrincipals] };
}

export function apiServerAccess(c: RegionalConfig) {
  return {
    enablePrivateCluster: !c.cluster.endpointPublicAccess,
    ...(c.cluster.endpointPublicAccess && c.cluster.publicAccessCidrs.length > 0 ? { authorizedIPRanges: [...c.cluster.publicAccessCidrs] } : {}),
  };
}
