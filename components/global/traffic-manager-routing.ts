// Azure Traffic Manager global routing: DNS-level priority (active-passive), performance or
// weighted (active-active) routing over external endpoints, with HTTPS monitoring.
import * as trafficmanager from "@pulumi/azure-native/trafficmanager";
import * as pulumi from "@pulumi/pulumi";
import { trafficManagerTimeoutSeconds, trafficManagerToleratedFailures } from "../core/failover";
import { RegionRef } from "./region-ref";
import { trafficManagerMethod } from "./routing-plan";

export interface TrafficManagerRoutingArgs {
  readonly resourceGroupName: string;
  /** Globally unique label: the profile answers at `<label>.trafficmanager.net`. */
  readonly dnsLabel: string;
  readonly regions: readonly RegionRef[];
  readonly mode: string;
  /** Active-active method: `latency` (Performance) or `weighted`. @default "latency" */
  readonly activeActiveRouting?: string;
  /** Probe interval, 10 or 30 s. */
  readonly intervalSeconds: number;
  /** Failed probes before an endpoint is degraded (tolerated failures + 1). */
  readonly failureThreshold: number;
  readonly ttlSeconds: number;
  /** Tags on the profile. @default {} */
  readonly tags?: Record<string, string>;
}

export class TrafficManagerRouting extends pulumi.ComponentResource {
  public readonly profile: trafficmanager.Profile;
  public readonly fqdn: pulumi.Output<string>;

  constructor(name: string, args: TrafficManagerRoutingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:azure:TrafficManagerRouting", name, {}, opts);
    this.profile = new trafficmanager.Profile(
      `${name}-profile`,
      {
        resourceGroupName: args.resourceGroupName,
        location: "global",
        profileStatus: "Enabled",
        trafficRoutingMethod: trafficManagerMethod(args.mode, args.activeActiveRouting ?? "latency"),
        dnsConfig: { relativeName: args.dnsLabel, ttl: args.ttlSeconds },
        monitorConfig: {
          protocol: "HTTPS",
          port: 443,
          path: args.regions[0].healthPath,
          intervalInSeconds: args.intervalSeconds,
          toleratedNumberOfFailures: trafficManagerToleratedFailures(args.failureThreshold),
          timeoutInSeconds: trafficManagerTimeoutSeconds(args.intervalSeconds),
        },
        endpoints: args.regions.map((r) => ({
          name: r.stack,
          type: "Microsoft.Network/trafficManagerProfiles/externalEndpoints",
          target: r.frontendEndpoint,
          endpointLocation: r.region,
          endpointStatus: "Enabled",
          priority: r.priority,
          weight: r.weight,
        })),
        tags: args.tags ?? {},
      },
      { parent: this },
    );
    this.fqdn = this.profile.dnsConfig.apply((d) => d?.fqdn ?? `${args.dnsLabel}.trafficmanager.net`);
    this.registerOutputs({ fqdn: this.fqdn });
  }
}
