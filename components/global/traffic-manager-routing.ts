// Azure Traffic Manager global routing: DNS-level priority (active-passive), performance or
// weighted (active-active) routing over external endpoints, monitored with the regions' protocol,
// port and health path.
import * as trafficmanager from "@pulumi/azure-native/trafficmanager";
import * as pulumi from "@pulumi/pulumi";
import { trafficManagerTimeoutSeconds, trafficManagerToleratedFailures } from "../core/failover";
import { trafficManagerLocation } from "./region-checks";
import { field, resolveRegions } from "./region-ref";
import { DnsRoutingArgs, routingProtection, trafficManagerMethod } from "./routing-plan";

export interface TrafficManagerRoutingArgs extends DnsRoutingArgs {
  /** Resource group of the profile. */
  readonly resourceGroupName: string;
  /** Globally unique label: the profile answers at `<label>.trafficmanager.net`. */
  readonly dnsLabel: string;
}

/** Pass the azure-native provider as `providers: [provider]`: the profile uses it. */
export class TrafficManagerRouting extends pulumi.ComponentResource {
  public readonly profile: trafficmanager.Profile;
  public readonly fqdn: pulumi.Output<string>;

  constructor(name: string, args: TrafficManagerRoutingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:azure:TrafficManagerRouting", name, {}, opts);
    const activeActiveRouting = args.activeActiveRouting ?? "latency";
    const method = trafficManagerMethod(args.mode, activeActiveRouting);
    // One monitor per profile: every region probes alike (checked), so the first region's settings serve.
    const checked = resolveRegions(args.regions, { dnsProvider: "azure-traffic-manager", mode: args.mode, activeActiveRouting });
    this.profile = new trafficmanager.Profile(
      `${name}-profile`,
      {
        resourceGroupName: args.resourceGroupName,
        location: "global",
        profileStatus: "Enabled",
        trafficRoutingMethod: method,
        dnsConfig: { relativeName: args.dnsLabel, ttl: args.ttlSeconds },
        monitorConfig: {
          protocol: field(checked, 0, "protocol"),
          port: field(checked, 0, "port"),
          path: field(checked, 0, "healthPath"),
          intervalInSeconds: args.intervalSeconds,
          toleratedNumberOfFailures: trafficManagerToleratedFailures(args.failureThreshold),
          timeoutInSeconds: trafficManagerTimeoutSeconds(args.intervalSeconds),
        },
        endpoints: args.regions.map((r, i) => ({
          name: r.stack,
          type: "Microsoft.Network/trafficManagerProfiles/externalEndpoints",
          target: field(checked, i, "host"),
          // An Azure location (AWS regions map to the nearest one); only Performance routing needs it.
          endpointLocation: checked.apply((rs) => (method === "Performance" ? trafficManagerLocation(rs[i].cloud, rs[i].region) : undefined)) as pulumi.Output<string>,
          endpointStatus: "Enabled",
          priority: field(checked, i, "priority"),
          weight: field(checked, i, "weight"),
        })),
        tags: args.tags ?? {},
      },
      // The profile is the record clients resolve (`<label>.trafficmanager.net`).
      { parent: this, ...routingProtection(args.protect) },
    );
    this.fqdn = this.profile.dnsConfig.apply((d) => d?.fqdn ?? `${args.dnsLabel}.trafficmanager.net`);
    this.registerOutputs({ fqdn: this.fqdn });
  }
}
