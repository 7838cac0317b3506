// The HA overview: is every component spread and ready, is the GPU capacity the sizing promised there,
// and how fast did serving recover after the last failure.
import { COMPONENT, frontendRequestRate, gpuNodes, gpusAfterZoneLoss, gpusByZone, ksmLabel, matchers, oneOf, readyGpuAllocatable, readyGraphPods, readyGraphPodsWithZone, zone } from "../promql";
import { INSTANCE_TYPE_KEY, ObservabilitySettings } from "../settings";
import { dashboard, Dashboard, dcgmPanel, PanelSpec } from "./panel";

export function haOverviewDashboard(s: ObservabilitySettings): Dashboard {
  const z = zone(s);
  const cap = ksmLabel(s.capacityTypeLabel);
  const itype = ksmLabel(INSTANCE_TYPE_KEY);
  const panels: PanelSpec[] = [
    {
      title: "Ready replicas by component and zone",
      kind: "timeseries",
      targets: [{ expr: `count by (${COMPONENT}, ${z}) (${readyGraphPodsWithZone(s)})`, legend: `{{${COMPONENT}}} {{${z}}}` }],
      description: "A component whose replicas all sit in one zone goes down with that zone.",
    },
    {
      title: "Ready replicas vs configured, by component",
      kind: "stat",
      targets: [
        { expr: `count by (${COMPONENT}) (${readyGraphPods(s)})`, legend: `{{${COMPONENT}}} ready` },
        ...s.components.map((c) => ({ expr: `vector(${c.replicas})`, legend: `${c.name} configured` })),
      ],
    },
    {
      title: "Allocatable GPUs by zone, capacity type and instance type",
      kind: "timeseries",
      targets: [{ expr: `sum by (${z}, ${cap}, ${itype}) (${readyGpuAllocatable()} * on(node) group_left(${z}, ${cap}, ${itype}) kube_node_labels)`, legend: `{{${z}}} {{${cap}}} {{${itype}}}` }],
    },
    {
      title: "GPUs: required, allocatable, left after worst zone loss",
      kind: "timeseries",
      targets: [
        { expr: `vector(${s.requiredGpus})`, legend: "required" },
        { expr: `sum(${readyGpuAllocatable()})`, legend: "allocatable (Ready nodes)" },
        { expr: gpusAfterZoneLoss(s), legend: `after losing ${s.toleratedZoneFailures} zone(s)` },
      ],
    },
    { title: "Allocatable GPUs per zone", kind: "stat", targets: [{ expr: gpusByZone(s), legend: `{{${z}}}` }] },
    ...dcgmPanel(s, {
      title: "GPUs reporting to DCGM by zone",
      kind: "stat",
      targets: [{ expr: `count by (${z}) (DCGM_FI_DEV_GPU_UTIL * on(node) group_left(${z}) kube_node_labels)`, legend: `{{${z}}}` }],
      description: "GPUs the exporter sees; fewer than allocatable points at a GPU that dropped off the bus.",
    }),
    {
      title: "Request error ratio",
      kind: "timeseries",
      unit: "percentunit",
      targets: [{ expr: `${frontendRequestRate(s, "5m", true)} / ${frontendRequestRate(s, "5m", false)}`, legend: "server-side errors" }],
      thresholds: [{ value: s.thresholds.errorRatio, color: "red" }],
    },
    {
      title: "Recovery: GPU nodes lost (30 min) and unschedulable pods",
      kind: "timeseries",
      targets: [
        { expr: `count by (${cap}) (${gpuNodes(s)} offset 30m unless on(node) ${gpuNodes(s)})`, legend: "lost {{" + cap + "}}" },
        { expr: "sum(cluster_autoscaler_unschedulable_pods_count)", legend: "unschedulable pods (autoscaler)" },
      ],
      description: "After a zone or spot loss: lost nodes should be followed by unschedulable pods falling back to zero.",
    },
    {
      title: "Recovery: request migrations after worker loss",
      kind: "timeseries",
      unit: "reqps",
      targets: [{ expr: `sum by (migration_type) (rate(dynamo_frontend_model_migration_total${matchers([["namespace", s.graphNamespace]])}[5m]))`, legend: "{{migration_type}}" }],
    },
    {
      title: "PDB disruptions allowed",
      kind: "stat",
      targets: [
        {
          expr: `kube_poddisruptionbudget_status_pod_disruptions_allowed${matchers([["namespace", oneOf([s.graphNamespace, s.platformNamespace]), "=~"]])}`,
          legend: "{{namespace}}/{{poddisruptionbudget}}",
        },
      ],
      thresholds: [],
    },
  ];
  return dashboard("dynamo-ha-overview", `Dynamo HA overview (${s.graphNamespace}/${s.graphName})`, panels);
}
