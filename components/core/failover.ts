// Failover detection time of global routing: how long after a region stops answering its health
// check until clients are sent elsewhere. Health checkers need `interval × threshold` seconds to
// declare the region unhealthy; resolvers may then serve the old answer for up to one TTL.
// Front Door proxies every request, so no DNS answer is cached and the TTL adds nothing there.

export type RoutingService = "route53" | "azure-frontdoor" | "azure-traffic-manager";
export type RoutingMode = "active-passive" | "active-active";

/** Config values as the schema parses them (enum values arrive as strings). */
export interface FailoverInput {
  readonly dnsProvider: RoutingService | string;
  readonly mode: RoutingMode | string;
  readonly healthCheckIntervalSeconds: number;
  readonly healthCheckFailureThreshold: number;
  readonly dnsTtlSeconds: number;
  readonly maxFailoverSeconds: number;
}

/** The `failover` stack output of the global stack. */
export interface FailoverEstimate {
  readonly detectionSeconds: number;
  readonly boundSeconds: number;
  readonly intervalSeconds: number;
  readonly failureThreshold: number;
  /** TTL that counts toward failover (0 behind Front Door). */
  readonly ttlSeconds: number;
  readonly mode: string;
  readonly withinBound: boolean;
}

/** True when the routing service answers DNS with a cached record (the TTL delays failover). */
export function ttlCounts(service: RoutingService | string): boolean {
  return service !== "azure-frontdoor";
}

export function failoverEstimate(g: FailoverInput): FailoverEstimate {
  const ttlSeconds = ttlCounts(g.dnsProvider) ? g.dnsTtlSeconds : 0;
  const detectionSeconds = g.healthCheckIntervalSeconds * g.healthCheckFailureThreshold + ttlSeconds;
  return {
    detectionSeconds,
    boundSeconds: g.maxFailoverSeconds,
    intervalSeconds: g.healthCheckIntervalSeconds,
    failureThreshold: g.healthCheckFailureThreshold,
    ttlSeconds,
    mode: g.mode,
    withinBound: detectionSeconds <= g.maxFailoverSeconds,
  };
}

/** Traffic Manager marks an endpoint degraded after `tolerated + 1` failed probes. */
export function trafficManagerToleratedFailures(failureThreshold: number): number {
  return failureThreshold - 1;
}

/** Traffic Manager probe timeout: 5–10 s, and below the interval when the interval is 10 s. */
export function trafficManagerTimeoutSeconds(intervalSeconds: number): number {
  return Math.max(5, Math.min(10, intervalSeconds - 1));
}

/**
 * Front Door load balancing that matches "unhealthy after N failed probes": with one successful
 * sample required out of the last N, an origin goes unhealthy exactly when N probes in a row fail.
 */
export function frontDoorSampling(failureThreshold: number): { sampleSize: number; successfulSamplesRequired: number } {
  return { sampleSize: failureThreshold, successfulSamplesRequired: 1 };
}
