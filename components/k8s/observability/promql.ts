// PromQL fragments shared by alerts and dashboards, so an alert and the panel that explains it agree.
import { DGD_COMPONENT_LABEL, DGD_COMPONENT_TYPE_LABEL, DGD_NAME_LABEL } from "../../core/labels";
import { ObservabilitySettings } from "./settings";

/** kube-state-metrics exposes a Kubernetes label `a.b/c-d` as `label_a_b_c_d` (once allow-listed). */
export function ksmLabel(key: string): string {
  return `label_${key.replace(/[^a-zA-Z0-9_]/g, "_")}`;
}

/** A double-quoted PromQL string literal. */
export function quote(value: string): string {
  return JSON.stringify(value);
}

export type Matcher = readonly [string, string] | readonly [string, string, "=" | "!=" | "=~" | "!~"];

/** `{a="x",b=~"y"}` from ordered matchers; the operator defaults to `=`. */
export function matchers(m: readonly Matcher[]): string {
  return `{${m.map(([k, v, op]) => `${k}${op ?? "="}${quote(v)}`).join(",")}}`;
}

/** Regex literal matching exactly one of the values. */
export function oneOf(values: readonly string[]): string {
  return values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
}

export const COMPONENT = ksmLabel(DGD_COMPONENT_LABEL);
export const COMPONENT_TYPE = ksmLabel(DGD_COMPONENT_TYPE_LABEL);
export const GRAPH = ksmLabel(DGD_NAME_LABEL);

export function zone(s: ObservabilitySettings): string {
  return ksmLabel(s.zoneLabel);
}

/** Pods of the graph, value 1, with the `label_nvidia_com_dynamo_*` labels. */
export function graphPods(s: ObservabilitySettings, extra: readonly (readonly [string, string])[] = []): string {
  return `kube_pod_labels${matchers([["namespace", s.graphNamespace], [GRAPH, s.graphName], ...extra])}`;
}

/** Ready pods of the graph, value 1. */
export function readyGraphPods(s: ObservabilitySettings, extra: readonly (readonly [string, string])[] = []): string {
  return `(${graphPods(s, extra)} and on(namespace, pod) (kube_pod_status_ready${matchers([["namespace", s.graphNamespace], ["condition", "true"]])} == 1))`;
}

/** Ready graph pods carrying their node's zone label: pod → node (kube_pod_info) → zone (kube_node_labels). */
export function readyGraphPodsWithZone(s: ObservabilitySettings): string {
  return `((${readyGraphPods(s)} * on(namespace, pod) group_left(node) kube_pod_info${matchers([["namespace", s.graphNamespace]])}) * on(node) group_left(${zone(s)}) kube_node_labels)`;
}

/** GPU nodes, value 1, with zone and capacity-type labels. */
export function gpuNodes(s: ObservabilitySettings): string {
  return `kube_node_labels${matchers([[ksmLabel(s.gpuNodeLabel.key), s.gpuNodeLabel.value]])}`;
}

/** Allocatable GPUs of Ready nodes, per node. */
export function readyGpuAllocatable(): string {
  return `(kube_node_status_allocatable${matchers([["resource", "nvidia_com_gpu"]])} * on(node) group_left() (kube_node_status_condition${matchers([["condition", "Ready"], ["status", "true"]])} == 1))`;
}

/** Allocatable GPUs of Ready nodes summed per zone. */
export function gpusByZone(s: ObservabilitySettings): string {
  return `sum by (${zone(s)}) (${readyGpuAllocatable()} * on(node) group_left(${zone(s)}) kube_node_labels)`;
}

/** GPUs left if the `f` largest zones fail at once: the zone-loss sizing's promise, measured. */
export function gpusAfterZoneLoss(s: ObservabilitySettings): string {
  // `or vector(0)` on both sides: with no Ready GPU node the sums are empty, and empty never alerts.
  const total = `(sum(${readyGpuAllocatable()}) or vector(0))`;
  if (s.toleratedZoneFailures === 0) return total;
  return `(${total} - (sum(topk(${s.toleratedZoneFailures}, ${gpusByZone(s)})) or vector(0)))`;
}

/** Frontend request rate over the graph namespace; `errorsOnly` keeps server-side failures. */
export function frontendRequestRate(s: ObservabilitySettings, window: string, errorsOnly: boolean): string {
  const m: Matcher[] = [["namespace", s.graphNamespace]];
  // Client mistakes and cancellations are not service failures; paging on them would teach people to ignore the alert.
  if (errorsOnly) m.push(["status", "error"], ["error_type", "validation|not_found|cancelled", "!~"]);
  return `sum(rate(dynamo_frontend_requests_total${matchers(m)}[${window}]))`;
}

/** A quantile of a Dynamo frontend histogram over the graph namespace. */
export function frontendQuantile(s: ObservabilitySettings, q: number, histogram: string, window: string, offset?: string): string {
  return `histogram_quantile(${q}, sum by (le) (rate(${histogram}_bucket${matchers([["namespace", s.graphNamespace]])}[${window}]${offset ? ` offset ${offset}` : ""})))`;
}
