// GlobalRouting: health-checked routing over regional stacks through one routing service (Route 53,
// Front Door or Traffic Manager), each region's documented outputs read through StackReference.
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import { Provider as AzureProvider } from "@pulumi/azure-native/provider";
import * as pulumi from "@pulumi/pulumi";
import { FrontDoorRouting } from "./front-door-routing";
import { GlobalRoutingArgs, GlobalRoutingService, GlobalRoutingSettings, resolveGlobalRoutingArgs } from "./global-routing-args";
import { readRegion, RegionRef } from "./region-ref";
import { Route53Routing } from "./route53-routing";
import { dnsLabel, frontDoorWafPolicyName, route53ProviderArgs, RoutingServiceArgs } from "./routing-plan";
import { TrafficManagerRouting } from "./traffic-manager-routing";

/** The service component GlobalRouting builds (TypeScript only). */
export type RoutingServiceComponent = Route53Routing | FrontDoorRouting | TrafficManagerRouting;

// What TypeScript callers read through getters: resources and unions are not part of the package schema.
const services = new WeakMap<GlobalRouting, RoutingServiceComponent>();

/**
 * The service component sat at the stack root before GlobalRouting grouped it: the alias keeps its old
 * URN, so `pulumi up` on an existing global stack moves it and its children (they follow their
 * parent's alias) instead of replacing them. StackReferences are read, not created: a read carries no
 * aliases, so a preview shows them read anew under GlobalRouting, which changes only the state.
 */
function movedFromRoot(): pulumi.Alias[] {
  // Read when the component is built: the stack resource exists only once the program runs.
  return [{ parent: pulumi.rootStackResource }];
}

/**
 * Health-checked global routing over regional stacks: Route 53 failover, latency or weighted records;
 * an Azure Front Door Premium profile with a WAF; or an Azure Traffic Manager profile. Each region's
 * documented outputs are read through StackReference and checked against what the service accepts
 * before any routing resource is registered. Route 53 uses the AWS provider in `opts.provider(s)`, or
 * one the component creates in us-east-1; the Azure services the azure-native provider given, or one
 * at `azureLocation`.
 */
export class GlobalRouting extends pulumi.ComponentResource {
  /** The name clients use: the Route 53 record's FQDN, the Front Door endpoint's host name or the Traffic Manager profile's FQDN. */
  readonly endpoint: pulumi.Output<string>;
  /** The routing service. */
  readonly service: pulumi.Output<GlobalRoutingService>;
  /** The regional stacks routed to, in the order given. */
  readonly regionStacks: pulumi.Output<string[]>;

  constructor(name: string, args: GlobalRoutingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:global:GlobalRouting", name, {}, opts);
    const s = resolveGlobalRoutingArgs(args, pulumi.getStack());
    const moved = { parent: this, aliases: movedFromRoot() };
    const regions = s.regions.map((ref) => readRegion(ref, moved));
    const service = this.serviceComponent(name, s, regions, moved);
    services.set(this, service);
    this.endpoint = service instanceof FrontDoorRouting ? service.hostName : pulumi.output(service.fqdn);
    this.service = pulumi.output(s.service);
    this.regionStacks = pulumi.output([...s.regions]);
    this.registerOutputs({ endpoint: this.endpoint, service: s.service, regionStacks: s.regions });
  }

  /** The Route53Routing, FrontDoorRouting or TrafficManagerRouting built (TypeScript only). */
  get routing(): RoutingServiceComponent {
    return services.get(this)!;
  }

  private serviceComponent(name: string, s: GlobalRoutingSettings, regions: RegionRef[], moved: pulumi.ComponentResourceOptions): RoutingServiceComponent {
    const common: RoutingServiceArgs = {
      regions,
      mode: s.mode,
      intervalSeconds: s.healthCheckIntervalSeconds,
      failureThreshold: s.healthCheckFailureThreshold,
      tags: { ...s.tags },
      protect: s.protect,
    };
    if (s.service === GlobalRoutingService.Route53) {
      const aws = (this.getProvider("aws::") as AwsProvider | undefined) ?? new AwsProvider(`${name}-aws`, route53ProviderArgs(s.tags, s.stackName), { parent: this });
      const dns = { ...common, zoneName: s.zoneName, recordName: s.recordName, activeActiveRouting: s.activeActiveRouting, ttlSeconds: s.dnsTtlSeconds };
      return new Route53Routing(name, dns, { ...moved, providers: [aws] });
    }
    const azure = (this.getProvider("azure-native::") as AzureProvider | undefined) ?? new AzureProvider(`${name}-azure`, { location: s.azureLocation }, { parent: this });
    if (s.service === GlobalRoutingService.AzureFrontDoor) {
      return new FrontDoorRouting(name, { ...common, resourceGroupName: s.zoneName, wafPolicyName: frontDoorWafPolicyName(s.stackName), sourceRanges: s.sourceRanges }, { ...moved, providers: [azure] });
    }
    const dns = { ...common, resourceGroupName: s.zoneName, dnsLabel: dnsLabel(s.recordName, s.stackName), activeActiveRouting: s.activeActiveRouting, ttlSeconds: s.dnsTtlSeconds };
    return new TrafficManagerRouting(name, dns, { ...moved, providers: [azure] });
  }
}
