import { StackValidationPolicy } from "@pulumi/policy";
import { AWS_LB_INTERNAL, AWS_LB_SCHEME, AWS_LB_SSL_CERT, AZURE_LB_INTERNAL, DGD_COMPONENT_TYPE_LABEL, EDGE_TLS_ANNOTATION, LB_SOURCE_RANGES, T } from "../lib/keys";
import { selects } from "../lib/selectors";
import { StackItem, stackItems } from "../lib/stack";
import { sameNamespace, Workload, WORKLOAD_TYPES, workloadsOf } from "../lib/workloads";
import { at, bool, hasOwn, isObj, isUnknown, list, own, str, strMap, text, Tri, UNKNOWN } from "../lib/values";

type Cloud = "aws" | "azure" | "any";

/** The stack's cloud, from its resource types; "any" when it shows none or both. */
export function cloudOf(types: readonly string[]): Cloud {
  const aws = types.some((t) => t.startsWith("aws:"));
  const azure = types.some((t) => t.startsWith("azure-native:") || t.startsWith("azure:"));
  return aws === azure ? "any" : aws ? "aws" : "azure";
}

/** Is the load balancer private? Only its own cloud's annotation counts (an Azure flag does nothing on EKS). */
export function isInternal(annotations: Record<string, string>, cloud: Cloud): boolean {
  const get = (k: string) => (hasOwn(annotations, k) ? annotations[k].trim().toLowerCase() : undefined);
  const aws = get(AWS_LB_SCHEME) === "internal" || (get(AWS_LB_SCHEME) === undefined && get(AWS_LB_INTERNAL) === "true");
  const azure = get(AZURE_LB_INTERNAL) === "true";
  return cloud === "aws" ? aws : cloud === "azure" ? azure : aws || azure;
}

const OPEN = new Set(["0.0.0.0/0", "::/0"]);

/** Source ranges that restrict clients: a non-empty list without an any-address range. */
export function restrictsSources(props: unknown, annotations: Record<string, string>): Tri {
  const ranges = at(props, "spec", "loadBalancerSourceRanges");
  if (isUnknown(ranges)) return UNKNOWN;
  let xs: unknown[] = Array.isArray(ranges) ? ranges : [];
  if (xs.length === 0 && hasOwn(annotations, LB_SOURCE_RANGES)) xs = annotations[LB_SOURCE_RANGES].split(",").map((x) => x.trim()).filter((x) => x !== "");
  if (xs.some(isUnknown)) return UNKNOWN;
  return xs.length > 0 && xs.every((x) => typeof x === "string" && !OPEN.has(x.trim()));
}

/** TLS at the edge: the AWS load balancer holds a certificate, or the project marks a TLS edge in front. */
export function hasEdgeTls(annotations: Record<string, string>): boolean {
  const set = (k: string) => hasOwn(annotations, k) && annotations[k].trim() !== "";
  return set(AWS_LB_SSL_CERT) || set(EDGE_TLS_ANNOTATION);
}

/** Does the selector pick the pods of a Dynamo frontend (a graph component of type frontend, or the operator's type label)? */
function selectsFrontend(selector: unknown, namespace: unknown, frontends: Workload[]): Tri {
  const ml = own(selector, "matchLabels");
  if (isObj(ml) && own(ml, DGD_COMPONENT_TYPE_LABEL) === "frontend") return true;
  const ns = str(namespace);
  let maybe = false;
  for (const w of frontends) {
    if (sameNamespace(ns, w.namespace) === false) continue;
    const s = selects(selector, w.podLabels);
    if (s === true) return true;
    if (isUnknown(s)) maybe = true;
  }
  return maybe ? UNKNOWN : false;
}

// Cloud edges: resource types the pack judges (duplicated from the providers on purpose).
const E = {
  lb: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
  listener: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
  listenerRule: ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"],
  sg: ["aws:ec2/securityGroup:SecurityGroup"],
  sgIngress: ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"],
  sgRule: ["aws:ec2/securityGroupRule:SecurityGroupRule"],
  afdRoute: ["azure-native:cdn:Route"],
  afdEndpoint: ["azure-native:cdn:AFDEndpoint"],
  afdOrigin: ["azure-native:cdn:AFDOrigin"],
  afdSecurityPolicy: ["azure-native:cdn:SecurityPolicy"],
  waf: ["azure-native:frontdoor:Policy"],
} as const;

/** ALB actions that authenticate the caller before anything is forwarded. */
const AUTH_ACTIONS = new Set(["jwt-validation", "authenticate-oidc", "authenticate-cognito"]);

type Report = (message: string, urn: string) => void;

/** Does `item`'s input `key` depend on the resource `urn` (an ARN or id known only after deploy)? */
const refers = (item: StackItem, key: string, urn: string) => (item.propertyDependencies[key] ?? []).includes(urn);
const of = (items: StackItem[], types: readonly string[]) => items.filter((i) => types.includes(i.type));
const isOpen = (x: unknown) => typeof x === "string" && /\/0+$/.test(x.trim());

/** The actions in order: a forward before any authentication lets unauthenticated requests through. */
function forwardsUnauthenticated(actions: unknown): Tri {
  const xs = list(actions);
  if (isUnknown(xs)) return UNKNOWN;
  const sorted = xs.map((a, i) => ({ a, order: typeof own(a, "order") === "number" ? (own(a, "order") as number) : i + 1 })).sort((x, y) => x.order - y.order);
  for (const { a } of sorted) {
    const t = str(own(a, "type"));
    if (isUnknown(t)) return UNKNOWN;
    if (t !== undefined && AUTH_ACTIONS.has(t)) return false;
    if (t === "forward") return true;
  }
  return false;
}

/** Exact paths only (no wildcard): the one kind of rule that may skip authentication (health checks). */
function exactPathsOnly(conditions: unknown): boolean {
  const cs = list(conditions);
  if (isUnknown(cs)) return true;
  return cs.some((c) => {
    const values = list(at(c, "pathPattern", "values"));
    return !isUnknown(values) && values.length > 0 && values.every((v) => typeof v === "string" && !/[*?]/.test(v));
  });
}

/** Public AWS load balancers: TLS on every listener, authentication before forwarding, client ranges in the security groups. */
function judgeAwsEdges(items: StackItem[], report: Report): void {
  for (const lb of of(items, E.lb)) {
    const internal = bool(own(lb.props, "internal"));
    if (isUnknown(internal) || internal === true) continue;
    const name = text(str(own(lb.props, "name")) ?? lb.name);
    const missing: string[] = [];
    const listeners = of(items, E.listener).filter((l) => refers(l, "loadBalancerArn", lb.urn));
    for (const l of listeners) {
      const proto = str(own(l.props, "protocol"));
      if (isUnknown(proto)) continue;
      const actions = own(l.props, "defaultActions");
      const p = (proto ?? "").toUpperCase();
      if (p !== "HTTPS" && p !== "TLS") {
        const xs = list(actions);
        const redirectsOnly = !isUnknown(xs) && xs.length > 0 && xs.every((a) => own(a, "type") === "redirect" && String(at(a, "redirect", "protocol")).toUpperCase() === "HTTPS");
        if (!redirectsOnly) missing.push(`TLS on listener ${text(l.name)} (${text(proto ?? "no protocol")})`);
        continue;
      }
      if (forwardsUnauthenticated(actions) === true) missing.push(`authentication before listener ${text(l.name)} forwards`);
      for (const r of of(items, E.listenerRule).filter((x) => refers(x, "listenerArn", l.urn))) {
        if (forwardsUnauthenticated(own(r.props, "actions")) === true && !exactPathsOnly(own(r.props, "conditions"))) missing.push(`authentication before rule ${text(r.name)} forwards`);
      }
    }
    const sgs = of(items, E.sg).filter((g) => refers(lb, "securityGroups", g.urn));
    const declared = list(own(lb.props, "securityGroups"));
    if (!isUnknown(declared) && declared.length === 0) missing.push("source ranges (no security group)");
    for (const g of sgs) {
      const inline = list(own(g.props, "ingress"));
      const rules = [
        ...(isUnknown(inline) ? [] : inline.flatMap((r) => [...(Array.isArray(own(r, "cidrBlocks")) ? (own(r, "cidrBlocks") as unknown[]) : []), ...(Array.isArray(own(r, "ipv6CidrBlocks")) ? (own(r, "ipv6CidrBlocks") as unknown[]) : [])])),
        ...of(items, E.sgIngress).filter((r) => refers(r, "securityGroupId", g.urn)).flatMap((r) => [own(r.props, "cidrIpv4"), own(r.props, "cidrIpv6")]),
        ...of(items, E.sgRule).filter((r) => own(r.props, "type") === "ingress" && refers(r, "securityGroupId", g.urn)).flatMap((r) => [...(Array.isArray(own(r.props, "cidrBlocks")) ? (own(r.props, "cidrBlocks") as unknown[]) : [])]),
      ];
      if (rules.some(isOpen)) missing.push(`source ranges (security group ${text(g.name)} admits every address)`);
    }
    if (missing.length > 0) report(`Load balancer ${name} is internet-facing without ${[...new Set(missing)].join(", ")}.`, lb.urn);
  }
}

/** Front Door: HTTPS to clients, TLS or a private link to origins, a WAF in Prevention on every endpoint, source ranges before a private origin. */
function judgeFrontDoor(items: StackItem[], report: Report): void {
  const origins = of(items, E.afdOrigin);
  const originsOf = (groupUrn: string) => origins.filter((o) => refers(o, "originGroupName", groupUrn));
  const privateLink = (o: StackItem) => isObj(own(o.props, "sharedPrivateLinkResource"));
  const routes = of(items, E.afdRoute);
  for (const r of routes) {
    const name = text(r.name);
    const protocols = list(own(r.props, "supportedProtocols"));
    const redirect = str(own(r.props, "httpsRedirect"));
    if (!isUnknown(protocols) && !isUnknown(redirect) && protocols.includes("Http") && redirect !== "Enabled") report(`Front Door route ${name} serves HTTP without redirecting to HTTPS.`, r.urn);
    const forwarding = str(own(r.props, "forwardingProtocol"));
    if (isUnknown(forwarding) || forwarding === "HttpsOnly") continue;
    const groups = r.propertyDependencies["originGroup"] ?? [];
    const clear = groups.flatMap(originsOf).filter((o) => !privateLink(o));
    if (clear.length > 0) report(`Front Door route ${name} forwards ${text(forwarding ?? "MatchRequest")} in clear text to origin ${text(clear[0].name)}, which is not behind a private link.`, r.urn);
  }
  const policies = of(items, E.afdSecurityPolicy);
  const wafs = of(items, E.waf);
  for (const ep of of(items, E.afdEndpoint)) {
    const attached = policies.filter((p) => refers(p, "parameters", ep.urn)).flatMap((p) => wafs.filter((w) => refers(p, "parameters", w.urn)));
    const blocking = attached.filter((w) => {
      const mode = str(at(w.props, "policySettings", "mode"));
      const state = str(at(w.props, "policySettings", "enabledState"));
      return isUnknown(mode) || (mode === "Prevention" && state !== "Disabled");
    });
    if (blocking.length === 0) {
      report(`Front Door endpoint ${text(ep.name)} has no WAF policy in Prevention mode (a security policy linking one).`, ep.urn);
      continue;
    }
    // The frontend's own edge (private origins): the WAF admits the source ranges only.
    const epRoutes = routes.filter((r) => refers(r, "endpointName", ep.urn));
    const reachesPrivate = epRoutes.some((r) => (r.propertyDependencies["originGroup"] ?? []).flatMap(originsOf).some(privateLink));
    if (reachesPrivate && !blocking.some(restrictsWafSources)) report(`Front Door endpoint ${text(ep.name)} reaches a private frontend without source ranges (a WAF rule blocking addresses outside them, none /0).`, ep.urn);
  }
}

/** A WAF custom rule that blocks every address outside a non-open list. */
function restrictsWafSources(w: StackItem): boolean {
  const rules = list(at(w.props, "customRules", "rules"));
  if (isUnknown(rules)) return true;
  return rules.some((r) => {
    if (own(r, "action") !== "Block" || own(r, "enabledState") === "Disabled") return false;
    const conds = list(own(r, "matchConditions"));
    if (isUnknown(conds)) return true;
    return conds.some((c) => {
      const values = list(own(c, "matchValue"));
      return own(c, "operator") === "IPMatch" && own(c, "negateCondition") === true && !isUnknown(values) && values.length > 0 && !values.some(isOpen);
    });
  });
}

/** The OpenAI-compatible API must not reach the internet unfiltered and in clear text. */
export const frontendExposure: StackValidationPolicy = {
  name: "frontend-exposure",
  description:
    "A LoadBalancer Service in front of a Dynamo frontend is internal, or, when public, admits only loadBalancerSourceRanges (no 0.0.0.0/0) and has TLS at the edge. An internet-facing AWS load balancer serves TLS on every listener, authenticates before it forwards (health paths aside) and admits only source ranges; a Front Door route redirects HTTP to HTTPS and reaches origins over TLS or a private link, and every endpoint has a WAF in Prevention mode that, in front of a private frontend, admits only source ranges.",
  remediationSteps:
    `Keep the load balancer internal (dynamo-ha:exposure internalLoadBalancer: true) and expose the frontend through dynamo-ha:exposure.edge (TLS, source ranges, authentication; docs/exposure.md). A Service that must stay public needs loadBalancerSourceRanges and TLS: an AWS load balancer certificate (${AWS_LB_SSL_CERT}) or a TLS edge the project marks with ${EDGE_TLS_ANNOTATION}.`,
  enforcementLevel: "mandatory",
  severity: "critical",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const cloud = cloudOf(args.resources.map((r) => r.type));
    const frontends = stackItems(args.resources, WORKLOAD_TYPES)
      .flatMap((r) => workloadsOf(r.type, r.name, r.props))
      .filter((w) => w.componentType === "frontend");
    for (const svc of stackItems(args.resources, [T.service])) {
      if (str(at(svc.props, "spec", "type")) !== "LoadBalancer") continue;
      if (selectsFrontend(at(svc.props, "spec", "selector") === undefined ? undefined : { matchLabels: at(svc.props, "spec", "selector") }, at(svc.props, "metadata", "namespace"), frontends) !== true) continue;
      const annotations = strMap(at(svc.props, "metadata", "annotations"));
      if (isUnknown(annotations) || isInternal(annotations, cloud)) continue;
      const missing: string[] = [];
      if (restrictsSources(svc.props, annotations) === false) missing.push("loadBalancerSourceRanges (without 0.0.0.0/0)");
      if (!hasEdgeTls(annotations)) missing.push("TLS at the edge");
      if (missing.length > 0) report(`Service ${text(str(at(svc.props, "metadata", "name")) ?? svc.name)} exposes a Dynamo frontend to the internet without ${missing.join(" and ")}.`, svc.urn);
    }
    const edges = stackItems(args.resources, Object.values(E).flat());
    judgeAwsEdges(edges, report);
    judgeFrontDoor(edges, report);
  },
};
