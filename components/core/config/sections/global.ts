import { AZURE_LOCATION, DNS_RECORD, NETWORK_CIDR, STACK_REFERENCE } from "../grammar";
import { bool, enumOf, int, list, obj, str } from "../schema";

export const ROUTING_MODES = ["active-passive", "active-active"] as const;
export const ACTIVE_ACTIVE_ROUTING = ["latency", "weighted"] as const;
export const DNS_PROVIDERS = ["route53", "azure-frontdoor", "azure-traffic-manager"] as const;

/** `dynamo-ha:global` — the global stack: regions read through StackReference, failover routing. */
export const globalSection = obj(
  {
    regions: list(
      obj(
        {
          stack: str({ doc: "Fully qualified regional stack (`org/dynamo-ha/<stack>`).", grammar: STACK_REFERENCE }),
        },
        { doc: "A regional stack." },
      ),
      { doc: "Regional stacks tied together (≥ 2).", minItems: 2, distinct: true, what: "regional stacks" },
    ),
    mode: enumOf(ROUTING_MODES, { doc: "Active-passive failover or active-active (latency/weighted).", default: "active-passive" }),
    activeActiveRouting: enumOf(ACTIVE_ACTIVE_ROUTING, {
      doc: "Active-active: route by latency (Route 53 latency records, Traffic Manager Performance) or by the regions' weights (Route 53 weighted, Traffic Manager Weighted). Front Door always weighs healthy origins by latency and weight.",
      default: "latency",
    }),
    dnsProvider: enumOf(DNS_PROVIDERS, { doc: "Global routing service.", default: "route53" }),
    azureLocation: str({
      doc: "Location of the azure-native provider the global stack uses for Front Door / Traffic Manager (both are global services; the provider still needs a location). Route 53 is global too and uses an AWS provider in us-east-1.",
      default: "eastus",
      grammar: AZURE_LOCATION,
    }),
    sourceRanges: list(str({ doc: "CIDR", grammar: NETWORK_CIDR }), {
      doc: "Client CIDRs the global Front Door's WAF admits (azure-frontdoor only, required with it, never a /0). The regions' edges then admit the global profile through exposure.edge.azure.frontDoorIds instead of these clients' ranges.",
      default: [],
      distinct: true,
      what: "CIDRs",
    }),
    zoneName: str({ doc: "DNS zone (Route 53 hosted zone name, or the Azure resource group for Front Door / Traffic Manager).", default: "example.com", patternText: "a DNS name (route53) or an Azure resource group name" }),
    recordName: str({ doc: "Record served globally.", default: "llm", grammar: DNS_RECORD }),
    healthCheckIntervalSeconds: int({ doc: "Health check interval (Route 53 and Traffic Manager allow 10 or 30; Front Door 5–255).", default: 10, min: 1, max: 300 }),
    healthCheckFailureThreshold: int({ doc: "Failed checks before a region is unhealthy.", default: 3, min: 1, max: 10 }),
    dnsTtlSeconds: int({ doc: "TTL of the routed record (does not count toward failover behind Front Door, which proxies).", default: 30, min: 0, max: 86400 }),
    protectRouting: bool({
      doc: "Protect the routing resources clients resolve (Route 53 records and health checks, the Front Door profile and endpoint, the Traffic Manager profile) and retain them on delete. Set false only to let `pulumi destroy` remove them.",
      default: true,
    }),
    maxFailoverSeconds: int({ doc: "Bound on failover detection time (interval × threshold + TTL); settings above it are rejected.", default: 60, min: 1, max: 3600 }),
    rtoGoalSeconds: int({
      doc: "Recovery time objective the report holds each failover to: detection + DNS TTL + scale-up of the surviving regions (their `dr.nodeBootSeconds` + `dr.modelLoadSeconds`) when their guaranteed GPUs fall short. Must not be below the detection time.",
      default: 900,
      min: 1,
      max: 86400,
    }),
  },
  { doc: "Global DR routing." },
);
