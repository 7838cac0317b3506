// AKS-only rules (location and names, VM sizes and GPU class, spot fallback, driver ownership).
// Zones "1"–"3" and at least 2 of them are checked in checks.ts (checkZones) and the schema;
// unknown VM sizes without gpusPerNode in checks.ts (resolveGpuShape).
import { GPU_CATALOG, gpuShape } from "../../gpu-catalog";
import { ConfigError, show } from "../schema";
import { RegionalConfig } from "../stack-config";

/** Azure location names as ARM and the AKS zone labels spell them (`eastus2`, `westus3`). */
export const LOCATION_PATTERN = /^[a-z][a-z0-9]+$/;
/** AKS cluster (and its DNS prefix): 1–54 alphanumerics and hyphens, starting and ending alphanumeric. */
export const CLUSTER_NAME_PATTERN = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,52}[a-zA-Z0-9])?$/;

/** The AKS cluster name: `cluster.name`, or `dynamo-<stack>`. */
export function aksClusterName(c: Pick<RegionalConfig, "cluster" | "stack">): string {
  return c.cluster.name ?? `dynamo-${c.stack}`;
}

export function checkAzure(c: RegionalConfig): void {
  if (!LOCATION_PATTERN.test(c.region)) {
    throw new ConfigError(`dynamo-ha:region: an Azure location name in lowercase without spaces (like "eastus2"), got ${show(c.region)}`);
  }
  const name = aksClusterName(c);
  if (!CLUSTER_NAME_PATTERN.test(name)) {
    throw new ConfigError(`dynamo-ha:cluster.name: an AKS name of 1–54 letters, digits and hyphens, starting and ending with a letter or digit, got ${show(name)}`);
  }
  if (c.cluster.existingSubnetIds.length > 0) {
    throw new ConfigError(`dynamo-ha:cluster.existingSubnetIds: AWS only (AKS stacks create their virtual network), got ${show(c.cluster.existingSubnetIds)}`);
  }
  const prefix = Number(c.cluster.vpcCidr.split("/")[1]);
  if (!(prefix >= 8 && prefix <= 24)) {
    throw new ConfigError(`dynamo-ha:cluster.vpcCidr: a prefix from /8 to /24 (the node subnet takes the first half), got ${show(c.cluster.vpcCidr)}`);
  }
  checkFallback(c);
  checkDriverOwner(c);
}

/** A spot pool is only safe beside a regular pool of the same GPU class (a spot eviction storm takes every spot node). */
function checkFallback(c: RegionalConfig): void {
  const g = c.gpuPool;
  if (!g.spot) return;
  const fallback = g.fallbackInstanceTypes === undefined ? g.instanceTypes[0] : g.fallbackInstanceTypes[0];
  if (fallback === undefined) {
    // Without a fallback size there is nothing to fall back to, and the sizing's regular rows would be fiction.
    const why = g.requireFallback ? "while gpuPool.requireFallback is true" : "on AKS (set gpuPool.spot false for regular pools only)";
    throw new ConfigError(`dynamo-ha:gpuPool.fallbackInstanceTypes: spot pools need a regular fallback VM size ${why}, got ${show(g.fallbackInstanceTypes)}`);
  }
  if (!g.requireFallback) return;
  const spotClass = gpuShape("azure", g.instanceTypes[0], g.gpusPerNode)?.gpuClass;
  const fallbackClass = gpuShape("azure", fallback, g.gpusPerNode)?.gpuClass;
  const known = GPU_CATALOG.azure[g.instanceTypes[0]] && GPU_CATALOG.azure[fallback];
  if (known && spotClass !== fallbackClass) {
    throw new ConfigError(
      `dynamo-ha:gpuPool.fallbackInstanceTypes: the regular fallback must have the spot VM size's GPU class (${g.instanceTypes[0]} is ${spotClass}, ${fallback} is ${fallbackClass}) while gpuPool.requireFallback is true, got ${show(g.fallbackInstanceTypes)}`,
    );
  }
}

/** Exactly one installer of the NVIDIA driver: the GPU Operator needs gpuProfile None, AKS's driver needs Install. */
function checkDriverOwner(c: RegionalConfig): void {
  if (c.gpuPool.azureGpuDriver === "gpu-operator" && c.gpuPool.gpuSoftware !== "gpu-operator") {
    throw new ConfigError(`dynamo-ha:gpuPool.azureGpuDriver: "gpu-operator" needs gpuPool.gpuSoftware "gpu-operator" (else no driver is installed), got ${show(c.gpuPool.azureGpuDriver)}`);
  }
}
