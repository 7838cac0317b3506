import { StackValidationPolicy } from "@pulumi/policy";
import { AWS_LB_INTERNAL, AWS_LB_SCHEME, AWS_LB_SSL_CERT, AZURE_LB_INTERNAL, DGD_COMPONENT_TYPE_LABEL, EDGE_TLS_ANNOTATION, LB_SOURCE_RANGES, T } from "../lib/keys";
import { selects } from "../lib/selectors";
import { stackItems } from "../lib/stack";
import { sameNamespace, Workload, WORKLOAD_TYPES, workloadsOf } from "../lib/workloads";
import { at, hasOwn, isObj, isUnknown, own, str, strMap, text, Tri, UNKNOWN } from "../lib/values";

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

/** The OpenAI-compatible API must not reach the internet unfiltered and in clear text. */
export const frontendExposure: StackValidationPolicy = {
  name: "frontend-exposure",
  description:
    "A LoadBalancer Service in front of a Dynamo frontend is internal, or, when public, admits only loadBalancerSourceRanges (no 0.0.0.0/0) and has TLS at the edge.",
  remediationSteps:
    `Keep the load balancer internal (dynamo-ha:exposure internalLoadBalancer: true). For public exposure set loadBalancerSourceRanges and put a TLS edge with authentication in front: an AWS load balancer certificate (${AWS_LB_SSL_CERT}) or a TLS edge the project marks with ${EDGE_TLS_ANNOTATION}.`,
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
  },
};
