// Azure Front Door (Standard) global routing: one origin group probing each region's health path,
// one origin per region with its priority/weight, and a route from the AFD endpoint.
import * as cdn from "@pulumi/azure-native/cdn";
import * as pulumi from "@pulumi/pulumi";
import { frontDoorSampling } from "../core/failover";
import { RegionRef } from "./region-ref";
import { originPriority } from "./routing-plan";

export interface FrontDoorRoutingArgs {
  /** Resource group of the Front Door profile. */
  readonly resourceGroupName: string;
  readonly regions: readonly RegionRef[];
  /** `active-passive` (origins by priority) or `active-active` (equal priority, by weight and latency). */
  readonly mode: string;
  /** Probe interval (5–255 s). */
  readonly intervalSeconds: number;
  /** Consecutive failed probes before an origin is unhealthy. */
  readonly failureThreshold: number;
  /** Tags on the profile. @default {} */
  readonly tags?: Record<string, string>;
}

export class FrontDoorRouting extends pulumi.ComponentResource {
  public readonly profile: cdn.Profile;
  public readonly endpoint: cdn.AFDEndpoint;
  public readonly originGroup: cdn.AFDOriginGroup;
  public readonly origins: cdn.AFDOrigin[] = [];
  public readonly hostName: pulumi.Output<string>;

  constructor(name: string, args: FrontDoorRoutingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:azure:FrontDoorRouting", name, {}, opts);
    const child = { parent: this };
    const rg = args.resourceGroupName;
    this.profile = new cdn.Profile(`${name}-profile`, { resourceGroupName: rg, location: "global", sku: { name: "Standard_AzureFrontDoor" }, tags: args.tags ?? {} }, child);
    const profileName = this.profile.name;
    this.endpoint = new cdn.AFDEndpoint(`${name}-endpoint`, { resourceGroupName: rg, profileName, location: "global", enabledState: "Enabled" }, child);
    // One probe path per origin group: the first region's (every regional stack exports the same by default).
    this.originGroup = new cdn.AFDOriginGroup(
      `${name}-origins`,
      {
        resourceGroupName: rg,
        profileName,
        healthProbeSettings: { probePath: args.regions[0].healthPath, probeProtocol: "Https", probeRequestType: "GET", probeIntervalInSeconds: args.intervalSeconds },
        loadBalancingSettings: { ...frontDoorSampling(args.failureThreshold), additionalLatencyInMilliseconds: 50 },
        sessionAffinityState: "Disabled",
      },
      child,
    );
    for (const r of args.regions) {
      this.origins.push(
        new cdn.AFDOrigin(
          `${name}-${r.stack}`,
          {
            resourceGroupName: rg,
            profileName,
            originGroupName: this.originGroup.name,
            hostName: r.frontendEndpoint,
            originHostHeader: r.frontendEndpoint,
            httpsPort: 443,
            priority: r.priority.apply((p) => originPriority(args.mode, p)),
            weight: r.weight,
            enabledState: "Enabled",
            enforceCertificateNameCheck: true,
          },
          child,
        ),
      );
    }
    new cdn.Route(
      `${name}-route`,
      {
        resourceGroupName: rg,
        profileName,
        endpointName: this.endpoint.name,
        originGroup: { id: this.originGroup.id },
        supportedProtocols: ["Https"],
        patternsToMatch: ["/*"],
        forwardingProtocol: "HttpsOnly",
        httpsRedirect: "Disabled",
        linkToDefaultDomain: "Enabled",
      },
      // Front Door refuses a route to an origin group without origins.
      { ...child, dependsOn: this.origins },
    );
    this.hostName = this.endpoint.hostName;
    this.registerOutputs({ hostName: this.hostName });
  }
}
