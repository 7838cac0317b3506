// GlobalRouting's args: the `global` stack config section's routing fields, typed for any Pulumi
// language, resolved and checked by the same schema and rules as a stack file, so routing composed in
// a program and routing from a stack file are judged alike. Pure: tested without mocks.
import { ConfigError, GlobalConfig, PROJECT, show, TOP_LEVEL } from "../core/config";
import { checkGlobal } from "../core/config/checks/global";
import { globalSection } from "../core/config/sections/global";

// Enums are `as const` objects: the package schema expresses them (a bare union of literals it cannot).
/** The global routing service (the `global.dnsProvider` config values). */
export const GlobalRoutingService = { Route53: "route53", AzureFrontDoor: "azure-frontdoor", AzureTrafficManager: "azure-traffic-manager" } as const;
export type GlobalRoutingService = (typeof GlobalRoutingService)[keyof typeof GlobalRoutingService];
/** Failover between regions by priority, or every healthy region serving. */
export const GlobalRoutingMode = { ActivePassive: "active-passive", ActiveActive: "active-active" } as const;
export type GlobalRoutingMode = (typeof GlobalRoutingMode)[keyof typeof GlobalRoutingMode];
/** How active-active routing picks a healthy region. */
export const ActiveActiveRouting = { Latency: "latency", Weighted: "weighted" } as const;
export type ActiveActiveRouting = (typeof ActiveActiveRouting)[keyof typeof ActiveActiveRouting];

/** Routing over regional stacks, read through StackReference (their documented outputs). */
export interface GlobalRoutingArgs {
  /**
   * Fully qualified regional stacks (`org/project/stack`), at least 2, each exporting the regional
   * outputs (frontendHost, frontendPort, frontendProtocol, healthPath, region, role, priority, weight, cloud).
   * @default - required, no default
   */
  readonly regions: string[];
  /**
   * The routing service.
   * @default "route53"
   */
  readonly service?: GlobalRoutingService;
  /**
   * Active-passive failover (by the regions' role or priority) or active-active.
   * @default "active-passive"
   */
  readonly mode?: GlobalRoutingMode;
  /**
   * Active-active: by latency (Route 53 latency records, Traffic Manager Performance) or by the regions' weights. Front Door always weighs healthy origins by latency and weight.
   * @default "latency"
   */
  readonly activeActiveRouting?: ActiveActiveRouting;
  /**
   * Route 53 public hosted zone holding the record, e.g. `example.com` (route53 only).
   * @default - required with route53
   */
  readonly zoneName?: string;
  /**
   * Client IPv4 CIDRs the Front Door WAF admits (azure-frontdoor only, required with it; never a /0). Requests from elsewhere are blocked at the global edge.
   * @default [] - required with azure-frontdoor
   */
  readonly sourceRanges?: string[];
  /**
   * Resource group of the Front Door or Traffic Manager profile (the Azure services only).
   * @default - required with azure-frontdoor and azure-traffic-manager
   */
  readonly resourceGroupName?: string;
  /**
   * Record served globally: the label inside the Route 53 zone; with Traffic Manager, the start of the profile's `<label>.trafficmanager.net`.
   * @default "llm"
   */
  readonly recordName?: string;
  /**
   * Location of the azure-native provider the component creates when none is given (Front Door and Traffic Manager are global; the provider still needs one).
   * @default "eastus"
   */
  readonly azureLocation?: string;
  /**
   * Health check interval in seconds (Route 53 and Traffic Manager allow 10 or 30; Front Door 5 to 255).
   * @default 10
   */
  readonly healthCheckIntervalSeconds?: number;
  /**
   * Failed checks before a region counts as unhealthy.
   * @default 3
   */
  readonly healthCheckFailureThreshold?: number;
  /**
   * TTL of the routed record (adds nothing behind Front Door, which proxies).
   * @default 30
   */
  readonly dnsTtlSeconds?: number;
  /**
   * Bound on the failover detection time (interval × threshold + TTL); settings above it are refused.
   * @default 60
   */
  readonly maxFailoverSeconds?: number;
  /**
   * Protect the resources clients resolve (Route 53 records and health checks, the Front Door profile and endpoint, the Traffic Manager profile) and retain them on delete.
   * @default true
   */
  readonly protect?: boolean;
  /**
   * Stack name in derived names (the Front Door WAF policy, the Traffic Manager label) and the `dynamo-ha.io/stack` tag.
   * @default - the Pulumi stack name
   */
  readonly stackName?: string;
  /**
   * Tags on the routing resources (Azure tag names take no "/").
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

/** The args resolved into plain values: what the component builds from. */
export interface GlobalRoutingSettings {
  readonly regions: readonly string[];
  readonly service: GlobalRoutingService;
  readonly mode: GlobalRoutingMode;
  readonly activeActiveRouting: ActiveActiveRouting;
  /** The Route 53 zone, or the Azure resource group (the config's `global.zoneName`). */
  readonly zoneName: string;
  /** Client CIDRs the Front Door WAF admits (empty except with azure-frontdoor). */
  readonly sourceRanges: readonly string[];
  readonly recordName: string;
  readonly azureLocation: string;
  readonly healthCheckIntervalSeconds: number;
  readonly healthCheckFailureThreshold: number;
  readonly dnsTtlSeconds: number;
  readonly maxFailoverSeconds: number;
  readonly protect: boolean;
  readonly stackName: string;
  readonly tags: Readonly<Record<string, string>>;
}

const AZURE_SERVICES: readonly string[] = [GlobalRoutingService.AzureFrontDoor, GlobalRoutingService.AzureTrafficManager];

/** The zone arg the service takes, and the one it refuses. */
function zoneArg(service: string): { takes: "zoneName" | "resourceGroupName"; refuses: "zoneName" | "resourceGroupName" } {
  return AZURE_SERVICES.includes(service) ? { takes: "resourceGroupName", refuses: "zoneName" } : { takes: "zoneName", refuses: "resourceGroupName" };
}

/** A config key in a message, renamed to the arg that sets it. */
function argMessage(message: string, zone: string): string {
  const g = `${PROJECT}:global.`;
  return message
    .replace(new RegExp(`^${PROJECT}:labels`), "GlobalRouting.tags")
    .replace(new RegExp(`^${g}regions(\\[\\d+\\])\\.stack`), "GlobalRouting.regions$1")
    .replace(`${g}dnsProvider`, "GlobalRouting.service")
    .replace(`${g}protectRouting`, "GlobalRouting.protect")
    .replace(`${g}zoneName`, `GlobalRouting.${zone}`)
    .replace(g, "GlobalRouting.");
}

/**
 * Args → settings, through the `global` section's schema (defaults, ranges, grammars) and the global
 * stack's rules (the service's probe intervals, route53 active-passive's two regions, the failover
 * bound). A bad value ends with one line naming the arg (`GlobalRouting.healthCheckIntervalSeconds: …`).
 */
export function resolveGlobalRoutingArgs(a: GlobalRoutingArgs, stack: string): GlobalRoutingSettings {
  const service = a.service ?? GlobalRoutingService.Route53;
  const zone = zoneArg(service);
  const stackName = a.stackName ?? stack;
  try {
    // An unknown service is left to the schema's enum message.
    if ((Object.values(GlobalRoutingService) as string[]).includes(service)) {
      if (a[zone.refuses] !== undefined) throw new ConfigError(`GlobalRouting.${zone.refuses}: ${service} takes ${zone.takes} instead, got ${show(a[zone.refuses])}`);
      if (a[zone.takes] === undefined) throw new ConfigError(`GlobalRouting.${zone.takes}: required with ${service}, got nothing`);
    }
    const labels = TOP_LEVEL.labels.parse(a.tags ?? {}, `${PROJECT}:labels`);
    const g = globalSection.parse(
      {
        regions: a.regions?.map((ref) => ({ stack: ref })),
        mode: a.mode,
        activeActiveRouting: a.activeActiveRouting,
        dnsProvider: service,
        azureLocation: a.azureLocation,
        zoneName: a[zone.takes],
        sourceRanges: a.sourceRanges,
        recordName: a.recordName,
        healthCheckIntervalSeconds: a.healthCheckIntervalSeconds,
        healthCheckFailureThreshold: a.healthCheckFailureThreshold,
        dnsTtlSeconds: a.dnsTtlSeconds,
        protectRouting: a.protect,
        maxFailoverSeconds: a.maxFailoverSeconds,
      },
      `${PROJECT}:global`,
    );
    // The recovery-time goal is the stack report's concern, not routing's: held open here, so only the
    // routing rules apply (detection ≤ maxFailoverSeconds ≤ 3600 is always below it).
    const c: GlobalConfig = { kind: "global", stack: stackName, env: "prod", haMode: true, labels, global: { ...g, rtoGoalSeconds: Number.MAX_SAFE_INTEGER } };
    checkGlobal(c);
    return settingsOf(g, stackName, labels);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    throw new ConfigError(argMessage(e.message, zone.takes));
  }
}

/** The settings a parsed `global` section gives (the enums' values are all the schema admits). */
function settingsOf(g: GlobalConfig["global"], stackName: string, tags: Readonly<Record<string, string>>): GlobalRoutingSettings {
  return {
    regions: g.regions.map((r) => r.stack),
    service: g.dnsProvider as GlobalRoutingService,
    mode: g.mode as GlobalRoutingMode,
    activeActiveRouting: g.activeActiveRouting as ActiveActiveRouting,
    zoneName: g.zoneName,
    sourceRanges: g.sourceRanges,
    recordName: g.recordName,
    azureLocation: g.azureLocation,
    healthCheckIntervalSeconds: g.healthCheckIntervalSeconds,
    healthCheckFailureThreshold: g.healthCheckFailureThreshold,
    dnsTtlSeconds: g.dnsTtlSeconds,
    maxFailoverSeconds: g.maxFailoverSeconds,
    protect: g.protectRouting,
    stackName,
    tags,
  };
}

/** The args a validated global stack config gives (the stack program's mapping). */
export function globalRoutingArgsOf(c: GlobalConfig): GlobalRoutingArgs {
  const { regions, zoneName, sourceRanges, tags, ...rest } = settingsOf(c.global, c.stack, c.labels);
  return {
    ...rest,
    regions: [...regions],
    [zoneArg(c.global.dnsProvider).takes]: zoneName,
    ...(sourceRanges.length > 0 ? { sourceRanges: [...sourceRanges] } : {}),
    tags: { ...tags },
  };
}
