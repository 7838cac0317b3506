import { Provider as AwsProvider } from "@pulumi/aws/provider";
import { Provider as AzureProvider } from "@pulumi/azure-native/provider";
import { GlobalConfig } from "../components/core/config";
import { failoverEstimate } from "../components/core/failover";
import { FrontDoorRouting } from "../components/global/front-door-routing";
import { GlobalRouting } from "../components/global/global-routing";
import { globalRoutingArgsOf } from "../components/global/global-routing-args";
import { route53ProviderArgs } from "../components/global/routing-plan";

/**
 * The global DR stack: the validated config mapped to GlobalRouting's args, which reads each regional
 * stack's documented outputs (components/core/regional-outputs.ts) through StackReference and routes
 * over them. The `failover` output is the detection-time estimate the config check already held to
 * `maxFailoverSeconds`. Cloud resources go through an explicit provider, never the ambient default
 * one; it stays at the stack root, where stacks created before GlobalRouting existed have it.
 */
export function globalStack(c: GlobalConfig): Record<string, unknown> {
  const g = c.global;
  const provider =
    g.dnsProvider === "route53" ? new AwsProvider("global-aws", route53ProviderArgs(c.labels, c.stack)) : new AzureProvider("global-azure", { location: g.azureLocation });
  const routing = new GlobalRouting("global", globalRoutingArgsOf(c), { providers: [provider] });
  return {
    env: c.env,
    kind: "global",
    regions: g.regions.map((r) => r.stack),
    routing: { service: g.dnsProvider, mode: g.mode },
    endpoint: routing.endpoint,
    // Each region's edge admits the global Front Door by this ID (exposure.edge.azure.frontDoorIds).
    ...(routing.routing instanceof FrontDoorRouting ? { frontDoorId: routing.routing.frontDoorId } : {}),
    failover: failoverEstimate(g),
    // The report holds each region's failover time to it (components/core/dr-estimate.ts).
    rtoGoalSeconds: g.rtoGoalSeconds,
  };
}
