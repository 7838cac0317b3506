// The Azure frontend edge: Front Door Premium with a WAF policy (managed rules, client ranges, API
// key) on its endpoint, HTTP redirected to HTTPS, and one origin reached over Private Link: the
// Private Link Service AKS puts on the frontend's internal load balancer. The origin has no public
// address, so it accepts traffic only from the edge.
import * as cdn from "@pulumi/azure-native/cdn";
import * as frontdoor from "@pulumi/azure-native/frontdoor";
import * as pulumi from "@pulumi/pulumi";
import { FRONT_DOOR_PREMIUM, MANAGED_RULE_SET, ORIGIN_RESPONSE_TIMEOUT_SECONDS, wafCustomRules, wafPolicyName } from "./frontend-edge-plan";

export interface AzureFrontendEdgeArgs {
  /** Stack name, for the WAF policy name. */
  readonly stack: string;
  /** Resource group of the profile and the WAF policy. */
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure location of the cluster (where the Private Link Service is). */
  readonly location: string;
  /** ARM id of the Private Link Service on the internal load balancer. */
  readonly privateLinkServiceId: pulumi.Input<string>;
  /** Private address of the internal load balancer (the origin's host). */
  readonly originHost: pulumi.Input<string>;
  /** Port the frontend serves plain HTTP on behind the load balancer. */
  readonly originPort: number;
  /** Client CIDRs the WAF admits; never empty, never /0 (checked in config). */
  readonly sourceRanges: readonly string[];
  /** IDs of the Front Door profiles (the global one) whose forwarded requests pass from outside sourceRanges (from frontDoorBackendRanges only); the API key is still required. @default [] */
  readonly frontDoorIds?: readonly string[];
  /** AzureFrontDoor.Backend address ranges (IPv4/IPv6 CIDRs): a listed Front Door ID passes only from these; required with frontDoorIds. @default [] */
  readonly frontDoorBackendRanges?: readonly string[];
  /** Header carrying the API key. */
  readonly apiKeyHeader: string;
  /** The API key (secret). */
  readonly apiKey: pulumi.Input<string>;
  /** WAF mode. @default "Prevention" */
  readonly wafMode?: "Prevention" | "Detection";
  /** Health path: probed by Front Door over the private link and served without a key. */
  readonly healthPath: string;
  /** Protect and retain the profile and endpoint (their host name is what clients and global routing use). @default true */
  readonly protect?: boolean;
  /** Resources the origin waits for (the load balancer Service that creates the Private Link Service). @default [] */
  readonly dependsOn?: readonly pulumi.Resource[];
  /** @default {} */
  readonly tags?: Record<string, string>;
}

/** Pass the region's azure-native provider as `providers: [provider]`. */
export class AzureFrontendEdge extends pulumi.ComponentResource {
  readonly endpoint: cdn.AFDEndpoint;
  /** Host name of the Front Door endpoint: the frontend's host for global routing. */
  readonly host: pulumi.Output<string>;
  readonly port = 443;
  readonly protocol = "HTTPS";

  constructor(name: string, args: AzureFrontendEdgeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:azure:FrontendEdge", name, {}, opts);
    const child = { parent: this };
    const protect = args.protect ?? true;
    const keep = { ...child, protect, retainOnDelete: protect };
    const rg = args.resourceGroupName;
    const tags = args.tags ?? {};

    const waf = new frontdoor.Policy(
      `${name}-waf`,
      {
        resourceGroupName: rg,
        policyName: wafPolicyName(args.stack),
        location: "Global",
        sku: { name: FRONT_DOOR_PREMIUM },
        policySettings: { enabledState: "Enabled", mode: args.wafMode ?? "Prevention", requestBodyCheck: "Enabled" },
        customRules: { rules: wafCustomRules(args.sourceRanges, args.apiKeyHeader, pulumi.secret(args.apiKey), args.healthPath, { ids: args.frontDoorIds ?? [], backendRanges: args.frontDoorBackendRanges ?? [] }) },
        managedRules: { managedRuleSets: [{ ...MANAGED_RULE_SET }] },
        tags,
      },
      child,
    );
    const profile = new cdn.Profile(
      `${name}-profile`,
      { resourceGroupName: rg, location: "global", sku: { name: FRONT_DOOR_PREMIUM }, originResponseTimeoutSeconds: ORIGIN_RESPONSE_TIMEOUT_SECONDS, tags },
      keep,
    );
    const profileName = profile.name;
    this.endpoint = new cdn.AFDEndpoint(`${name}-endpoint`, { resourceGroupName: rg, profileName, location: "global", enabledState: "Enabled", tags }, keep);
    const group = new cdn.AFDOriginGroup(
      `${name}-origins`,
      {
        resourceGroupName: rg,
        profileName,
        healthProbeSettings: { probePath: args.healthPath, probeProtocol: "Http", probeRequestType: "GET", probeIntervalInSeconds: 30 },
        loadBalancingSettings: { sampleSize: 4, successfulSamplesRequired: 3, additionalLatencyInMilliseconds: 50 },
        sessionAffinityState: "Disabled",
      },
      child,
    );
    // Front Door asks the Private Link Service for a connection; it serves once that is approved
    // (learn.microsoft.com/azure/frontdoor/standard-premium/how-to-enable-private-link-internal-load-balancer).
    const origin = new cdn.AFDOrigin(
      `${name}-origin`,
      {
        resourceGroupName: rg,
        profileName,
        originGroupName: group.name,
        hostName: args.originHost,
        originHostHeader: args.originHost,
        httpPort: args.originPort,
        httpsPort: 443,
        priority: 1,
        weight: 1000,
        enabledState: "Enabled",
        enforceCertificateNameCheck: true,
        sharedPrivateLinkResource: { privateLink: { id: args.privateLinkServiceId }, privateLinkLocation: args.location, requestMessage: `dynamo-ha frontend edge of ${args.stack}` },
      },
      { ...child, dependsOn: [...(args.dependsOn ?? [])] },
    );
    // HTTP is accepted only to be redirected; the origin is reached over the private link, where the
    // frontend serves plain HTTP.
    new cdn.Route(
      `${name}-route`,
      {
        resourceGroupName: rg,
        profileName,
        endpointName: this.endpoint.name,
        originGroup: { id: group.id },
        supportedProtocols: ["Http", "Https"],
        httpsRedirect: "Enabled",
        forwardingProtocol: "HttpOnly",
        patternsToMatch: ["/*"],
        linkToDefaultDomain: "Enabled",
      },
      { ...child, dependsOn: [origin] },
    );
    new cdn.SecurityPolicy(
      `${name}-waf`,
      {
        resourceGroupName: rg,
        profileName,
        parameters: { type: "WebApplicationFirewall", wafPolicy: { id: waf.id }, associations: [{ domains: [{ id: this.endpoint.id }], patternsToMatch: ["/*"] }] },
      },
      child,
    );
    this.host = this.endpoint.hostName;
    this.registerOutputs({ host: this.host, port: this.port, protocol: this.protocol });
  }
}
