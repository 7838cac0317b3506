import { StackValidationPolicy } from "@pulumi/policy";
import { PSA_ENFORCE, T } from "../lib/keys";
import { StackItem, stackItems } from "../lib/stack";
import { Workload, workloadsOf } from "../lib/workloads";
import { at, dict, hasOwn, isObj, isUnknown, list, own, str, strMap, text } from "../lib/values";

export interface WorkloadHardeningConfig {
  /** Components whose containers may break the container rules: `<component>` or `<graph>/<component>`. */
  exceptions?: string[];
  /** Capabilities a container may add back after dropping ALL (e.g. IPC_LOCK for RDMA). */
  allowedCapabilities?: string[];
  /** The least PSA enforce level a graph namespace may have (RDMA's IPC_LOCK needs privileged). */
  minPodSecurity?: "privileged" | "baseline" | "restricted";
}

const DGD_TYPES: readonly string[] = [T.dgdV1alpha1, T.dgdV1beta1];
const PSA_RANK: Record<string, number> = { privileged: 0, baseline: 1, restricted: 2 };

/** A NetworkPolicy that selects every pod and allows nothing, in both directions. */
export function isDefaultDeny(props: unknown): boolean {
  const sel = at(props, "spec", "podSelector");
  if (!isObj(sel)) return false;
  const ml = own(sel, "matchLabels");
  const me = own(sel, "matchExpressions");
  const selectsAll = (ml === undefined || ml === null || (isObj(ml) && Object.keys(ml).length === 0)) && (me === undefined || me === null || (Array.isArray(me) && me.length === 0));
  const types = list(at(props, "spec", "policyTypes"));
  if (isUnknown(types) || !selectsAll) return false;
  const empty = (k: string) => {
    const rules = at(props, "spec", k);
    return rules === undefined || rules === null || (Array.isArray(rules) && rules.length === 0);
  };
  return types.includes("Ingress") && types.includes("Egress") && empty("ingress") && empty("egress");
}

/** What a container's (and its pod's) securityContext lacks; [] when it is hardened. */
export function containerGaps(container: unknown, podSpec: unknown, allowed: readonly string[]): string[] | undefined {
  const sc = own(container, "securityContext");
  if (isUnknown(sc)) return undefined;
  const gaps: string[] = [];
  if (own(sc, "privileged") === true) gaps.push("privileged");
  if (own(sc, "allowPrivilegeEscalation") !== false) gaps.push("allowPrivilegeEscalation not false");
  const drop = list(at(sc, "capabilities", "drop"));
  const add = list(at(sc, "capabilities", "add"));
  if (isUnknown(drop) || isUnknown(add)) return undefined;
  if (!drop.some((x) => x === "ALL")) gaps.push("capabilities not dropping ALL");
  const extra = add.filter((x) => typeof x !== "string" || !allowed.includes(x));
  if (extra.length > 0) gaps.push(`capabilities.add ${extra.map((x) => text(x)).join(", ")}`);
  const seccomp = str(at(sc, "seccompProfile", "type")) ?? str(at(podSpec, "securityContext", "seccompProfile", "type"));
  if (isUnknown(seccomp)) return undefined;
  if (seccomp !== "RuntimeDefault") gaps.push("seccomp not RuntimeDefault");
  return gaps;
}

function componentName(w: Workload): string {
  return w.label.replace(/^.* component /, "");
}

/** The graph namespace is admitted at PSA baseline or stricter, default-denies traffic, and its graph containers are locked down. */
export const workloadHardening: StackValidationPolicy = {
  name: "workload-hardening",
  description:
    "Every namespace that runs Dynamo components enforces Pod Security Admission baseline (minPodSecurity) or stricter (when the stack declares it) and has a default-deny NetworkPolicy; DynamoGraphDeployment containers drop ALL capabilities, disallow privilege escalation and use seccomp RuntimeDefault unless listed as an exception.",
  remediationSteps:
    "Label the namespace pod-security.kubernetes.io/enforce: baseline (or restricted); add a NetworkPolicy with podSelector {} and policyTypes [Ingress, Egress] and no rules, plus allow rules for Dynamo's flows; give each container securityContext {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, seccompProfile: {type: RuntimeDefault}}. GPU exceptions go in the policy's exceptions / allowedCapabilities config (docs/kubernetes.md).",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      exceptions: { type: "array", items: { type: "string" }, default: [] },
      allowedCapabilities: { type: "array", items: { type: "string" }, default: [] },
      minPodSecurity: { type: "string", enum: ["privileged", "baseline", "restricted"], default: "baseline" },
    },
  },
  validateStack: (args, report) => {
    const cfg = args.getConfig<WorkloadHardeningConfig>() as Record<string, unknown>;
    const strings = (k: string) => {
      const v = own(cfg, k);
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
    };
    const exceptions = strings("exceptions");
    const allowed = strings("allowedCapabilities");
    const minLevel = own(cfg, "minPodSecurity");
    const minRank = typeof minLevel === "string" && hasOwn(PSA_RANK, minLevel) ? PSA_RANK[minLevel] : PSA_RANK.baseline;
    const items = stackItems(args.resources, [...DGD_TYPES, T.namespace, T.networkPolicy]);
    const graphs = items.filter((r) => DGD_TYPES.includes(r.type));
    const namespaces = items.filter((r) => r.type === T.namespace);
    const denied = new Set<string>();
    let unknownPolicyNs = false;
    for (const np of items.filter((r) => r.type === T.networkPolicy)) {
      const ns = str(at(np.props, "metadata", "namespace"));
      if (isUnknown(ns)) unknownPolicyNs = true;
      else if (isDefaultDeny(np.props)) denied.add(ns ?? "default");
    }
    // One message per resource: findings gather here by URN.
    const found = new Map<string, string[]>();
    const add = (r: StackItem, msg: string) => found.set(r.urn, [...(found.get(r.urn) ?? []), msg]);
    const nsByName = dict<StackItem>();
    for (const n of namespaces) {
      const name = str(at(n.props, "metadata", "name"));
      if (typeof name === "string") nsByName[name] = n;
    }
    const judgedNs = new Set<string>();
    for (const g of graphs) {
      const ws = workloadsOf(g.type, g.name, g.props);
      const ns = str(at(g.props, "metadata", "namespace"));
      if (typeof ns === "string" || ns === undefined) {
        const name = ns ?? "default";
        const nsRes = hasOwn(nsByName, name) ? nsByName[name] : undefined;
        if (!judgedNs.has(name)) {
          judgedNs.add(name);
          if (!denied.has(name) && !unknownPolicyNs) add(nsRes ?? g, `namespace ${text(name)} runs Dynamo components but has no default-deny NetworkPolicy`);
          if (nsRes) {
            const labels = strMap(at(nsRes.props, "metadata", "labels"));
            if (!isUnknown(labels)) {
              const level = hasOwn(labels, PSA_ENFORCE) ? labels[PSA_ENFORCE] : undefined;
              const rank = level !== undefined && Object.prototype.hasOwnProperty.call(PSA_RANK, level) ? PSA_RANK[level] : 0;
              if (level === undefined || rank < minRank) add(nsRes, `namespace ${text(name)} does not enforce Pod Security Admission ${text(minLevel ?? "baseline")} or stricter (${PSA_ENFORCE} is ${text(level)})`);
            }
          }
        }
      }
      const graphName = str(at(g.props, "metadata", "name"));
      for (const w of ws) {
        const comp = componentName(w);
        if (exceptions.includes(comp) || (typeof graphName === "string" && exceptions.includes(`${graphName}/${comp}`))) continue;
        const containers = [...asList(at(w.podSpec, "containers")), ...asList(at(w.podSpec, "initContainers"))];
        for (const c of containers) {
          const gaps = containerGaps(c, w.podSpec, allowed);
          if (gaps && gaps.length > 0) add(g, `component ${comp} container ${text(str(own(c, "name")))}: ${gaps.join(", ")}`);
        }
      }
    }
    for (const [urn, msgs] of found) report(`Workload hardening: ${msgs.join("; ")}.`, urn);
  },
};

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
