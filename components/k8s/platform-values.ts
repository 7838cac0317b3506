// The dynamo-platform chart values: every HA key set explicitly, because chart defaults have flipped
// between releases (NATS install true→false in 1.4, operator replicas 1→2; dynamo-facts §0, §2).
import { HOST_KEY, ZONE_KEY } from "../core/labels";
import type { PlatformCheckpoint } from "../core/storage-facts";
import { Toleration } from "../core/cluster-facts";
import { requiredNodeLabels, spreadAntiAffinity, SYSTEM_TOLERATIONS } from "./placement";
import { natsSpreadMap, zoneSpread } from "./spread";

/** The Helm release name; subchart object names and the operator's store addresses derive from it. */
export const PLATFORM_RELEASE = "dynamo-platform";
/** "All cluster-wide operators must use the SAME ID to prevent split-brain" (operator values). */
export const LEADER_ELECTION = { id: "dynamo.nvidia.com", namespace: "kube-system" } as const;
/** Pod label we add to operator pods so our anti-affinity can select them without guessing chart labels. */
export const OPERATOR_POD_LABEL = { "dynamo-ha.io/component": "dynamo-operator" } as const;

/** The only value the pinned platform chart accepts for bundled KAI with Grove (see platformValues). */
export const KAI_STALENESS_WITH_GROVE = "-1";

export interface QuorumStore {
  readonly enabled: boolean;
  readonly replicas: number;
  readonly storageSize: string;
}

export interface PlatformValuesInput {
  readonly operatorReplicas: number;
  readonly etcd: QuorumStore;
  readonly nats: QuorumStore;
  readonly grove: boolean;
  readonly kaiScheduler: boolean;
  /** Labels of the on-demand system pool (never spot) where the operator and stores run. */
  readonly systemNodeLabels: Readonly<Record<string, string>>;
  /** Zonal block storage class with WaitForFirstConsumer, so a volume is made in its pod's zone. */
  readonly blockStorageClass: string;
  /**
   * This stack's own monitors scrape Dynamo pods (observability.enabled): the operator's PodMonitors
   * must then stay off, or every pod is scraped twice. Otherwise the chart auto-detects.
   * @default false
   */
  readonly ownMonitors?: boolean;
  /**
   * Checkpoint storage for the operator's checkpoint block (it injects the location into the pods it
   * restores); the runtime reads no checkpoint env var of ours.
   * @default - checkpointing off
   */
  readonly checkpoint?: PlatformCheckpoint;
}

function systemPlacement(systemNodeLabels: Readonly<Record<string, string>>, selector: Record<string, string>) {
  return {
    tolerations: SYSTEM_TOLERATIONS.map((t: Toleration) => ({ ...t })),
    affinity: { nodeAffinity: requiredNodeLabels(systemNodeLabels), podAntiAffinity: spreadAntiAffinity(selector) },
  };
}

function operatorValues(i: PlatformValuesInput, storesOnEtcd: boolean) {
  const placement = systemPlacement(i.systemNodeLabels, { ...OPERATOR_POD_LABEL });
  return {
    enabled: true,
    // The operator's crd-apply init container installs the real CRDs (full schemas, conversion webhook,
    // scale subresources) matching its own version before the manager starts, and upgrades them with
    // the chart. This program's CRD resources are only the bootstrap and retention anchor (crds.ts).
    upgradeCRD: true,
    discoveryBackend: storesOnEtcd ? "etcd" : "kubernetes",
    controllerManager: {
      // Two or more: the admission webhook fails closed, so one replica blocks deploys while it restarts.
      replicas: i.operatorReplicas,
      leaderElection: { id: LEADER_ELECTION.id, namespace: LEADER_ELECTION.namespace },
      podLabels: { ...OPERATOR_POD_LABEL },
      // No strategy value: the chart reads none and hard-codes Recreate; the post-renderer replaces it
      // with a surging rolling update (operator-ha.ts).
      tolerations: placement.tolerations,
      affinity: placement.affinity,
      manager: { resources: { requests: { cpu: "512m", memory: "1Gi" }, limits: { cpu: "1024m", memory: "2Gi" } } },
    },
    // "Keep 'Fail' in every environment"; Ignore is an emergency-only bypass (platform README 1.6.0).
    webhook: { failurePolicy: "Fail", timeoutSeconds: 10 },
    // With this stack's monitors: the chart's Dynamo PodMonitors off (every pod would be scraped twice),
    // and its operator metrics Service + ServiceMonitor off (its ServiceMonitor exists only when the
    // monitoring CRDs predate the install); our ServiceMonitor scrapes the operator (operator-ha.ts).
    ...(i.ownMonitors ? { dynamo: { metrics: { podMonitors: { enabled: false } } }, metricsService: { enabled: false } } : {}),
    ...(i.checkpoint ? { checkpoint: checkpointValues(i.checkpoint) } : {}),
  };
}

/** The operator's checkpoint block: an existing ReadWriteMany claim in each graph namespace (create: false). */
function checkpointValues(c: PlatformCheckpoint) {
  if (!c.pvcName) throw new Error(`platformValues: checkpoint.pvcName ${JSON.stringify(c.pvcName)} is not allowed: a PVC name`);
  if (!c.basePath.startsWith("/")) throw new Error(`platformValues: checkpoint.basePath ${JSON.stringify(c.basePath)} is not allowed: an absolute path`);
  return { enabled: true, storage: { type: "pvc", pvc: { pvcName: c.pvcName, basePath: c.basePath } } };
}

/** Bitnami etcd: a quorum spread over zones on the system pool, volumes in the pod's zone. */
function etcdValues(i: PlatformValuesInput) {
  const selector = { "app.kubernetes.io/name": "etcd", "app.kubernetes.io/instance": PLATFORM_RELEASE };
  const placement = systemPlacement(i.systemNodeLabels, selector);
  return {
    replicaCount: i.etcd.replicas,
    persistence: { enabled: true, size: i.etcd.storageSize, storageClass: i.blockStorageClass },
    // The chart's default minAvailable "51%" renders next to maxUnavailable unless emptied (the API
    // server refuses a PDB with both): bitnami/charts bitnami/etcd/templates/pdb.yaml renders each only
    // `if` set (@b572262ac2299b1fcaecd0a859454ec9cc635d19).
    pdb: { create: true, minAvailable: "", maxUnavailable: 1 },
    readinessProbe: { enabled: true },
    livenessProbe: { enabled: true },
    tolerations: placement.tolerations,
    affinity: placement.affinity,
    topologySpreadConstraints: [zoneSpread(selector)],
  };
}

/** NATS with JetStream: clustered, file store on zonal volumes, probes via the monitor port. */
function natsValues(i: PlatformValuesInput) {
  const selector = { "app.kubernetes.io/name": "nats", "app.kubernetes.io/instance": PLATFORM_RELEASE };
  const placement = systemPlacement(i.systemNodeLabels, selector);
  return {
    config: {
      cluster: { enabled: true, replicas: i.nats.replicas },
      // The chart renders its startup/readiness/liveness probes only when the monitor is on.
      monitor: { enabled: true, port: 8222 },
      jetstream: {
        enabled: true,
        fileStore: { enabled: true, dir: "/data", pvc: { enabled: true, size: i.nats.storageSize, storageClassName: i.blockStorageClass } },
      },
    },
    podDisruptionBudget: { enabled: true },
    // The JetStream alert reads the exporter's metrics.
    promExporter: { enabled: true },
    podTemplate: {
      topologySpreadConstraints: natsSpreadMap([ZONE_KEY, HOST_KEY]),
      merge: { spec: { tolerations: placement.tolerations, affinity: placement.affinity } },
    },
  };
}

/** The complete values object for the pinned platform chart. */
export function platformValues(i: PlatformValuesInput): Record<string, unknown> {
  const values: Record<string, unknown> = {
    global: {
      etcd: { install: i.etcd.enabled },
      nats: { install: i.nats.enabled },
      grove: { install: i.grove, enabled: i.grove },
      "kai-scheduler": { install: i.kaiScheduler, enabled: i.kaiScheduler },
    },
    "dynamo-operator": operatorValues(i, i.etcd.enabled),
  };
  if (i.etcd.enabled) values.etcd = etcdValues(i);
  if (i.nats.enabled) values.nats = natsValues(i);
  // The pinned Grove chart reads `tolerations` but no nodeSelector or affinity (ai-dynamo/grove
  // operator/charts/templates/deployment.yaml @28f956436df6d7b0a2d2d8bae54ca55958ac661a): the
  // post-renderer gives the grove-operator Deployment the operator's system-pool node affinity.
  if (i.grove) values.grove = { tolerations: SYSTEM_TOLERATIONS.map((t) => ({ ...t })) };
  if (i.kaiScheduler) {
    values["kai-scheduler"] = {
      global: { tolerations: SYSTEM_TOLERATIONS.map((t) => ({ ...t })), affinity: { nodeAffinity: requiredNodeLabels(i.systemNodeLabels) } },
      // The chart refuses bundled KAI with Grove unless this is exactly "-1" (ai-dynamo/dynamo
      // deploy/helm/charts/platform/templates/validate-values.yaml @44f45d61e8fc2fda83291381700639e108eba594;
      // "-1s" fails there, whatever a later README says).
      ...(i.grove ? { scheduler: { args: { "default-staleness-grace-period": KAI_STALENESS_WITH_GROVE } } } : {}),
    };
  }
  return values;
}
