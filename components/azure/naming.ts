// Azure names derived from the stack config. Pure: the component files and the checks share them.
import { createHash } from "crypto";
import { aksClusterName } from "../core/config/checks/azure";
import { CapacityType } from "../core/sizing";

export { aksClusterName as clusterName };

/** Linux agent pools: lowercase letters and digits, starting with a letter, at most 12 characters. */
export const AGENT_POOL_NAME_PATTERN = /^[a-z][a-z0-9]{0,11}$/;

export { aksResourceGroupName as resourceGroupName } from "../core/cluster-names";

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

/** The Log Analytics workspace of the cluster's control-plane and audit logs (4–63 characters; cluster names have at most 54). */
export function logWorkspaceName(cluster: string): string {
  return `${cluster}-logs`;
}

/** Key vault names: 3–24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, no "--". */
export const KEY_VAULT_NAME_PATTERN = /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/;

/**
 * The etcd key's vault: `kv-<cluster>-<hash>`. Vault names are global across Azure and stay taken
 * while a deleted vault is soft-deleted, so a hash of subscription, location and cluster keeps two
 * deployments of one stack name (other subscriptions) apart while staying stable for one cluster.
 */
export function keyVaultName(cluster: string, location: string, subscriptionId: string): string {
  const hash = createHash("sha256").update(`${subscriptionId}/${location}/${cluster}`).digest("hex").slice(0, 6);
  const stem = cluster.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 14).replace(/-+$/, "");
  return stem ? `kv-${stem}-${hash}` : `kv-${hash}`;
}
