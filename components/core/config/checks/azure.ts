// AKS-only rules (location and names, network ranges, API access, admins, log retention, VM sizes and
// GPU class, spot fallback, driver ownership).
// Zones "1"–"3" and at least 2 of them are checked in checks.ts (checkZones) and the schema;
// unknown VM sizes without gpusPerNode in checks.ts (resolveGpuShape).
import { gpuShape, knownShape } from "../../gpu-catalog";
import { AZURE_VM_SIZE, isNetworkCidr } from "../grammar";
import { ConfigError, show } from "../schema";
import { RegionalConfig } from "../stack-config";
import { openRange } from "./open-cidr";

/** Azure location names as ARM and the AKS zone labels spell them (`eastus2`, `westus3`). */
export const LOCATION_PATTERN = /^[a-z][a-z0-9]+$/;
/** AKS cluster (and its DNS prefix): 1–54 alphanumerics and hyphens, starting and ending alphanumeric. */
export const CLUSTER_NAME_PATTERN = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,52}[a-zA-Z0-9])?$/;

/**
 * Pod and service ranges of the cluster's overlay network (components/azure/cluster-profiles.ts uses
 * these). Pod IPs stay off the VNet, but neither range may overlap it: routes to nodes and services
 * would be ambiguous, and AKS refuses such a cluster at create time.
 */
export const AKS_POD_CIDR = "192.168.0.0/16";
export const AKS_SERVICE_CIDR = "172.16.0.0/16";
/** The cluster DNS service address; inside AKS_SERVICE_CIDR. */
export const AKS_DNS_SERVICE_IP = "172.16.0.10";

/** Entra ID object IDs (what AKS admin groups take) are GUIDs. */
export const ENTRA_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** First address and size of an IPv4 CIDR (host bits ignored). */
function range(cidr: string): [number, number] {
  const [addr, bits] = cidr.split("/");
  const size = 2 ** (32 - Number(bits));
  const ip = addr.split(".").reduce((a, o) => a * 256 + Number(o), 0);
  return [ip - (ip % size), size];
}

/** Whether two IPv4 CIDRs share any address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const [sa, na] = range(a);
  const [sb, nb] = range(b);
  return sa < sb + nb && sb < sa + na;
}

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
  if (c.cluster.systemNodeSize !== undefined && !AZURE_VM_SIZE.test(c.cluster.systemNodeSize)) {
    throw new ConfigError(`dynamo-ha:cluster.systemNodeSize: must be ${AZURE_VM_SIZE.text}, got ${show(c.cluster.systemNodeSize)}`);
  }
  checkTagNames(c.labels);
  if (!isNetworkCidr(c.cluster.vpcCidr)) {
    throw new ConfigError(`dynamo-ha:cluster.vpcCidr: must be an IPv4 network CIDR with host bits clear, like "10.40.0.0/16", got ${show(c.cluster.vpcCidr)}`);
  }
  const prefix = Number(c.cluster.vpcCidr.split("/")[1]);
  if (!(prefix >= 8 && prefix <= 24)) {
    throw new ConfigError(`dynamo-ha:cluster.vpcCidr: a prefix from /8 to /24 (the node subnet takes the first half), got ${show(c.cluster.vpcCidr)}`);
  }
  for (const [what, cidr] of [["pod", AKS_POD_CIDR], ["service", AKS_SERVICE_CIDR]]) {
    if (cidrsOverlap(c.cluster.vpcCidr, cidr)) {
      throw new ConfigError(`dynamo-ha:cluster.vpcCidr: must not overlap the cluster's ${what} range ${cidr} (pod ${AKS_POD_CIDR}, service ${AKS_SERVICE_CIDR}), got ${show(c.cluster.vpcCidr)}`);
    }
  }
  checkAccess(c);
  checkAdmins(c);
  checkLogRetention(c);
  checkFallback(c);
  checkDriverOwner(c);
}

/** Azure tag names may not contain '/' (nor <>%&\\?), so a label key with a prefix cannot be a tag there. */
export function checkTagNames(labels: Readonly<Record<string, string>>): void {
  const bad = Object.keys(labels).find((k) => k.includes("/"));
  if (bad !== undefined) {
    throw new ConfigError(`dynamo-ha:labels: Azure tag names take no "/" (use a key without a prefix), got ${show(bad)}`);
  }
}

/** A public API server only with authorized ranges (as on EKS), and admins as Entra object IDs. */
function checkAccess(c: RegionalConfig): void {
  const cl = c.cluster;
  if (cl.endpointPublicAccess && cl.publicAccessCidrs.length === 0) {
    throw new ConfigError(`dynamo-ha:cluster.publicAccessCidrs: a public API server needs the CIDRs allowed to reach it (never implicitly 0.0.0.0/0), got ${show(cl.publicAccessCidrs)}`);
  }
  if (!cl.endpointPublicAccess && cl.publicAccessCidrs.length > 0) {
    throw new ConfigError(`dynamo-ha:cluster.publicAccessCidrs: only apply with cluster.endpointPublicAccess true (the API server is private), got ${show(cl.publicAccessCidrs)}`);
  }
  const open = openRange(cl.publicAccessCidrs);
  if (open !== undefined) {
    throw new ConfigError(`dynamo-ha:cluster.publicAccessCidrs: ${show(open)} opens the API server to the whole internet; name the networks that administer the cluster, got ${show(cl.publicAccessCidrs)}`);
  }
  const badCidr = cl.publicAccessCidrs.find((x) => !isNetworkCidr(x));
  if (badCidr !== undefined) {
    throw new ConfigError(`dynamo-ha:cluster.publicAccessCidrs: ${show(badCidr)} is not an IPv4 network CIDR like "203.0.113.0/24", got ${show(cl.publicAccessCidrs)}`);
  }
  const badAdmin = cl.adminPrincipals.find((p) => !ENTRA_OBJECT_ID.test(p));
  if (badAdmin !== undefined) {
    throw new ConfigError(
      `dynamo-ha:cluster.adminPrincipals: AKS admin groups take Entra ID object IDs (GUIDs like "8d0f3b5e-1c2a-4e7b-9f60-3a4b5c6d7e8f"); ${show(badAdmin)} is not one, got ${show(cl.adminPrincipals)}`,
    );
  }
}

/**
 * Local accounts are off, so only Entra identities reach the API server: someone must be able to. The
 * identity running Pulumi gets no standing grant in prod; it acts as a member of an admin group
 * (ideally a PIM-eligible membership, activated for the deploy).
 */
function checkAdmins(c: RegionalConfig): void {
  const cl = c.cluster;
  if (cl.adminPrincipals.length === 0 && !cl.azure.deployerClusterAdmin) {
    throw new ConfigError(
      `dynamo-ha:cluster.adminPrincipals: AKS has local accounts disabled, so name at least one Entra ID admin group with the deploying identity in it (cluster.azure.deployerClusterAdmin, a standing grant, is for dev stacks), got ${show(cl.adminPrincipals)}`,
    );
  }
}

/**
 * Stack rules that need the env (a region component has none): no standing cluster-admin in prod.
 * Called from checkStack.
 */
export function checkAzureProd(c: RegionalConfig): void {
  if (c.env === "prod" && c.cluster.azure.deployerClusterAdmin) {
    throw new ConfigError(
      `dynamo-ha:cluster.azure.deployerClusterAdmin: no standing cluster-admin grant in prod; add the deploying identity to an Entra group in cluster.adminPrincipals (break-glass: docs/operations.md), got ${show(c.cluster.azure.deployerClusterAdmin)}`,
    );
  }
}

/**
 * Log Analytics keeps a workspace's data 30 to 730 days (longer only per table, as archive).
 * Source: learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure.
 */
export const AKS_LOG_RETENTION_DAYS = { min: 30, max: 730 } as const;

function checkLogRetention(c: RegionalConfig): void {
  const d = c.cluster.logRetentionDays;
  if (d < AKS_LOG_RETENTION_DAYS.min || d > AKS_LOG_RETENTION_DAYS.max) {
    throw new ConfigError(`dynamo-ha:cluster.logRetentionDays: the AKS Log Analytics workspace keeps logs ${AKS_LOG_RETENTION_DAYS.min} to ${AKS_LOG_RETENTION_DAYS.max} days, got ${show(d)}`);
  }
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
  const known = knownShape("azure", g.instanceTypes[0]) && knownShape("azure", fallback);
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
