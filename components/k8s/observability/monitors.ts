// PodMonitor specs: what Prometheus scrapes, by port name (dynamo-facts §5.1). Pure: plain objects in,
// plain manifests out; the component turns them into CustomResources.
import { DGD_COMPONENT_TYPE_LABEL } from "../../core/labels";
import { OPERATOR_POD_LABEL } from "../platform-values";
import { GPU_OPERATOR_NAMESPACE, ObservabilitySettings } from "./settings";

export const MONITORING_API = "monitoring.coreos.com/v1";

export interface MonitorManifest {
  readonly apiVersion: typeof MONITORING_API;
  readonly kind: "PodMonitor" | "ServiceMonitor";
  readonly metadata: { readonly name: string; readonly namespace: string; readonly labels: Readonly<Record<string, string>> };
  readonly spec: Record<string, unknown>;
}

/** Labels every monitor and rule carries: `release` is what kube-prometheus-stack's default selectors match. */
export function selectionLabels(s: ObservabilitySettings): Record<string, string> {
  return { release: s.release, "app.kubernetes.io/part-of": "dynamo-ha", "app.kubernetes.io/managed-by": "pulumi" };
}

/** Pods opt out with the annotation nvidia.com/enable-metrics: "false", which the operator turns into this label. */
const METRICS_ENABLED = { "nvidia.com/metrics-enabled": "true" };

// Without `node`, DCGM series cannot be joined to kube_node_labels for the zone of a GPU.
const NODE_RELABEL = { sourceLabels: ["__meta_kubernetes_pod_node_name"], targetLabel: "node", action: "replace" };

function podMonitor(s: ObservabilitySettings, name: string, namespaces: readonly string[], selector: Record<string, unknown>, endpoints: Record<string, unknown>[]): MonitorManifest {
  return {
    apiVersion: MONITORING_API,
    kind: "PodMonitor",
    metadata: { name, namespace: s.monitoringNamespace, labels: selectionLabels(s) },
    spec: { namespaceSelector: { matchNames: [...namespaces] }, selector, podMetricsEndpoints: endpoints },
  };
}

const endpoint = (port: string, interval: string, extra: Record<string, unknown> = {}) => ({ port, path: "/metrics", interval, ...extra });

export function buildMonitors(s: ObservabilitySettings): MonitorManifest[] {
  const out: MonitorManifest[] = [
    podMonitor(s, "dynamo-ha-frontend", [s.graphNamespace], { matchLabels: { [DGD_COMPONENT_TYPE_LABEL]: "frontend", ...METRICS_ENABLED } }, [endpoint("http", "10s")]),
    podMonitor(
      s,
      "dynamo-ha-worker",
      [s.graphNamespace],
      { matchLabels: METRICS_ENABLED, matchExpressions: [{ key: DGD_COMPONENT_TYPE_LABEL, operator: "In", values: ["worker", "decode", "prefill"] }] },
      // Failover pods expose system-0 / system-1 instead of system; a port a pod lacks yields no target.
      ["system", "system-0", "system-1"].map((p) => endpoint(p, "10s")),
    ),
    // Our own pod label (set through the chart's podLabels), not a chart label that may change between releases.
    podMonitor(s, "dynamo-ha-operator", [s.platformNamespace], { matchLabels: { ...OPERATOR_POD_LABEL } }, [endpoint("metrics", "30s")]),
  ];
  if (s.dcgm) {
    out.push(podMonitor(s, "dynamo-ha-dcgm-exporter", [GPU_OPERATOR_NAMESPACE], { matchLabels: { app: "nvidia-dcgm-exporter" } }, [endpoint("metrics", "15s", { relabelings: [NODE_RELABEL] })]));
  }
  if (s.etcd.enabled) {
    // Bitnami etcd serves /metrics on its client port.
    out.push(podMonitor(s, "dynamo-ha-etcd", [s.platformNamespace], { matchLabels: { "app.kubernetes.io/name": "etcd" } }, [endpoint("client", "30s")]));
  }
  if (s.nats.enabled) {
    // The NATS chart's promExporter sidecar (-jsz=all -prefix=nats); needs nats.promExporter.enabled.
    out.push(podMonitor(s, "dynamo-ha-nats", [s.platformNamespace], { matchLabels: { "app.kubernetes.io/name": "nats" } }, [endpoint("prom-metrics", "30s")]));
  }
  return out;
}
