// The HA PrometheusRule: each alert names what is broken for users, how bad, and where its runbook is.
import { COMPONENT, COMPONENT_TYPE, frontendQuantile, frontendRequestRate, gpuNodes, gpusAfterZoneLoss, matchers, oneOf, readyGraphPods, readyGraphPodsWithZone, readyGpuAllocatable, zone } from "./promql";
import { selectionLabels, MONITORING_API } from "./monitors";
import { OPERATOR_LEASE, ObservabilitySettings } from "./settings";
import { S3_RTC_SLA_SECONDS } from "../../core/dr-estimate";

export type Severity = "critical" | "warning";

export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: { readonly summary: string; readonly description: string; readonly runbook_url: string };
}

export interface RuleGroup {
  readonly name: string;
  readonly rules: readonly AlertRule[];
}

/** Runbook anchor of an alert: the GitHub anchor of its `## <Alert>` heading in docs/runbooks.md. */
export function runbookAnchor(alert: string): string {
  return alert.toLowerCase();
}

/** An operator that stopped renewing its Lease this long ago has lost leadership (client-go renews every 2 s, lease 15 s). */
const LEASE_STALE_SECONDS = 60;
/** Draining a node with a PDB at zero allowed disruptions waits forever; an hour is longer than any rollout. */
const PDB_BLOCKED_FOR = "1h";

function rule(s: ObservabilitySettings, alert: string, severity: Severity, expr: string, forDuration: string, summary: string, description: string, labels: Record<string, string> = {}): AlertRule {
  return {
    alert,
    expr,
    for: forDuration,
    labels: { severity, ...labels },
    annotations: { summary, description, runbook_url: `${s.runbookBaseUrl}#${runbookAnchor(alert)}` },
  };
}

function servingRules(s: ObservabilitySettings): AlertRule[] {
  const t = s.thresholds;
  const out: AlertRule[] = [];
  if (s.components.some((c) => c.type === "frontend" && c.replicas > 0)) {
    const ready = `sum(${readyGraphPods(s, [[COMPONENT_TYPE, "frontend"]])})`;
    out.push(
      rule(s, "DynamoFrontendNoReadyReplica", "critical", `(${ready} or vector(0)) < 1`, "2m", `No ready frontend for graph ${s.graphName}`,
        `Graph ${s.graphNamespace}/${s.graphName} has had no ready frontend pod for 2 minutes: every request to this region fails. The global router should already send traffic to the peer region.`),
    );
  }
  for (const c of s.components.filter((x) => x.replicas > 0)) {
    const ready = `sum(${readyGraphPods(s, [[COMPONENT, c.name]])})`;
    out.push(
      rule(s, "DynamoComponentBelowDesiredReplicas", "warning", `(${ready} or vector(0)) < ${c.replicas}`, `${t.belowDesiredMinutes}m`,
        `Component ${c.name} below ${c.replicas} ready replicas`,
        `Component ${c.name} of graph ${s.graphNamespace}/${s.graphName} has had fewer than its ${c.replicas} configured ready replicas for ${t.belowDesiredMinutes} minutes; another failure may take it down.`,
        { component: c.name }),
    );
  }
  const perZone = `count by (${COMPONENT}, ${zone(s)}) (${readyGraphPodsWithZone(s)})`;
  const total = `count by (${COMPONENT}) (${readyGraphPodsWithZone(s)})`;
  out.push(
    rule(s, "DynamoReplicasConcentratedInOneZone", "warning", `(max by (${COMPONENT}) (${perZone}) == ${total}) and (${total} > 1)`, "15m",
      "All ready replicas of a component are in one zone",
      `Every ready replica of component {{ $labels.${COMPONENT} }} runs in one zone: losing that zone takes the component down. Check the topology spread constraints and whether the other zones have GPU capacity.`),
    rule(s, "DynamoRequestErrorRatioHigh", "critical", `${frontendRequestRate(s, "5m", true)} / ${frontendRequestRate(s, "5m", false)} > ${t.errorRatio}`, "5m",
      `Frontend error ratio above ${t.errorRatio}`,
      `More than ${t.errorRatio * 100}% of requests to graph ${s.graphName} failed server-side (internal, overload, not_implemented) over 5 minutes; current ratio {{ $value | humanizePercentage }}.`),
  );
  const histogram = "dynamo_frontend_time_to_first_token_seconds";
  const now = frontendQuantile(s, 0.95, histogram, "10m");
  const dayAgo = frontendQuantile(s, 0.95, histogram, "10m", "1d");
  out.push(
    rule(s, "DynamoTTFTP95Regression", "warning", `(${now} > ${t.ttftRegressionFactor} * ${dayAgo}) and (${now} > ${t.ttftFloorSeconds})`, "15m",
      "Time to first token p95 regressed",
      `TTFT p95 of graph ${s.graphName} is {{ $value | humanizeDuration }}, more than ${t.ttftRegressionFactor}× its value one day earlier: users wait longer for the first token (capacity loss, queueing or a slow worker).`),
  );
  return out;
}

function capacityRules(s: ObservabilitySettings): AlertRule[] {
  const t = s.thresholds;
  const nodes = gpuNodes(s);
  const out: AlertRule[] = [
    // Nodes present 30 minutes ago and gone now: counts losses, not net change, so autoscaler replacements do not hide them.
    // The threshold counts every lost GPU node, spot and on-demand together.
    rule(s, "GpuNodesLost", "warning", `count(${nodes} offset 30m unless on(node) ${nodes}) >= ${t.gpuNodeLoss}`, "0m",
      `${t.gpuNodeLoss} or more GPU nodes lost in 30 minutes`,
      `{{ $value }} GPU nodes disappeared within 30 minutes (spot reclaims, zone trouble or scale-in). Check that fallback pools scale up and that serving recovered.`),
    // `or vector(0)`: with no Ready GPU node at all the sum is empty, and an empty result never fires.
    rule(s, "GpuCapacityBelowRequired", "critical", `(sum(${readyGpuAllocatable()}) or vector(0)) < ${s.requiredGpus}`, "10m",
      `Fewer than ${s.requiredGpus} allocatable GPUs`,
      `Ready nodes offer {{ $value }} GPUs, below the ${s.requiredGpus} the service needs: the region runs under its sized capacity.`),
  ];
  if (s.toleratedZoneFailures > 0) {
    out.push(
      rule(s, "GpuCapacityBelowZoneLossSizing", "warning", `${gpusAfterZoneLoss(s)} < ${s.requiredGpus}`, "30m",
        `Losing ${s.toleratedZoneFailures} zone(s) would leave fewer than ${s.requiredGpus} GPUs`,
        `If the ${s.toleratedZoneFailures} largest zone(s) failed now, {{ $value }} GPUs would remain, below the ${s.requiredGpus} the zone-loss sizing promises. Check pool minimums, spot availability and stuck scale-ups.`),
    );
  }
  out.push(
    rule(s, "PodDisruptionBudgetBlockingDrains", "warning",
      `(kube_poddisruptionbudget_status_pod_disruptions_allowed${matchers([["namespace", oneOf([s.graphNamespace, s.platformNamespace]), "=~"]])} == 0) and on(namespace, poddisruptionbudget) (kube_poddisruptionbudget_status_expected_pods > 0)`,
      PDB_BLOCKED_FOR, "A PDB has allowed no disruption for an hour",
      "PodDisruptionBudget {{ $labels.namespace }}/{{ $labels.poddisruptionbudget }} allows zero disruptions: node drains (upgrades, spot rebalancing, scale-in) are blocked until a replica becomes ready."),
  );
  return out;
}

function platformRules(s: ObservabilitySettings): AlertRule[] {
  const available = `sum(kube_deployment_status_replicas_available${matchers([["namespace", s.platformNamespace], ["deployment", ".*operator-controller-manager", "=~"]])})`;
  const lease = `kube_lease_renew_time${matchers([["namespace", OPERATOR_LEASE.namespace], ["lease", OPERATOR_LEASE.name]])}`;
  const out: AlertRule[] = [
    rule(s, "DynamoOperatorNotReady", "critical", `(${available} or vector(0)) < 1`, "5m", "Dynamo operator has no available replica",
      "No Dynamo operator pod is available: graphs are not reconciled and its fail-closed admission webhook rejects DynamoGraphDeployment changes."),
    rule(s, "DynamoOperatorLeaderLeaseStale", "critical", `time() - max(${lease}) > ${LEASE_STALE_SECONDS}`, "2m", "Dynamo operator leader lease not renewed",
      `The operator's leader-election Lease ${OPERATOR_LEASE.namespace}/${OPERATOR_LEASE.name} was last renewed {{ $value | humanizeDuration }} ago: no replica is leading, so nothing is reconciled.`),
  ];
  if (s.etcd.enabled) {
    out.push(
      rule(s, "DynamoEtcdNoLeader", "critical", `(max(etcd_server_has_leader${matchers([["namespace", s.platformNamespace]])}) or vector(0)) < 1`, "1m", "Bundled etcd has no leader",
        "No etcd member reports a leader: service discovery and leases are read-only or unavailable; workers cannot register."),
    );
  }
  if (s.nats.enabled) {
    const quorum = Math.floor(s.nats.replicas / 2) + 1;
    out.push(
      rule(s, "DynamoNatsJetStreamUnavailable", "critical", `(count(nats_server_max_storage${matchers([["namespace", s.platformNamespace]])}) or vector(0)) < ${quorum}`, "2m",
        "NATS JetStream below quorum",
        `Fewer than ${quorum} of ${s.nats.replicas} NATS servers report JetStream: streams lose their quorum and KV events / request-plane messages stall.`),
    );
  }
  return out;
}

/** S3 RTC promises 15 minutes; a maximum latency above it means the SLA (and the RPO it gives) is broken. */
const S3_REPLICATION_LATENCY_SECONDS = S3_RTC_SLA_SECONDS;
/** Azure object replication has no SLA: operations still pending after an hour mean it is stuck or far behind. */
const AZURE_REPLICATION_PENDING_FOR = "1h";

/**
 * Replication of the checkpoint/model store to the DR peer. The metrics come from the cloud's monitoring
 * API through an exporter the stack does not install (docs/runbooks.md says which and how).
 */
function drRules(s: ObservabilitySettings): AlertRule[] {
  const r = s.replication;
  if (!r) return [];
  if (r.kind === "s3") {
    const bucket = matchers([["dimension_SourceBucket", r.source]]);
    return [
      rule(s, "S3ReplicationLatencyHigh", "warning", `max(aws_s3_replication_latency_maximum${bucket}) > ${S3_REPLICATION_LATENCY_SECONDS}`, "15m",
        `Checkpoint replication from ${r.source} is slower than the 15-minute RTC SLA`,
        `Objects of bucket ${r.source} take {{ $value | humanizeDuration }} to reach the DR peer's bucket: after a regional failover the peer's checkpoints may be older than the 15-minute RPO.`),
      rule(s, "S3ReplicationOperationsFailed", "critical", `sum(aws_s3_operations_failed_replication_sum${bucket}) > 0`, "15m",
        `Checkpoint replication from ${r.source} is failing`,
        `{{ $value }} replication operations of bucket ${r.source} failed in the last period: those objects will never reach the DR peer (permissions, KMS key or a missing destination bucket).`),
    ];
  }
  const account = matchers([["metric", "PendingOperationsForReplication"], ["resourceID", `.*/storageaccounts/${r.source}(/.*)?`, "=~"]]);
  return [
    rule(s, "AzureObjectReplicationPending", "warning", `max(azurerm_resource_metric${account}) > 0`, AZURE_REPLICATION_PENDING_FOR,
      `Object replication from storage account ${r.source} has had pending operations for an hour`,
      `{{ $value }} operations of storage account ${r.source} have waited for replication to the DR peer for over an hour: the peer's checkpoints fall behind (Azure object replication has no time SLA).`),
  ];
}

export function buildRuleGroups(s: ObservabilitySettings): RuleGroup[] {
  const dr = drRules(s);
  return [
    { name: "dynamo-ha.serving", rules: servingRules(s) },
    { name: "dynamo-ha.capacity", rules: capacityRules(s) },
    { name: "dynamo-ha.platform", rules: platformRules(s) },
    ...(dr.length ? [{ name: "dynamo-ha.dr", rules: dr }] : []),
  ];
}

export function buildPrometheusRule(s: ObservabilitySettings) {
  return {
    apiVersion: MONITORING_API,
    kind: "PrometheusRule" as const,
    metadata: { name: "dynamo-ha-alerts", namespace: s.monitoringNamespace, labels: selectionLabels(s) },
    spec: { groups: buildRuleGroups(s).map((g) => ({ name: g.name, rules: g.rules.map((r) => ({ ...r, labels: { ...r.labels }, annotations: { ...r.annotations } })) })) },
  };
}

/** Every alert name the rule can contain, for docs and tests. */
export const ALERT_NAMES = [
  "DynamoFrontendNoReadyReplica",
  "DynamoComponentBelowDesiredReplicas",
  "DynamoReplicasConcentratedInOneZone",
  "DynamoRequestErrorRatioHigh",
  "DynamoTTFTP95Regression",
  "GpuNodesLost",
  "GpuCapacityBelowRequired",
  "GpuCapacityBelowZoneLossSizing",
  "PodDisruptionBudgetBlockingDrains",
  "DynamoOperatorNotReady",
  "DynamoOperatorLeaderLeaseStale",
  "DynamoEtcdNoLeader",
  "DynamoNatsJetStreamUnavailable",
  "S3ReplicationLatencyHigh",
  "S3ReplicationOperationsFailed",
  "AzureObjectReplicationPending",
] as const;
