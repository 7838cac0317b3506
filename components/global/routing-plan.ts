// Pure routing decisions shared by the Route 53, Front Door and Traffic Manager components.
import type { RegionRef } from "./region-ref";

/** Route 53 failover record type for a regional stack's `role` output. */
export function failoverRecordType(role: string): "PRIMARY" | "SECONDARY" {
  return role === "primary" ? "PRIMARY" : "SECONDARY";
}

/** Traffic Manager routing method for the configured mode. */
export function trafficManagerMethod(mode: string, activeActive: string): "Priority" | "Performance" | "Weighted" {
  if (mode === "active-passive") return "Priority";
  return activeActive === "weighted" ? "Weighted" : "Performance";
}

/** Front Door origin priority: the region's own in active-passive, all equal (1) in active-active. */
export function originPriority(mode: string, priority: number): number {
  return mode === "active-passive" ? priority : 1;
}

/** Front Door probe protocol and origin forwarding protocol for the regions' `frontendProtocol`. */
export function frontDoorProtocols(protocol: string): { probe: "Http" | "Https"; forwarding: "HttpOnly" | "HttpsOnly" } {
  return protocol === "HTTPS" ? { probe: "Https", forwarding: "HttpsOnly" } : { probe: "Http", forwarding: "HttpOnly" };
}

/** A Front Door origin's ports: the region's port for its protocol, the standard port for the other. */
export function originPorts(protocol: string, port: number): { httpPort: number; httpsPort: number } {
  return protocol === "HTTPS" ? { httpPort: 80, httpsPort: port } : { httpPort: port, httpsPort: 443 };
}

/** Route 53 is a global service whose API lives in us-east-1 (https://docs.aws.amazon.com/general/latest/gr/r53.html). */
export const ROUTE53_PROVIDER_REGION = "us-east-1";

/** The AWS provider Route 53 routing goes through: us-east-1, the routing's tags and the stack's on every resource. */
export function route53ProviderArgs(tags: Readonly<Record<string, string>>, stack: string): { region: string; defaultTags: { tags: Record<string, string> } } {
  return { region: ROUTE53_PROVIDER_REGION, defaultTags: { tags: { ...tags, "dynamo-ha.io/stack": stack } } };
}

/** Front Door Premium: the tier with managed WAF rule sets. */
export const FRONT_DOOR_SKU = "Premium_AzureFrontDoor";

/** The global Front Door's WAF policy name: letters and digits only, starting with a letter, ≤ 128. */
export function frontDoorWafPolicyName(stack: string): string {
  return `dynamoha${stack.replace(/[^A-Za-z0-9]/g, "")}global`.slice(0, 128);
}

/** A custom rule of the global Front Door's WAF policy (azure-native frontdoor Policy `customRules.rules`). */
export interface GlobalWafRule {
  name: string;
  priority: number;
  ruleType: "MatchRule";
  action: "Block";
  enabledState: "Enabled";
  matchConditions: { matchVariable: "SocketAddr"; operator: "IPMatch"; negateCondition: true; matchValue: string[] }[];
}

/**
 * The global Front Door's custom rules: block a client whose address (`SocketAddr`, the peer Front Door
 * sees, which no header can forge) is outside the client ranges. Front Door is where clients arrive, so
 * the check belongs here: a region's edge behind it sees Front Door's addresses
 * (learn.microsoft.com/azure/web-application-firewall/afds/waf-front-door-custom-rules). No ranges, no rule.
 */
export function frontDoorCustomRules(sourceRanges: readonly string[]): GlobalWafRule[] {
  if (sourceRanges.length === 0) return [];
  return [
    {
      name: "ClientRangesOnly",
      priority: 10,
      ruleType: "MatchRule",
      action: "Block",
      enabledState: "Enabled",
      matchConditions: [{ matchVariable: "SocketAddr", operator: "IPMatch", negateCondition: true, matchValue: [...sourceRanges] }],
    },
  ];
}

/** A DNS label for names that must be unique (Traffic Manager's `<label>.trafficmanager.net`). */
export function dnsLabel(...parts: string[]): string {
  return parts
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 63)
    .replace(/-$/, "");
}

/** What every routing service component takes: the regions read through StackReference and how to probe them. */
export interface RoutingServiceArgs {
  /** The regional stacks, in config order. */
  readonly regions: readonly RegionRef[];
  /** `active-passive` (failover by priority) or `active-active`. */
  readonly mode: string;
  /** Health probe interval in seconds (what each service allows is checked in config). */
  readonly intervalSeconds: number;
  /** Consecutive failed probes before a region counts as unhealthy. */
  readonly failureThreshold: number;
  /** Tags on the routing resources. @default {} */
  readonly tags?: Record<string, string>;
  /**
   * Protect and retain on delete what clients resolve (records, health checks, the profile and its
   * endpoint): deleting them takes the service's name off the internet.
   * @default true
   */
  readonly protect?: boolean;
}

/** The resource options of the routing resources clients depend on (`protect` and `retainOnDelete` alike). */
export function routingProtection(protect: boolean | undefined): { protect: boolean; retainOnDelete: boolean } {
  const keep = protect ?? true;
  return { protect: keep, retainOnDelete: keep };
}

/** DNS-based routing (Route 53, Traffic Manager) adds a record TTL and the active-active policy. */
export interface DnsRoutingArgs extends RoutingServiceArgs {
  /** TTL of the routed record, part of the failover detection time. */
  readonly ttlSeconds: number;
  /** Active-active policy: `latency` or `weighted`. @default "latency" */
  readonly activeActiveRouting?: string;
}
