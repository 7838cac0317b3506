// Values for the optional kube-prometheus-stack install: selectors that pick up every monitor and rule
// in any namespace, kube-state-metrics labels the HA alerts join on, and Grafana's admin from a Secret.
import { DGD_COMPONENT_LABEL, DGD_COMPONENT_TYPE_LABEL, DGD_NAME_LABEL, LABEL_GPU_CLASS, LABEL_POOL_ROLE } from "../../core/labels";
import { DASHBOARD_LABEL } from "./dashboards";
import { INSTANCE_TYPE_KEY, ObservabilitySettings } from "./settings";
import { ZONE_NODE_TAINTS_POLICY } from "../spread";

export const GRAFANA_ADMIN_SECRET = { name: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" } as const;

/** Node and pod labels kube-state-metrics must export for the zone, pool and component joins. */
export function metricLabelsAllowlist(s: ObservabilitySettings): string[] {
  const nodeLabels = [...new Set([s.zoneLabel, s.capacityTypeLabel, LABEL_POOL_ROLE, LABEL_GPU_CLASS, INSTANCE_TYPE_KEY, s.gpuNodeLabel.key])];
  return [`nodes=[${nodeLabels.join(",")}]`, `pods=[${[DGD_NAME_LABEL, DGD_COMPONENT_LABEL, DGD_COMPONENT_TYPE_LABEL].join(",")}]`];
}

export function prometheusStackValues(s: ObservabilitySettings, systemNodeLabels: Readonly<Record<string, string>>): Record<string, unknown> {
  const onSystemNodes = { nodeSelector: { ...systemNodeLabels } };
  // Two replicas on different zones: a monitoring stack that dies with one zone cannot report the zone loss.
  // Hard zone spread, with a failed zone's tainted nodes left out of the count (see spread.ts).
  const spread = (labels: Record<string, string>) => [{ maxSkew: 1, topologyKey: s.zoneLabel, whenUnsatisfiable: "DoNotSchedule", nodeTaintsPolicy: ZONE_NODE_TAINTS_POLICY, labelSelector: { matchLabels: labels } }];
  return {
    prometheus: {
      prometheusSpec: {
        replicas: 2,
        ...onSystemNodes,
        topologySpreadConstraints: spread({ "app.kubernetes.io/name": "prometheus" }),
        podMonitorSelectorNilUsesHelmValues: false,
        serviceMonitorSelectorNilUsesHelmValues: false,
        ruleSelectorNilUsesHelmValues: false,
        probeSelectorNilUsesHelmValues: false,
        podMonitorNamespaceSelector: {},
        serviceMonitorNamespaceSelector: {},
        ruleNamespaceSelector: {},
        probeNamespaceSelector: {},
        retention: "15d",
      },
    },
    alertmanager: {
      alertmanagerSpec: { replicas: 2, ...onSystemNodes, topologySpreadConstraints: spread({ "app.kubernetes.io/name": "alertmanager" }) },
    },
    "kube-state-metrics": { metricLabelsAllowlist: metricLabelsAllowlist(s), ...onSystemNodes },
    prometheusOperator: { ...onSystemNodes },
    grafana: {
      ...onSystemNodes,
      admin: { existingSecret: GRAFANA_ADMIN_SECRET.name, userKey: GRAFANA_ADMIN_SECRET.userKey, passwordKey: GRAFANA_ADMIN_SECRET.passwordKey },
      sidecar: { dashboards: { enabled: true, label: Object.keys(DASHBOARD_LABEL)[0], labelValue: Object.values(DASHBOARD_LABEL)[0] } },
    },
  };
}
