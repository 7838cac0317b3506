// Global-stack rules: region count per routing service, the global Front Door's client ranges and the
// failover-time bound.
import { failoverEstimate, ttlCounts } from "../../failover";
import { AZURE_RESOURCE_GROUP, DNS_NAME } from "../grammar";
import { ConfigError, show } from "../schema";
import { GlobalConfig } from "../stack-config";
import { checkTagNames } from "./azure";
import { openRange } from "./open-cidr";

/** Route 53 and Traffic Manager probe every 10 or 30 s; Front Door every 5–255 s. */
const INTERVALS: Record<string, { ok(n: number): boolean; text: string }> = {
  route53: { ok: (n) => n === 10 || n === 30, text: "10 or 30 with route53" },
  "azure-traffic-manager": { ok: (n) => n === 10 || n === 30, text: "10 or 30 with azure-traffic-manager" },
  "azure-frontdoor": { ok: (n) => n >= 5 && n <= 255, text: "5 to 255 with azure-frontdoor" },
};

export function checkGlobal(c: GlobalConfig): void {
  const g = c.global;
  const n = g.regions.length;
  if (n < 2) throw new ConfigError(`dynamo-ha:global.regions: need at least 2 distinct regional stacks, got ${show(g.regions)}`);
  // Route 53 takes a hosted zone name; the Azure services take the resource group holding them.
  const zoneGrammar = g.dnsProvider === "route53" ? DNS_NAME : AZURE_RESOURCE_GROUP;
  if (!zoneGrammar.test(g.zoneName)) throw new ConfigError(`dynamo-ha:global.zoneName: must be ${zoneGrammar.text} with ${g.dnsProvider}, got ${show(g.zoneName)}`);
  if (g.dnsProvider !== "route53") checkTagNames(c.labels);
  const interval = INTERVALS[g.dnsProvider];
  if (!interval.ok(g.healthCheckIntervalSeconds)) {
    throw new ConfigError(`dynamo-ha:global.healthCheckIntervalSeconds: must be ${interval.text}, got ${g.healthCheckIntervalSeconds}`);
  }
  // A Route 53 failover record set has exactly one PRIMARY and one SECONDARY.
  if (g.dnsProvider === "route53" && g.mode === "active-passive" && n !== 2) {
    throw new ConfigError(`dynamo-ha:global.regions: route53 active-passive fails over between exactly 2 regional stacks (use active-active for more), got ${show(g.regions.map((r) => r.stack))}`);
  }
  checkSourceRanges(c);
  const e = failoverEstimate(g);
  if (!e.withinBound) {
    const ttl = ttlCounts(g.dnsProvider) ? ` + TTL ${e.ttlSeconds}` : "";
    throw new ConfigError(
      `dynamo-ha:global.maxFailoverSeconds: detection ${e.intervalSeconds} s × ${e.failureThreshold}${ttl} = ${e.detectionSeconds} s exceeds the bound; lower healthCheckIntervalSeconds, healthCheckFailureThreshold or dnsTtlSeconds, got ${g.maxFailoverSeconds}`,
    );
  }
  // No failover is faster than its detection: a goal below it could never be met.
  if (g.rtoGoalSeconds < e.detectionSeconds) {
    const ttl = ttlCounts(g.dnsProvider) ? ` + TTL ${e.ttlSeconds}` : "";
    throw new ConfigError(
      `dynamo-ha:global.rtoGoalSeconds: must be at least the detection time ${e.intervalSeconds} s × ${e.failureThreshold}${ttl} = ${e.detectionSeconds} s, got ${g.rtoGoalSeconds}`,
    );
  }
}

/**
 * The global Front Door is where clients arrive: its WAF holds the client ranges (the regions' edges
 * see Front Door's addresses, not the clients'). Only Front Door proxies; DNS services see no request.
 */
function checkSourceRanges(c: GlobalConfig): void {
  const g = c.global;
  const key = "dynamo-ha:global.sourceRanges";
  if (g.dnsProvider !== "azure-frontdoor") {
    if (g.sourceRanges.length > 0) throw new ConfigError(`${key}: azure-frontdoor only (${g.dnsProvider} answers DNS and sees no request; the regions' edges admit the clients), got ${show(g.sourceRanges)}`);
    return;
  }
  // Every env: GlobalRouting judges its args as prod, and the stack builds through it.
  if (g.sourceRanges.length === 0) throw new ConfigError(`${key}: azure-frontdoor needs the client CIDRs the global Front Door's WAF admits (at least one), got []`);
  const open = openRange(g.sourceRanges);
  if (open !== undefined) throw new ConfigError(`${key}: a range that admits every address (${open}) is not a restriction; list the client CIDRs, got ${show(g.sourceRanges)}`);
}
