// Azure Front Door (Premium) global routing: one origin group probing each region's health path, one
// origin per region (its TLS edge: host, port, priority and weight), a route that redirects HTTP to
// HTTPS and forwards over HTTPS only, and a WAF policy (managed rules, Prevention) on the endpoint.
// The regions' edges admit their source ranges and authenticate each request (region-checks refuses
// a region without one), so Front Door never reaches a frontend in clear text.
import * as cdn from "@pulumi/azure-native/cdn";
import * as frontdoor from "@pulumi/azure-native/frontdoor";
import * as pulumi from "@pulumi/pulumi";
import { frontDoorSampling } from "../core/failover";
import { field, resolveRegions } from "./region-ref";
import { FRONT_DOOR_SKU, frontDoorCustomRules, frontDoorProtocols, originPorts, originPriority, routingProtection, RoutingServiceArgs } from "./routing-plan";

export interface FrontDoorRoutingArgs extends RoutingServiceArgs {
  /** Resource group of the Front Door profile. */
  readonly resourceGroupName: string;
  /** Name of the WAF policy (letters and digits, starting with a letter). */
  readonly wafPolicyName: string;
  /** Client CIDRs the WAF admits; empty adds no range rule (GlobalRouting requires them). @default [] */
  readonly sourceRanges?: readonly string[];
}

/** Pass the azure-native provider as `providers: [provider]`: every child uses it. */
export class FrontDoorRouting extends pulumi.ComponentResource {
  public readonly profile: cdn.Profile;
  public readonly endpoint: cdn.AFDEndpoint;
  public readonly originGroup: cdn.AFDOriginGroup;
  public readonly origins: cdn.AFDOrigin[] = [];
  public readonly hostName: pulumi.Output<string>;
  /** The profile's ID, which Front Door sends in X-Azure-FDID: the regions' edges admit it (exposure.edge.azure.frontDoorIds). */
  public readonly frontDoorId: pulumi.Output<string>;

  constructor(name: string, args: FrontDoorRoutingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:azure:FrontDoorRouting", name, {}, opts);
    const child = { parent: this };
    // The endpoint's host name (random suffix) is what clients use: it and its profile are kept.
    const keep = { ...child, ...routingProtection(args.protect) };
    const rg = args.resourceGroupName;
    // Every region probes and serves alike (checked): the first region's settings are the group's.
    const checked = resolveRegions(args.regions, { dnsProvider: "azure-frontdoor", mode: args.mode, activeActiveRouting: "latency" });
    const protocols = field(checked, 0, "protocol").apply(frontDoorProtocols);
    this.profile = new cdn.Profile(`${name}-profile`, { resourceGroupName: rg, location: "global", sku: { name: FRONT_DOOR_SKU }, tags: args.tags ?? {} }, keep);
    const profileName = this.profile.name;
    this.endpoint = new cdn.AFDEndpoint(`${name}-endpoint`, { resourceGroupName: rg, profileName, location: "global", enabledState: "Enabled" }, keep);
    this.originGroup = new cdn.AFDOriginGroup(
      `${name}-origins`,
      {
        resourceGroupName: rg,
        profileName,
        healthProbeSettings: {
          probePath: field(checked, 0, "healthPath"),
          probeProtocol: protocols.apply((p) => p.probe),
          probeRequestType: "GET",
          probeIntervalInSeconds: args.intervalSeconds,
        },
        loadBalancingSettings: { ...frontDoorSampling(args.failureThreshold), additionalLatencyInMilliseconds: 50 },
        sessionAffinityState: "Disabled",
      },
      child,
    );
    args.regions.forEach((r, i) => {
      const host = field(checked, i, "host");
      const ports = checked.apply((rs) => originPorts(rs[i].protocol, rs[i].port));
      this.origins.push(
        new cdn.AFDOrigin(
          `${name}-${r.stack}`,
          {
            resourceGroupName: rg,
            profileName,
            originGroupName: this.originGroup.name,
            hostName: host,
            originHostHeader: host,
            httpPort: ports.apply((p) => p.httpPort),
            httpsPort: ports.apply((p) => p.httpsPort),
            priority: field(checked, i, "priority").apply((p) => originPriority(args.mode, p)),
            weight: field(checked, i, "weight"),
            enabledState: "Enabled",
            enforceCertificateNameCheck: true,
          },
          child,
        ),
      );
    });
    new cdn.Route(
      `${name}-route`,
      {
        resourceGroupName: rg,
        profileName,
        endpointName: this.endpoint.name,
        originGroup: { id: this.originGroup.id },
        // HTTP is accepted only to be redirected to HTTPS.
        supportedProtocols: ["Http", "Https"],
        httpsRedirect: "Enabled",
        patternsToMatch: ["/*"],
        forwardingProtocol: protocols.apply((p) => p.forwarding),
        linkToDefaultDomain: "Enabled",
      },
      // Front Door refuses a route to an origin group without origins.
      { ...child, dependsOn: this.origins },
    );
    const ranges = args.sourceRanges ?? [];
    const waf = new frontdoor.Policy(
      `${name}-waf`,
      {
        resourceGroupName: rg,
        policyName: args.wafPolicyName,
        location: "Global",
        sku: { name: FRONT_DOOR_SKU },
        policySettings: { enabledState: "Enabled", mode: "Prevention", requestBodyCheck: "Enabled" },
        ...(ranges.length > 0 ? { customRules: { rules: frontDoorCustomRules(ranges) } } : {}),
        managedRules: { managedRuleSets: [{ ruleSetType: "Microsoft_DefaultRuleSet", ruleSetVersion: "2.1", ruleSetAction: "Block" }] },
        tags: args.tags ?? {},
      },
      child,
    );
    new cdn.SecurityPolicy(
      `${name}-waf`,
      { resourceGroupName: rg, profileName, parameters: { type: "WebApplicationFirewall", wafPolicy: { id: waf.id }, associations: [{ domains: [{ id: this.endpoint.id }], patternsToMatch: ["/*"] }] } },
      child,
    );
    this.hostName = this.endpoint.hostName;
    this.frontDoorId = this.profile.frontDoorId;
    this.registerOutputs({ hostName: this.hostName, frontDoorId: this.frontDoorId });
  }
}
