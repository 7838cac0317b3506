import { bool, obj, secret, str } from "../schema";

/** `dynamo-ha:observability` — monitors, HA alerts and dashboards. */
export const observabilitySection = obj(
  {
    enabled: bool({ doc: "Create PodMonitors, the HA PrometheusRule and Grafana dashboards.", default: true }),
    installPrometheusStack: bool({ doc: "Also install kube-prometheus-stack (pinned) with selectors that pick these monitors up.", default: false }),
    namespace: str({ doc: "Namespace of the monitoring stack.", default: "monitoring" }),
    grafanaAdminPassword: secret({ doc: "Grafana admin password (secret; required when installPrometheusStack is on).", optional: true }),
  },
  { doc: "Observability.", optional: true },
);
