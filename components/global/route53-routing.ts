// Route 53 global routing: one HTTPS health check per region and one record per region, as a
// failover pair (active-passive) or a latency / weighted set (active-active).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RegionRef } from "./region-ref";
import { failoverRecordType } from "./routing-plan";

export interface Route53RoutingArgs {
  /** Public hosted zone name, e.g. `example.com`. */
  readonly zoneName: string;
  /** Record label inside the zone, e.g. `llm`. */
  readonly recordName: string;
  readonly regions: readonly RegionRef[];
  /** `active-passive` (failover records) or `active-active`. */
  readonly mode: string;
  /** Active-active policy: `latency` or `weighted`. @default "latency" */
  readonly activeActiveRouting?: string;
  /** Health check request interval, 10 (fast) or 30 s. */
  readonly intervalSeconds: number;
  /** Failed checks before a region is unhealthy (1–10). */
  readonly failureThreshold: number;
  readonly ttlSeconds: number;
  /** Tags on the health checks. @default {} */
  readonly tags?: Record<string, string>;
}

export class Route53Routing extends pulumi.ComponentResource {
  public readonly fqdn: string;
  public readonly healthChecks: aws.route53.HealthCheck[] = [];
  public readonly records: aws.route53.Record[] = [];

  constructor(name: string, args: Route53RoutingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:aws:Route53Routing", name, {}, opts);
    const child = { parent: this };
    this.fqdn = `${args.recordName}.${args.zoneName}`;
    const zone = aws.route53.getZoneOutput({ name: args.zoneName, privateZone: false }, child);
    for (const r of args.regions) {
      const check = new aws.route53.HealthCheck(
        `${name}-${r.stack}`,
        {
          type: "HTTPS",
          fqdn: r.frontendEndpoint,
          port: 443,
          resourcePath: r.healthPath,
          requestInterval: args.intervalSeconds,
          failureThreshold: args.failureThreshold,
          enableSni: true,
          tags: { ...(args.tags ?? {}), Name: `${this.fqdn} ${r.stack}` },
        },
        child,
      );
      this.healthChecks.push(check);
      this.records.push(
        new aws.route53.Record(
          `${name}-${r.stack}`,
          {
            zoneId: zone.zoneId,
            name: this.fqdn,
            type: "CNAME",
            ttl: args.ttlSeconds,
            records: [r.frontendEndpoint],
            setIdentifier: r.stack,
            healthCheckId: check.id,
            ...routingPolicy(args, r),
          },
          child,
        ),
      );
    }
    this.registerOutputs({ fqdn: this.fqdn });
  }
}

function routingPolicy(a: Route53RoutingArgs, r: RegionRef): Partial<aws.route53.RecordArgs> {
  if (a.mode === "active-passive") return { failoverRoutingPolicies: [{ type: r.role.apply(failoverRecordType) }] };
  if (a.activeActiveRouting === "weighted") return { weightedRoutingPolicies: [{ weight: r.weight }] };
  return { latencyRoutingPolicies: [{ region: r.region }] };
}
