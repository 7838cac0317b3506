// PodMonitor specs: what Prometheus scrapes, by port name (dynamo-facts §5.1). Pure: plain objects in,
// plain manifests out; the component turns them into CustomResources.
import { DGD_COMPONENT_TYPE_LABEL } from "../../core/labels";
import { OPERATOR_METRICS_PORT, OPERATOR_METRICS_SERVICE_LABEL } from "../operator-ha";
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

/**
 * The operator serves metrics over HTTPS and admits only callers whose token may `get` the /metrics
 * non-resource URL (operator config `metrics.secure: true`, ai-dynamo/dynamo
 * deploy/helm/charts/platform/components/operator/templates/operator-config.yaml
 * @08e3491d30ad6993c0ee0dd8dfb1ff6720400399): Prometheus presents its own service-account token, which
 * kube-prometheus-stack's Prometheus ClusterRole allows, and skips verifying the self-signed serving
 * certificate, as the chart's own ServiceMonitor does. A ServiceMonitor, because a PodMonitor cannot send
 * the Prometheus token file. It selects our Service (operator-ha.ts); the chart's Service and
 * ServiceMonitor are off when these monitors run, so the operator is scraped once.
 */
function operatorServiceMonitor(s: ObservabilitySettings): MonitorManifest {
  return {
    apiVersion: MONITORING_API,
    kind: "ServiceMonitor",
    metadata: { name: "dynamo-ha-operator", namespace: s.monitoringNamespace, labels: selectionLabels(s) },
    spec: {
      namespaceSelector: { matchNames: [s.platformNamespace] },
      selector: { matchLabels: { ...OPERATOR_METRICS_SERVICE_LABEL } },
      endpoints: [
        endpoint(OPERATOR_METRICS_PORT.name, "30s", {
          scheme: "https",
          bearerTokenFile: "/var/run/secrets/kubernetes.io/serviceaccount/token",
          tlsConfig: { insecureSkipVerify: true },
        }),
      ],
    },
  };
}

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
    operatorServiceMonitor(s),
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
