import { DNS_LABEL, HELM_RELEASE, LINK_BASE } from "../grammar";
import { bool, int, num, obj, secret, str } from "../schema";

/** `dynamo-ha:observability` — monitors, HA alerts and dashboards. */
export const observabilitySection = obj(
  {
    enabled: bool({ doc: "Create PodMonitors, the HA PrometheusRule and Grafana dashboards.", default: true }),
    installPrometheusStack: bool({ doc: "Also install kube-prometheus-stack (pinned) with selectors that pick these monitors up.", default: false }),
    namespace: str({ doc: "Namespace of the monitoring stack.", default: "monitoring", grammar: DNS_LABEL }),
    grafanaAdminPassword: secret({ doc: "Grafana admin password (secret; required when installPrometheusStack is on).", optional: true }),
    prometheusRelease: str({
      doc: "Value of the `release` label on monitors and rules: the Helm release name of the kube-prometheus-stack that should select them (also the release name when installPrometheusStack is on).",
      default: "kube-prometheus-stack",
      grammar: HELM_RELEASE,
    }),
    runbookBaseUrl: str({ doc: "Base of every alert's runbook_url; the alert's anchor is appended after `#`.", default: "docs/runbooks.md", grammar: LINK_BASE }),
    errorRatioThreshold: num({ doc: "Alert when the share of frontend requests failing server-side (5 min) is above this.", default: 0.05, min: 0.001, max: 1 }),
    ttftRegressionFactor: num({ doc: "Alert when time-to-first-token p95 is this many times its value one day earlier.", default: 1.5, min: 1.05, max: 100 }),
    ttftFloorSeconds: num({ doc: "TTFT p95 below this never counts as a regression (quiet periods are noisy).", default: 0.5, min: 0, max: 600 }),
    belowDesiredMinutes: int({ doc: "Minutes a component may run below its configured replicas before alerting.", default: 10, min: 1, max: 1440 }),
    gpuNodeLossThreshold: int({ doc: "Alert when at least this many GPU nodes disappear within 30 minutes (zone loss, spot reclaims).", default: 2, min: 1, max: 1000 }),
  },
  { doc: "Observability.", optional: true },
);
