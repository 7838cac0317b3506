// Route 53 global routing: one health check per region (the region's own protocol, port and path)
// and one record per region, as a failover pair (active-passive) or a latency / weighted set
// (active-active). Records are CNAMEs to a load balancer hostname, or A records to an IP.
import * as route53 from "@pulumi/aws/route53";
import * as pulumi from "@pulumi/pulumi";
import { isIpv4 } from "./region-checks";
import { field, resolveRegions } from "./region-ref";
import { DnsRoutingArgs, failoverRecordType, routingProtection } from "./routing-plan";

export interface Route53RoutingArgs extends DnsRoutingArgs {
  /** Public hosted zone name, e.g. `example.com`. */
  readonly zoneName: string;
  /** Record label inside the zone, e.g. `llm`. */
  readonly recordName: string;
}

/** Pass the AWS provider as `providers: [provider]`: every child and the zone lookup use it. */
export class Route53Routing extends pulumi.ComponentResource {
  public readonly fqdn: string;
  public readonly healthChecks: route53.HealthCheck[] = [];
  public readonly records: route53.Record[] = [];

  constructor(name: string, args: Route53RoutingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:aws:Route53Routing", name, {}, opts);
    const child = { parent: this };
    const keep = { ...child, ...routingProtection(args.protect) };
    const activeActiveRouting = args.activeActiveRouting ?? "latency";
    this.fqdn = `${args.recordName}.${args.zoneName}`;
    const checked = resolveRegions(args.regions, { dnsProvider: "route53", mode: args.mode, activeActiveRouting });
    const zone = route53.getZoneOutput({ name: args.zoneName, privateZone: false }, child);
    args.regions.forEach((r, i) => {
      const host = field(checked, i, "host");
      const protocol = field(checked, i, "protocol");
      const check = new route53.HealthCheck(
        `${name}-${r.stack}`,
        {
          type: protocol,
          fqdn: host.apply((h) => (isIpv4(h) ? undefined : h)) as pulumi.Output<string>,
          ipAddress: host.apply((h) => (isIpv4(h) ? h : undefined)) as pulumi.Output<string>,
          port: field(checked, i, "port"),
          resourcePath: field(checked, i, "healthPath"),
          requestInterval: args.intervalSeconds,
          failureThreshold: args.failureThreshold,
          enableSni: protocol.apply((p) => p === "HTTPS"),
          tags: { ...(args.tags ?? {}), Name: `${this.fqdn} ${r.stack}` },
        },
        keep,
      );
      this.healthChecks.push(check);
      this.records.push(
        new route53.Record(
          `${name}-${r.stack}`,
          {
            zoneId: zone.zoneId,
            name: this.fqdn,
            type: host.apply((h) => (isIpv4(h) ? "A" : "CNAME")),
            ttl: args.ttlSeconds,
            records: [host],
            setIdentifier: r.stack,
            healthCheckId: check.id,
            ...routingPolicy(args.mode, activeActiveRouting, checked, i),
          },
          keep,
        ),
      );
    });
    this.registerOutputs({ fqdn: this.fqdn });
  }
}

function routingPolicy(mode: string, activeActive: string, checked: ReturnType<typeof resolveRegions>, i: number): Partial<route53.RecordArgs> {
  if (mode === "active-passive") return { failoverRoutingPolicies: [{ type: field(checked, i, "role").apply(failoverRecordType) }] };
  if (activeActive === "weighted") return { weightedRoutingPolicies: [{ weight: field(checked, i, "weight") }] };
  return { latencyRoutingPolicies: [{ region: field(checked, i, "region") }] };
}
