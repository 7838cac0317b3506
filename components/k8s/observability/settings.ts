// Observability inputs resolved once into plain values; the builders never read config or Pulumi objects.
import { RegionalConfig } from "../../core/config";
import { LABEL_CAPACITY, ZONE_KEY } from "../../core/labels";
import { replicationKind } from "../../core/dr-estimate";
import { CapacityReport } from "../../core/sizing";
import { azureAccountName, s3BucketName } from "../../core/storage-plan";
import { ClusterFacts } from "../../core/cluster-facts";
import type { NodeLabel } from "../graph-spec";
import type { KubernetesLayer } from "../kubernetes-layer";

/** The dynamo-platform chart's default namespace (dynamo-facts §1.4). */
export const DEFAULT_PLATFORM_NAMESPACE = "dynamo-system";
/** The operator's leader-election Lease: chart defaults `dynamo.nvidia.com` in `kube-system` (dynamo-facts §2.1). */
export const OPERATOR_LEASE = { name: "dynamo.nvidia.com", namespace: "kube-system" } as const;
/** The GPU Operator's namespace, where it runs the DCGM exporter. */
export const GPU_OPERATOR_NAMESPACE = "gpu-operator";
/** Well-known node label of the instance type / VM size (set by the kubelet on every cloud). */
export const INSTANCE_TYPE_KEY = "node.kubernetes.io/instance-type";

// Enums are `as const` objects and arrays mutable: the forms the package schema can express.
/** One graph component the alerts and dashboards watch. */
export interface GraphComponent {
  /**
   * Component name in the DGD (the `nvidia.com/dynamo-component` pod label).
   * @default - required, no default
   */
  readonly name: string;
  /**
   * Component role: frontend, worker, prefill or decode.
   * @default - required, no default
   */
  readonly type: string;
  /**
   * Configured replicas (the below-desired alert compares against them).
   * @default - required, no default
   */
  readonly replicas: number;
}

/** The store whose replication exports metrics. */
export const ReplicationStore = { S3: "s3", Azure: "azure" } as const;
export type ReplicationStore = (typeof ReplicationStore)[keyof typeof ReplicationStore];

/**
 * Replication of the store to the DR peer that exports metrics to alert on: S3 only with Replication
 * Time Control (which turns replication metrics on), Azure object replication always.
 */
export interface ReplicationAlerting {
  /**
   * S3 (Replication Time Control metrics) or Azure (object replication metrics).
   * @default - required, no default
   */
  readonly kind: ReplicationStore;
  /**
   * Source bucket (S3) or storage account (Azure).
   * @default - required, no default
   */
  readonly source: string;
}

/** A bundled quorum store the alerts watch. */
export interface StoreReplicas {
  /**
   * The store is installed (its alerts exist only then).
   * @default - required, no default
   */
  readonly enabled: boolean;
  /**
   * Its replicas (the quorum alert needs a majority).
   * @default - required, no default
   */
  readonly replicas: number;
}

/** Alert thresholds (the `observability` config section's defaults in parentheses). */
export interface AlertThresholds {
  /**
   * Alert when the share of frontend requests failing server-side (5 min) is above this (0.05).
   * @default - required, no default
   */
  readonly errorRatio: number;
  /**
   * Alert when time-to-first-token p95 is this many times its value one day earlier (1.5).
   * @default - required, no default
   */
  readonly ttftRegressionFactor: number;
  /**
   * TTFT p95 below this never counts as a regression (0.5).
   * @default - required, no default
   */
  readonly ttftFloorSeconds: number;
  /**
   * Minutes a component may run below its configured replicas before alerting (10).
   * @default - required, no default
   */
  readonly belowDesiredMinutes: number;
  /**
   * Alert when at least this many GPU nodes disappear within 30 minutes (2).
   * @default - required, no default
   */
  readonly gpuNodeLoss: number;
}

/** What the monitors, alerts and dashboards are built from (resolveSettings gives them for a stack). */
export interface ObservabilitySettings {
  /**
   * Namespace of the monitoring stack (its dashboards ConfigMaps go there).
   * @default - required, no default
   */
  readonly monitoringNamespace: string;
  /**
   * Namespace of the graph.
   * @default - required, no default
   */
  readonly graphNamespace: string;
  /**
   * DynamoGraphDeployment name.
   * @default - required, no default
   */
  readonly graphName: string;
  /**
   * Namespace of the Dynamo operator and its stores.
   * @default - required, no default
   */
  readonly platformNamespace: string;
  /**
   * The graph's components.
   * @default - required, no default
   */
  readonly components: GraphComponent[];
  /**
   * `release` label value kube-prometheus-stack selects (also its release name when installed).
   * @default - required, no default
   */
  readonly release: string;
  /**
   * Base of every alert's runbook_url; the alert's anchor is appended after `#`.
   * @default - required, no default
   */
  readonly runbookBaseUrl: string;
  /**
   * Node label of the zone (topology.kubernetes.io/zone).
   * @default - required, no default
   */
  readonly zoneLabel: string;
  /**
   * Node label of the capacity type (spot or on-demand).
   * @default - required, no default
   */
  readonly capacityTypeLabel: string;
  /**
   * The label every GPU node carries.
   * @default - required, no default
   */
  readonly gpuNodeLabel: NodeLabel;
  /**
   * GPUs the graph needs (the capacity alerts compare against them).
   * @default - required, no default
   */
  readonly requiredGpus: number;
  /**
   * Zones the GPU pools are sized to lose.
   * @default - required, no default
   */
  readonly toleratedZoneFailures: number;
  /**
   * DCGM metrics exist (only where the GPU Operator runs).
   * @default - required, no default
   */
  readonly dcgm: boolean;
  /**
   * Bundled etcd.
   * @default - required, no default
   */
  readonly etcd: StoreReplicas;
  /**
   * Bundled NATS.
   * @default - required, no default
   */
  readonly nats: StoreReplicas;
  /**
   * Replication of the store whose metrics are alerted on.
   * @default - none: the stack does not replicate, or its replication exports no metrics
   */
  readonly replication?: ReplicationAlerting;
  /**
   * Alert thresholds.
   * @default - required, no default
   */
  readonly thresholds: AlertThresholds;
}

/** Which replication alerts a regional stack's storage config calls for. */
export function replicationAlerting(c: Pick<RegionalConfig, "cloud" | "stack" | "storage">): ReplicationAlerting | undefined {
  const kind = replicationKind(c.cloud, c.storage);
  if (kind === "s3-rtc") return { kind: "s3", source: c.storage?.name ?? s3BucketName(c.stack) };
  if (kind === "azure") return { kind: "azure", source: c.storage?.name ?? azureAccountName(c.stack) };
  return undefined;
}

export function resolveSettings(c: RegionalConfig, facts: ClusterFacts, capacity: CapacityReport, kube: KubernetesLayer): ObservabilitySettings {
  const o = c.observability;
  return {
    monitoringNamespace: o.namespace,
    graphNamespace: kube.namespace,
    graphName: kube.graphName,
    platformNamespace: kube.platformNamespace ?? DEFAULT_PLATFORM_NAMESPACE,
    components: kube.components.map((x) => ({ name: x.name, type: x.type, replicas: x.replicas })),
    release: o.prometheusRelease,
    runbookBaseUrl: o.runbookBaseUrl,
    zoneLabel: ZONE_KEY,
    capacityTypeLabel: LABEL_CAPACITY,
    gpuNodeLabel: { key: facts.gpuNodeLabel.key, value: facts.gpuNodeLabel.value },
    requiredGpus: capacity.requiredGpus,
    toleratedZoneFailures: capacity.toleratedZoneFailures,
    dcgm: facts.gpuSoftware === "gpu-operator",
    etcd: { enabled: c.platform.etcd.enabled, replicas: c.platform.etcd.replicas },
    nats: { enabled: c.platform.nats.enabled, replicas: c.platform.nats.replicas },
    replication: replicationAlerting(c),
    thresholds: {
      errorRatio: o.errorRatioThreshold,
      ttftRegressionFactor: o.ttftRegressionFactor,
      ttftFloorSeconds: o.ttftFloorSeconds,
      belowDesiredMinutes: o.belowDesiredMinutes,
      gpuNodeLoss: o.gpuNodeLossThreshold,
    },
  };
}
