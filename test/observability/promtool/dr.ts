// promtool tests of the DR replication alerts: series as the CloudWatch exporter (YACE) and
// azure-metrics-exporter would expose them for the store, a healthy replication that stays silent, and
// each failure firing only after its `for`. The rules come from the alert builder, never from here.
import { AlertRule, RuleGroup } from "../../../components/k8s/observability/alerts";
import { renderTemplate } from "./templates";

/** Replayed here, not in the regional-stack scenarios: no bundled stack replicates with exported metrics. */
export const DR_ALERTS = ["S3ReplicationLatencyHigh", "S3ReplicationOperationsFailed", "AzureObjectReplicationPending"] as const;

const EXPORTER = { job: "cloudwatch-exporter", instance: "exporter:5000" };

interface DrCase {
  readonly name: string;
  readonly alert: (typeof DR_ALERTS)[number];
  readonly series: { series: string; values: string }[];
  /** [minute, value] where the alert must be silent (value undefined) or firing with that value. */
  readonly checks: readonly [number, number | undefined][];
}

function cases(bucket: string, account: string): DrCase[] {
  const s3 = (metric: string, extra = "") => `${metric}{dimension_SourceBucket="${bucket}",dimension_DestinationBucket="peer",job="${EXPORTER.job}",instance="${EXPORTER.instance}"${extra}}`;
  const pending = `azurerm_resource_metric{metric="PendingOperationsForReplication",aggregation="maximum",resourceID="/subscriptions/s/resourcegroups/rg/providers/microsoft.storage/storageaccounts/${account}/objectreplicationpolicies/p"}`;
  const other = s3("aws_s3_replication_latency_maximum").replace(bucket, "someone-elses-bucket");
  return [
    // Latency 60 s (healthy) for 10 minutes, then 1200 s: fires once it has held 15 minutes; another bucket's lag never counts.
    { name: "S3 latency above the RTC SLA", alert: "S3ReplicationLatencyHigh", series: [{ series: s3("aws_s3_replication_latency_maximum"), values: "60x9 1200x40" }, { series: other, values: "5000x49" }], checks: [[5, undefined], [24, undefined], [26, 1200]] },
    { name: "S3 replication failing", alert: "S3ReplicationOperationsFailed", series: [{ series: s3("aws_s3_operations_failed_replication_sum"), values: "0x9 3x40" }], checks: [[5, undefined], [24, undefined], [26, 3]] },
    { name: "Azure object replication stuck", alert: "AzureObjectReplicationPending", series: [{ series: pending, values: "0x9 40x80" }], checks: [[5, undefined], [69, undefined], [71, 40]] },
  ];
}

/** One promtool test file (1-minute scrapes) for the rule groups of a stack that replicates. */
export function drPromtoolTest(groups: readonly RuleGroup[], ruleFile: string, bucket: string, account: string): object {
  const rules = groups.flatMap((g) => g.rules);
  const present = cases(bucket, account).filter((c) => rules.some((r) => r.alert === c.alert));
  const tests = present.map((c) => {
    const r = rules.find((x) => x.alert === c.alert) as AlertRule;
    return {
      name: c.name,
      interval: "1m",
      input_series: c.series,
      alert_rule_test: c.checks.map(([minute, value]) => ({
        eval_time: `${minute}m`,
        alertname: c.alert,
        exp_alerts:
          value === undefined ? [] : [{ exp_labels: { ...r.labels }, exp_annotations: Object.fromEntries(Object.entries(r.annotations).map(([k, v]) => [k, renderTemplate(v, {}, value)])) }],
      })),
    };
  });
  return { rule_files: [ruleFile], evaluation_interval: "1m", tests };
}
