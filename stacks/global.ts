import { Provider as AwsProvider } from "@pulumi/aws/provider";
import { Provider as AzureProvider } from "@pulumi/azure-native/provider";
import * as pulumi from "@pulumi/pulumi";
import { GlobalConfig } from "../components/core/config";
import { failoverEstimate } from "../components/core/failover";
import { FrontDoorRouting } from "../components/global/front-door-routing";
import { readRegion } from "../components/global/region-ref";
import { Route53Routing } from "../components/global/route53-routing";
import { dnsLabel, frontDoorWafPolicyName } from "../components/global/routing-plan";
import { TrafficManagerRouting } from "../components/global/traffic-manager-routing";

/** Route 53 is a global service whose API lives in us-east-1. */
export const ROUTE53_PROVIDER_REGION = "us-east-1";

/**
 * The global DR stack: each regional stack's documented outputs (components/core/regional-outputs.ts)
 * through StackReference → health-checked failover or active-active routing. The `failover` output
 * is the detection-time estimate the config check already held to `maxFailoverSeconds`.
 * Cloud resources go through an explicit provider, never the ambient default one.
 */
export function globalStack(c: GlobalConfig): Record<string, unknown> {
  const g = c.global;
  const regions = g.regions.map((r) => readRegion(r.stack));
  const common = { regions, mode: g.mode, intervalSeconds: g.healthCheckIntervalSeconds, failureThreshold: g.healthCheckFailureThreshold, tags: c.labels, protect: g.protectRouting };
  let endpoint: pulumi.Input<string>;
  switch (g.dnsProvider) {
    case "route53": {
      const provider = new AwsProvider("global-aws", { region: ROUTE53_PROVIDER_REGION, defaultTags: { tags: { ...c.labels, "dynamo-ha.io/stack": c.stack } } });
      endpoint = new Route53Routing(
        "global",
        { ...common, zoneName: g.zoneName, recordName: g.recordName, activeActiveRouting: g.activeActiveRouting, ttlSeconds: g.dnsTtlSeconds },
        { providers: [provider] },
      ).fqdn;
      break;
    }
    case "azure-frontdoor": {
      const provider = new AzureProvider("global-azure", { location: g.azureLocation });
      endpoint = new FrontDoorRouting("global", { ...common, resourceGroupName: g.zoneName, wafPolicyName: frontDoorWafPolicyName(c.stack) }, { providers: [provider] }).hostName;
      break;
    }
    default: {
      const provider = new AzureProvider("global-azure", { location: g.azureLocation });
      endpoint = new TrafficManagerRouting(
        "global",
        { ...common, resourceGroupName: g.zoneName, dnsLabel: dnsLabel(g.recordName, c.stack), activeActiveRouting: g.activeActiveRouting, ttlSeconds: g.dnsTtlSeconds },
        { providers: [provider] },
      ).fqdn;
    }
  }
  return {
    env: c.env,
    kind: "global",
    regions: g.regions.map((r) => r.stack),
    routing: { service: g.dnsProvider, mode: g.mode },
    endpoint,
    failover: failoverEstimate(g),
    // The report holds each region's failover time to it (components/core/dr-estimate.ts).
    rtoGoalSeconds: g.rtoGoalSeconds,
  };
}
