// Azure names derived from the stack config. Pure: the component files and the checks share them.
import { aksClusterName } from "../core/config/checks/azure";
import { CapacityType } from "../core/sizing";

export { aksClusterName as clusterName };

/** Linux agent pools: lowercase letters and digits, starting with a letter, at most 12 characters. */
export const AGENT_POOL_NAME_PATTERN = /^[a-z][a-z0-9]{0,11}$/;

export function resourceGroupName(cluster: string): string {
  return `${cluster}-rg`;
}

/**
 * One agent pool per zone and priority: `gpuspot1`, `gpureg1`, …. The autoscaler's priority expander
 * matches these prefixes in the VMSS names AKS derives from them (`aks-gpuspot1-12345678-vmss`).
 */
export const POOL_PREFIX: Readonly<Record<CapacityType, string>> = { spot: "gpuspot", "on-demand": "gpureg" };

export function agentPoolName(capacityType: CapacityType, zone: string): string {
  return `${POOL_PREFIX[capacityType]}${zone}`;
}

/** The value of `topology.kubernetes.io/zone` on AKS nodes: `<location>-<zone>`. */
export function topologyZone(location: string, zone: string): string {
  return `${location}-${zone}`;
}

/** The node subnet: the first half of the virtual network (the rest stays free for later subnets). */
export function nodeSubnetCidr(vnetCidr: string): string {
  const [addr, bits] = vnetCidr.split("/");
  const prefix = Number(bits);
  return `${addr}/${Math.min(prefix + 1, 28)}`;
}
