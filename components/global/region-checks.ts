// What each routing service accepts from the regional stacks' outputs. The global config names only
// stack references; weights, priorities, roles, regions and frontend hosts arrive from StackReference
// at deploy time, so these rules run on the resolved values, before any routing resource takes them.
// Pure: tested without mocks; each failure is one line naming the regional key to change.
import { ConfigError, show } from "../core/config/schema";

/** A regional stack's routing outputs, resolved. */
export interface RegionValues {
  readonly stack: string;
  readonly host: string;
  readonly port: number;
  readonly protocol: string;
  readonly healthPath: string;
  readonly region: string;
  readonly role: string;
  readonly priority: number;
  readonly weight: number;
  readonly cloud: string;
}

export interface RoutingChoice {
  readonly dnsProvider: string;
  readonly mode: string;
  readonly activeActiveRouting: string;
}

/** Value ranges of the routing services (provider API limits). */
export const LIMITS = {
  route53Weight: { min: 0, max: 255 },
  frontDoorPriority: { min: 1, max: 5 },
  frontDoorWeight: { min: 1, max: 1000 },
  trafficManagerPriority: { min: 1, max: 1000 },
  trafficManagerWeight: { min: 1, max: 1000 },
} as const;

export const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/;
const LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const HOSTNAME = new RegExp(`^${LABEL}(\\.${LABEL})*$`);
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** RFC 1918 and loopback/link-local addresses: nothing on the internet reaches them. */
export function isPrivateIpv4(host: string): boolean {
  const m = IPV4.exec(host);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}

export function isIpv4(host: string): boolean {
  const m = IPV4.exec(host);
  return m !== null && m.slice(1).every((o) => Number(o) <= 255);
}

const fail = (key: string, allowed: string, value: unknown): never => {
  throw new ConfigError(`dynamo-ha:${key}: ${allowed}, got ${show(value)}`);
};

function inRange(key: string, what: string, r: RegionValues, v: number, lim: { min: number; max: number }): void {
  if (!Number.isInteger(v) || v < lim.min || v > lim.max) fail(key, `${what} take ${lim.min} to ${lim.max} (regional stack ${r.stack})`, v);
}

/**
 * A host health checkers on the internet can reach, behind the region's TLS edge: a bare public name
 * or address spoken to over HTTPS. A region serving plain HTTP (no exposure.edge) is refused: global
 * routing would send clients' prompts and answers across the internet in clear text, unauthenticated.
 */
function checkHost(r: RegionValues): void {
  const h = r.host;
  if (h.endsWith(".cluster.local")) fail("exposure.edge.enabled", `global routing reaches a region through its public TLS edge (regional stack ${r.stack} exports its in-cluster name); set true`, h);
  if (!isIpv4(h) && !HOSTNAME.test(h)) fail("frontendHost", `a bare hostname or IPv4 address, no scheme, port or path (regional stack ${r.stack})`, h);
  if (isPrivateIpv4(h) || /^internal-/.test(h)) {
    fail("exposure.edge.enabled", `global health checks cannot reach an internal load balancer; enable the public TLS edge on regional stack ${r.stack}`, h);
  }
  if (r.protocol !== "HTTP" && r.protocol !== "HTTPS") fail("frontendProtocol", `HTTP or HTTPS (regional stack ${r.stack})`, r.protocol);
  if (r.protocol !== "HTTPS") fail("exposure.edge.enabled", `global routing reaches a region only through its TLS edge (HTTPS); regional stack ${r.stack} serves plain HTTP, set true there`, r.protocol);
  if (!Number.isInteger(r.port) || r.port < 1 || r.port > 65535) fail("frontendPort", `a TCP port 1 to 65535 (regional stack ${r.stack})`, r.port);
}

/** One probe setting serves every region (Front Door origin group, Traffic Manager profile): they must agree. */
function checkSameProbe(service: string, rs: readonly RegionValues[], withPort: boolean): void {
  const probe = (r: RegionValues) => `${r.protocol} ${withPort ? `port ${r.port} ` : ""}${r.healthPath}`;
  const first = probe(rs[0]);
  const odd = rs.find((r) => probe(r) !== first);
  if (odd) fail("dr.healthPath", `${service} probes every region the same way (${rs[0].stack}: ${first}; ${odd.stack} differs)`, probe(odd));
}

function checkRoute53(g: RoutingChoice, rs: readonly RegionValues[]): void {
  if (g.mode === "active-passive") {
    const roles = Object.fromEntries(rs.map((r) => [r.stack, r.role]));
    const primaries = rs.filter((r) => r.role === "primary").length;
    const secondaries = rs.filter((r) => r.role === "secondary").length;
    if (primaries !== 1 || secondaries !== 1) fail("dr.role", "route53 active-passive needs exactly one primary and one secondary regional stack", roles);
    return;
  }
  if (g.activeActiveRouting === "weighted") {
    for (const r of rs) inRange("dr.weight", "route53 weighted records", r, r.weight, LIMITS.route53Weight);
    return;
  }
  for (const r of rs) {
    if (r.cloud !== "aws" || !AWS_REGION.test(r.region)) {
      fail("global.activeActiveRouting", `route53 latency records need AWS regions (regional stack ${r.stack} is in ${r.cloud} ${r.region}); use weighted`, g.activeActiveRouting);
    }
  }
}

function checkFrontDoor(g: RoutingChoice, rs: readonly RegionValues[]): void {
  for (const r of rs) {
    if (g.mode === "active-passive") inRange("dr.priority", "Front Door origin priorities", r, r.priority, LIMITS.frontDoorPriority);
    inRange("dr.weight", "Front Door origin weights", r, r.weight, LIMITS.frontDoorWeight);
  }
  checkSameProbe("Front Door", rs, false);
}

function checkTrafficManager(g: RoutingChoice, rs: readonly RegionValues[]): void {
  for (const r of rs) {
    inRange("dr.priority", "Traffic Manager endpoint priorities", r, r.priority, LIMITS.trafficManagerPriority);
    inRange("dr.weight", "Traffic Manager endpoint weights", r, r.weight, LIMITS.trafficManagerWeight);
  }
  if (g.mode === "active-passive") {
    const seen = new Map<number, string>();
    for (const r of rs) {
      const other = seen.get(r.priority);
      if (other !== undefined) fail("dr.priority", `Traffic Manager priority routing needs a distinct priority per region (${other} and ${r.stack} share it)`, r.priority);
      seen.set(r.priority, r.stack);
    }
  }
  if (g.mode === "active-active" && g.activeActiveRouting !== "weighted") {
    for (const r of rs) {
      if (trafficManagerLocation(r.cloud, r.region) === undefined) {
        fail("global.activeActiveRouting", `Traffic Manager performance routing needs an Azure location for every region (none known for ${r.cloud} ${r.region}, regional stack ${r.stack}); use weighted`, g.activeActiveRouting);
      }
    }
  }
  checkSameProbe("Traffic Manager", rs, true);
}

/** Throws a one-line ConfigError on the first value the chosen routing service would refuse. */
export function checkRegionValues(g: RoutingChoice, rs: readonly RegionValues[]): readonly RegionValues[] {
  for (const r of rs) checkHost(r);
  if (g.dnsProvider === "route53") checkRoute53(g, rs);
  else if (g.dnsProvider === "azure-frontdoor") checkFrontDoor(g, rs);
  else checkTrafficManager(g, rs);
  return rs;
}

/**
 * Azure location nearest each AWS region, for Traffic Manager's `endpointLocation` (Performance
 * routing measures latency to Azure locations only).
 */
export const AWS_TO_AZURE_LOCATION: Readonly<Record<string, string>> = {
  "us-east-1": "eastus",
  "us-east-2": "northcentralus",
  "us-west-1": "westus",
  "us-west-2": "westus2",
  "ca-central-1": "canadacentral",
  "eu-west-1": "northeurope",
  "eu-west-2": "uksouth",
  "eu-west-3": "francecentral",
  "eu-central-1": "germanywestcentral",
  "eu-north-1": "swedencentral",
  "ap-northeast-1": "japaneast",
  "ap-northeast-2": "koreacentral",
  "ap-southeast-1": "southeastasia",
  "ap-southeast-2": "australiaeast",
  "ap-south-1": "westindia",
  "ap-east-1": "eastasia",
  "sa-east-1": "brazilsouth",
};

/** Traffic Manager `endpointLocation`: the Azure location itself, the nearest one to an AWS region, or none. */
export function trafficManagerLocation(cloud: string, region: string): string | undefined {
  return cloud === "azure" ? region : AWS_TO_AZURE_LOCATION[region];
}
