// Pure values of the Azure frontend edge (components/azure/frontend-edge.ts): Front Door Premium
// terminates TLS, its WAF admits only the configured client ranges and requests carrying the API key
// (the health path aside), and it reaches the frontend through a Private Link Service on the AKS
// internal load balancer, so the origin has no public address at all.
import type { FrontendOrigin } from "../core/cluster-facts";

export const AZURE_EDGE = "front-door";
/** Front Door Premium: the tier with Private Link origins and managed WAF rule sets. */
export const FRONT_DOOR_PREMIUM = "Premium_AzureFrontDoor";
/** Longest Front Door waits for the origin's first byte (16–240 s); completions can take minutes. */
export const ORIGIN_RESPONSE_TIMEOUT_SECONDS = 240;
/** Microsoft's default managed rule set for Front Door Premium WAF policies. */
export const MANAGED_RULE_SET = { ruleSetType: "Microsoft_DefaultRuleSet", ruleSetVersion: "2.1", ruleSetAction: "Block" } as const;

// Annotations of cloud-provider-azure's Private Link Service integration
// (kubernetes-sigs.github.io/cloud-provider-azure/topics/pls-integration/): with an internal load
// balancer, `azure-pls-create` makes a PLS on its frontend IP, named by `azure-pls-name`, in the node
// resource group.
export const PLS_CREATE = "service.beta.kubernetes.io/azure-pls-create";
export const PLS_NAME = "service.beta.kubernetes.io/azure-pls-name";

const armName = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, "-");

/** Name of the frontend's Private Link Service (≤ 80 characters of letters, digits, '_', '.', '-'). */
export function privateLinkServiceName(stack: string): string {
  return armName(`pls-${stack}-frontend`).slice(0, 80).replace(/[.-]+$/, "");
}

/** The frontend's side: the internal load balancer carries a Private Link Service for Front Door. */
export function azureFrontendOrigin(stack: string): FrontendOrigin {
  return { kind: "private-link", annotations: { [PLS_CREATE]: "true", [PLS_NAME]: privateLinkServiceName(stack) }, edge: AZURE_EDGE };
}

/** ARM id of the Private Link Service AKS creates in the node resource group. */
export function privateLinkServiceId(subscriptionId: string, nodeResourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${nodeResourceGroup}/providers/Microsoft.Network/privateLinkServices/${name}`;
}

/** A Front Door WAF policy name: letters and digits only, starting with a letter, ≤ 128. */
export function wafPolicyName(stack: string): string {
  return `dynamoha${stack.replace(/[^A-Za-z0-9]/g, "")}edge`.slice(0, 128);
}

/** RE2 pattern of a request URI that is exactly the health path (no query): with or without scheme and host. */
export function healthUriPattern(healthPath: string): string {
  return `^(https?://[^/?#]+)?${healthPath.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`;
}

/** A WAF custom rule's match condition; `K` is the API key's type. */
export interface WafMatchCondition<K = string> {
  matchVariable: string;
  selector?: string;
  operator: string;
  negateCondition: boolean;
  matchValue: (string | K)[];
  transforms?: string[];
}

/** A WAF custom rule; `K` is the API key's type (a secret Output in the component, a string in tests). */
export interface WafRule<K = string> {
  name: string;
  priority: number;
  ruleType: "MatchRule";
  action: "Block";
  enabledState: "Enabled";
  matchConditions: WafMatchCondition<K>[];
}

/**
 * Front Door sets X-Azure-FDID to its profile's ID on every request it forwards to an origin
 * (learn.microsoft.com/azure/frontdoor/front-door-http-headers-protocol), but it also passes a
 * client's own header through: the ID alone is forgeable. Microsoft pairs it with the
 * AzureFrontDoor.Backend service tag's address ranges (learn.microsoft.com/azure/frontdoor/origin-security),
 * which only Front Door's own edge sends from.
 */
export const FRONT_DOOR_ID_HEADER = "X-Azure-FDID";

/** The Front Door profiles admitted from outside sourceRanges: their IDs and Front Door's backend ranges. */
export interface AdmittedFrontDoors {
  readonly ids: readonly string[];
  /** AzureFrontDoor.Backend prefixes (IPv4 and IPv6): the only addresses Front Door forwards from. */
  readonly backendRanges: readonly string[];
}

/**
 * Limits of a Front Door WAF custom rule (azurerm docs, website/docs/r/cdn_frontdoor_firewall_policy.html.markdown
 * in hashicorp/terraform-provider-azurerm): at most 10 match conditions (these rules use ≤ 2) and
 * WAF_RULE_MAX_MATCH_VALUES match values in all of a rule's conditions (checked in config); priorities
 * unique among custom rules (learn.microsoft.com/azure/web-application-firewall/afds/waf-front-door-custom-rules).
 */
export { WAF_RULE_MAX_MATCH_VALUES } from "../core/config/checks/exposure";

const blockRule = <K>(name: string, priority: number, matchConditions: WafMatchCondition<K>[]): WafRule<K> => ({
  name,
  priority,
  ruleType: "MatchRule",
  action: "Block",
  enabledState: "Enabled",
  matchConditions,
});
const socketOutside = (ranges: readonly string[]): WafMatchCondition<never> => ({ matchVariable: "SocketAddr", operator: "IPMatch", negateCondition: true, matchValue: [...ranges] });

/**
 * The source-range rules, on `SocketAddr` (the address the WAF sees, which a header cannot forge).
 * Without admitted Front Doors: block outside sourceRanges. With them: (1) block outside both
 * sourceRanges and Front Door's backend ranges, then (2) block outside sourceRanges unless X-Azure-FDID
 * is one of the IDs, so a request from outside the clients' ranges passes only when it comes from
 * Front Door's edge AND names a listed profile (the global one, whose own WAF checks the clients).
 * IDs compare lowercased, so the case a GUID is written in does not matter.
 */
export function sourceRangeRules(sourceRanges: readonly string[], frontDoors?: AdmittedFrontDoors): WafRule<never>[] {
  if (frontDoors === undefined || frontDoors.ids.length === 0) return [blockRule("SourceRangesOnly", 10, [socketOutside(sourceRanges)])];
  const ids = [...new Set(frontDoors.ids.map((id) => id.toLowerCase()))];
  return [
    blockRule("SourceRangesOnly", 10, [socketOutside([...sourceRanges, ...frontDoors.backendRanges])]),
    blockRule("FrontDoorIdRequired", 15, [
      socketOutside(sourceRanges),
      { matchVariable: "RequestHeader", selector: FRONT_DOOR_ID_HEADER, operator: "Equal", negateCondition: true, matchValue: ids, transforms: ["Lowercase"] },
    ]),
  ];
}

/**
 * The WAF's custom rules: block a client outside the source ranges unless a listed Front Door profile
 * forwarded it (sourceRangeRules), then block a request without the API key unless it is a bare GET of the health path
 * (global health checks send no key). Match conditions of one rule are ANDed, so a rule blocks only
 * when every condition matches (learn.microsoft.com/azure/web-application-firewall/afds/waf-front-door-custom-rules).
 */
export function wafCustomRules<K>(sourceRanges: readonly string[], header: string, apiKey: K, healthPath: string, frontDoors?: AdmittedFrontDoors): WafRule<K>[] {
  return [
    ...sourceRangeRules(sourceRanges, frontDoors),
    {
      name: "ApiKeyRequired",
      priority: 20,
      ruleType: "MatchRule",
      action: "Block",
      enabledState: "Enabled",
      matchConditions: [
        { matchVariable: "RequestHeader", selector: header, operator: "Equal", negateCondition: true, matchValue: [apiKey] },
        { matchVariable: "RequestUri", operator: "RegEx", negateCondition: true, matchValue: [healthUriPattern(healthPath)] },
      ],
    },
    {
      name: "HealthIsReadOnly",
      priority: 30,
      ruleType: "MatchRule",
      action: "Block",
      enabledState: "Enabled",
      matchConditions: [
        { matchVariable: "RequestHeader", selector: header, operator: "Equal", negateCondition: true, matchValue: [apiKey] },
        { matchVariable: "RequestMethod", operator: "Equal", negateCondition: true, matchValue: ["GET", "HEAD"] },
      ],
    },
  ];
}
