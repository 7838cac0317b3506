// Dashboards as ConfigMaps for Grafana's sidecar, which loads every ConfigMap labelled grafana_dashboard: "1".
import { ObservabilitySettings } from "../settings";
import { haOverviewDashboard } from "./ha-overview";
import { Dashboard } from "./panel";
import { servingDashboard } from "./serving";

export const DASHBOARD_LABEL = { grafana_dashboard: "1" } as const;

export function buildDashboards(s: ObservabilitySettings): Dashboard[] {
  return [haOverviewDashboard(s), servingDashboard(s)];
}

export function dashboardConfigMaps(s: ObservabilitySettings, labels: Record<string, string>) {
  return buildDashboards(s).map((d) => ({
    apiVersion: "v1" as const,
    kind: "ConfigMap" as const,
    metadata: { name: `${d.uid}-dashboard`, namespace: s.monitoringNamespace, labels: { ...labels, ...DASHBOARD_LABEL } },
    data: { [`${d.uid}.json`]: JSON.stringify(d, null, 1) },
  }));
}
