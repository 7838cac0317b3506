// The serving dashboard: traffic, latency users feel (TTFT, inter-token), and queueing.
import { frontendQuantile, matchers } from "../promql";
import { ObservabilitySettings } from "../settings";
import { dashboard, Dashboard, dcgmPanel, PanelSpec } from "./panel";

export function servingDashboard(s: ObservabilitySettings): Dashboard {
  const ns = matchers([["namespace", s.graphNamespace]]);
  const q = (quantile: number, histogram: string) => frontendQuantile(s, quantile, histogram, "5m");
  const ttft = "dynamo_frontend_time_to_first_token_seconds";
  const panels: PanelSpec[] = [
    { title: "Requests by status", kind: "timeseries", unit: "reqps", targets: [{ expr: `sum by (status) (rate(dynamo_frontend_requests_total${ns}[5m]))`, legend: "{{status}}" }] },
    {
      title: "Errors by type",
      kind: "timeseries",
      unit: "reqps",
      targets: [{ expr: `sum by (error_type) (rate(dynamo_frontend_requests_total${matchers([["namespace", s.graphNamespace], ["status", "error"]])}[5m]))`, legend: "{{error_type}}" }],
    },
    {
      title: "Time to first token",
      kind: "timeseries",
      unit: "s",
      targets: [
        { expr: q(0.5, ttft), legend: "p50" },
        { expr: q(0.95, ttft), legend: "p95" },
        { expr: q(0.99, ttft), legend: "p99" },
      ],
    },
    {
      title: "Inter-token latency and request duration (p95)",
      kind: "timeseries",
      unit: "s",
      targets: [
        { expr: q(0.95, "dynamo_frontend_inter_token_latency_seconds"), legend: "inter-token p95" },
        { expr: q(0.95, "dynamo_frontend_request_duration_seconds"), legend: "request p95" },
      ],
    },
    {
      title: "Queued requests",
      kind: "stat",
      targets: [{ expr: `sum(dynamo_frontend_queued_requests${ns})`, legend: "queued" }],
      // Dynamo's dashboard guidance: yellow at 10, red at 50.
      thresholds: [
        { value: 10, color: "yellow" },
        { value: 50, color: "red" },
      ],
    },
    { title: "In-flight requests (frontend)", kind: "timeseries", targets: [{ expr: `sum(dynamo_frontend_inflight_requests${ns})`, legend: "in flight" }] },
    { title: "Output tokens per second", kind: "timeseries", targets: [{ expr: `sum(rate(dynamo_frontend_output_tokens_total${ns}[5m]))`, legend: "tokens/s" }] },
    {
      title: "Worker in-flight requests and errors",
      kind: "timeseries",
      targets: [
        { expr: `sum by (dynamo_component) (dynamo_component_inflight_requests${ns})`, legend: "{{dynamo_component}} in flight" },
        { expr: `sum by (dynamo_component) (rate(dynamo_component_errors_total${ns}[5m]))`, legend: "{{dynamo_component}} errors/s" },
      ],
    },
    { title: "KV cache usage", kind: "timeseries", unit: "percent", targets: [{ expr: `max by (dynamo_component) (dynamo_component_gpu_cache_usage_percent${ns})`, legend: "{{dynamo_component}}" }] },
    ...dcgmPanel(s, {
      title: "GPU utilisation and memory by node",
      kind: "timeseries",
      targets: [
        { expr: "avg by (node) (DCGM_FI_DEV_GPU_UTIL)", legend: "{{node}} util %" },
        { expr: "sum by (node) (DCGM_FI_DEV_FB_USED)", legend: "{{node}} framebuffer MiB" },
      ],
    }),
  ];
  return dashboard("dynamo-ha-serving", `Dynamo serving (${s.graphNamespace}/${s.graphName})`, panels);
}
