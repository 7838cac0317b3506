// Every metric name an alert or panel uses, with the project that documents it. A name missing here
// fails the tests: an expression over a metric nobody exports would stay silent forever.

export type MetricSource = "dynamo" | "kube-state-metrics" | "dcgm-exporter" | "cluster-autoscaler" | "etcd" | "nats-exporter" | "cloudwatch-exporter" | "azure-metrics-exporter";

export interface MetricDoc {
  readonly source: MetricSource;
  /** Where the source documents the name. */
  readonly ref: string;
}

/** The documenting file or page of each source. */
export const SOURCE_REFS: Readonly<Record<MetricSource, string>> = {
  dynamo: "ai-dynamo/dynamo lib/runtime/src/metrics/prometheus_names.rs; docs observability/metrics",
  "kube-state-metrics": "kubernetes/kube-state-metrics docs/metrics/** (v2)",
  "dcgm-exporter": "NVIDIA/dcgm-exporter etc/default-counters.csv",
  "cluster-autoscaler": "kubernetes/autoscaler cluster-autoscaler/proposals/metrics.md",
  etcd: "etcd-io/etcd Documentation/metrics (server/etcdserver/metrics.go)",
  "nats-exporter": "nats-io/prometheus-nats-exporter collector/jsz.go (prefix `nats` as the NATS chart's promExporter sets it)",
  "cloudwatch-exporter":
    "prometheus-community/yet-another-cloudwatch-exporter (YACE) naming aws_<namespace>_<metric>_<statistic>, dimensions as dimension_<Name>; CloudWatch AWS/S3 replication metrics: docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-dimensions.html#s3-cloudwatch-replication-metrics",
  "azure-metrics-exporter":
    "webdevops/azure-metrics-exporter default name azurerm_resource_metric{metric,aggregation,resourceID}; Azure Monitor Microsoft.Storage/storageAccounts/objectReplicationPolicies metric PendingOperationsForReplication (learn.microsoft.com azure-monitor/reference/supported-metrics)",
};

const m = (source: MetricSource, ref: string = SOURCE_REFS[source]): MetricDoc => ({ source, ref });

export const METRICS: Readonly<Record<string, MetricDoc>> = {
  // Dynamo frontend (port http 8000) and workers (port system 9090)
  dynamo_frontend_requests_total: m("dynamo"),
  dynamo_frontend_queued_requests: m("dynamo"),
  dynamo_frontend_inflight_requests: m("dynamo"),
  dynamo_frontend_time_to_first_token_seconds_bucket: m("dynamo", "histogram dynamo_frontend_time_to_first_token_seconds (prometheus_names.rs)"),
  dynamo_frontend_inter_token_latency_seconds_bucket: m("dynamo", "histogram dynamo_frontend_inter_token_latency_seconds (prometheus_names.rs)"),
  dynamo_frontend_request_duration_seconds_bucket: m("dynamo", "histogram dynamo_frontend_request_duration_seconds (prometheus_names.rs)"),
  dynamo_frontend_output_tokens_total: m("dynamo"),
  dynamo_frontend_model_migration_total: m("dynamo"),
  dynamo_component_inflight_requests: m("dynamo"),
  dynamo_component_errors_total: m("dynamo"),
  dynamo_component_gpu_cache_usage_percent: m("dynamo"),
  // kube-state-metrics
  kube_pod_info: m("kube-state-metrics"),
  kube_pod_labels: m("kube-state-metrics", "docs/metrics/workload/pod-metrics.md (labels need --metric-labels-allowlist)"),
  kube_pod_status_ready: m("kube-state-metrics"),
  kube_node_labels: m("kube-state-metrics", "docs/metrics/cluster/node-metrics.md (labels need --metric-labels-allowlist)"),
  kube_node_status_allocatable: m("kube-state-metrics", "docs/metrics/cluster/node-metrics.md (resource=nvidia_com_gpu)"),
  kube_node_status_condition: m("kube-state-metrics"),
  kube_deployment_status_replicas_available: m("kube-state-metrics"),
  kube_lease_renew_time: m("kube-state-metrics", "docs/metrics/cluster/lease-metrics.md"),
  kube_poddisruptionbudget_status_pod_disruptions_allowed: m("kube-state-metrics"),
  kube_poddisruptionbudget_status_expected_pods: m("kube-state-metrics"),
  // DCGM exporter (GPU Operator)
  DCGM_FI_DEV_GPU_UTIL: m("dcgm-exporter"),
  DCGM_FI_DEV_FB_USED: m("dcgm-exporter"),
  // Cluster autoscaler
  cluster_autoscaler_unschedulable_pods_count: m("cluster-autoscaler"),
  // Bundled stores (only when enabled)
  etcd_server_has_leader: m("etcd"),
  nats_server_max_storage: m("nats-exporter", "jetstream_server_max_storage renamed by -prefix=nats (collector/jsz.go)"),
  // Store replication to the DR peer (only when it replicates; the exporters are installed separately, docs/runbooks.md)
  aws_s3_replication_latency_maximum: m("cloudwatch-exporter", "CloudWatch AWS/S3 ReplicationLatency, Maximum (needs replication metrics: on with Replication Time Control)"),
  aws_s3_operations_failed_replication_sum: m("cloudwatch-exporter", "CloudWatch AWS/S3 OperationsFailedReplication, Sum (needs replication metrics)"),
  azurerm_resource_metric: m("azure-metrics-exporter"),
};

export function isCatalogued(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(METRICS, name);
}
