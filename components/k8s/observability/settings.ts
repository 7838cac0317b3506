// Observability inputs resolved once into plain values; the builders never read config or Pulumi objects.
import { RegionalConfig } from "../../core/config";
import { LABEL_CAPACITY, ZONE_KEY } from "../../core/labels";
import { replicationKind } from "../../core/dr-estimate";
import { CapacityReport } from "../../core/sizing";
import { azureAccountName, s3BucketName } from "../../core/storage-plan";
import { ClusterFacts } from "../../core/cluster-facts";
import type { KubernetesLayer } from "../kubernetes-layer";

/** The dynamo-platform chart's default namespace (dynamo-facts §1.4). */
export const DEFAULT_PLATFORM_NAMESPACE = "dynamo-system";
/** The operator's leader-election Lease: chart defaults `dynamo.nvidia.com` in `kube-system` (dynamo-facts §2.1). */
export const OPERATOR_LEASE = { name: "dynamo.nvidia.com", namespace: "kube-system" } as const;
/** The GPU Operator's namespace, where it runs the DCGM exporter. */
export const GPU_OPERATOR_NAMESPACE = "gpu-operator";
/** Well-known node label of the instance type / VM size (set by the kubelet on every cloud). */
export const INSTANCE_TYPE_KEY = "node.kubernetes.io/instance-type";

export interface GraphComponent {
  readonly name: string;
  readonly type: string;
  readonly replicas: number;
}

/**
 * Replication of the store to the DR peer that exports metrics to alert on: S3 only with Replication
 * Time Control (which turns replication metrics on), Azure object replication always.
 */
export interface ReplicationAlerting {
  readonly kind: "s3" | "azure";
  /** Source bucket (S3) or storage account (Azure). */
  readonly source: string;
}

export interface ObservabilitySettings {
  readonly monitoringNamespace: string;
  readonly graphNamespace: string;
  readonly graphName: string;
  readonly platformNamespace: string;
  readonly components: readonly GraphComponent[];
  /** `release` label value kube-prometheus-stack selects. */
  readonly release: string;
  readonly runbookBaseUrl: string;
  readonly zoneLabel: string;
  readonly capacityTypeLabel: string;
  readonly gpuNodeLabel: { readonly key: string; readonly value: string };
  readonly requiredGpus: number;
  readonly toleratedZoneFailures: number;
  /** DCGM exists only where the GPU Operator runs. */
  readonly dcgm: boolean;
  readonly etcd: { readonly enabled: boolean; readonly replicas: number };
  readonly nats: { readonly enabled: boolean; readonly replicas: number };
  /** Undefined: the stack does not replicate, or its replication exports no metrics. */
  readonly replication?: ReplicationAlerting;
  readonly thresholds: {
    readonly errorRatio: number;
    readonly ttftRegressionFactor: number;
    readonly ttftFloorSeconds: number;
    readonly belowDesiredMinutes: number;
    readonly gpuNodeLoss: number;
  };
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
