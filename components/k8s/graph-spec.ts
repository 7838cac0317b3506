// The DynamoGraphDeployment (nvidia.com/v1beta1) as a plain object. v1beta1 has no dedicated
// probe/toleration/affinity fields: every pod setting lives in each component's `podTemplate`, a
// PodTemplateSpec whose container `main` the operator merges its defaults into (dynamo-facts §3.2).
import type * as pulumi from "@pulumi/pulumi";
import { workerCommand } from "./backend-args";
import { Toleration } from "./cluster-facts";
import { ComponentPlan, GraphSettings } from "./graph-settings";
import { componentSelector } from "./pdb";
import { gpuTolerations, requiredNodeLabels } from "./placement";
import { FRONTEND_PORT, frontendProbes, SYSTEM_PORT, workerProbes } from "./probes";
import { hostSpread, zoneSpread } from "./spread";

export const DGD_API_VERSION = "nvidia.com/v1beta1";
export const DGD_KIND = "DynamoGraphDeployment";
const CHECKPOINT_MOUNT = "/checkpoints";

export interface GraphPlacement {
  readonly gpuTolerations: readonly Toleration[];
  /** The label every GPU node carries, spot and fallback alike. */
  readonly gpuNodeLabel: { readonly key: string; readonly value: string };
}

/** What the model/checkpoint store asks of the serving pods (from StorageFacts). */
export interface GraphStorage {
  readonly env: Readonly<Record<string, pulumi.Input<string>>>;
  readonly podLabels: Readonly<Record<string, string>>;
  readonly serviceAccountName?: string;
  readonly pvcName?: string;
}

export const NO_GRAPH_STORAGE: GraphStorage = { env: {}, podLabels: {} };

interface EnvVar {
  name: string;
  value: pulumi.Input<string>;
}

/**
 * Shutdown budgets inside the pod's grace period: "keep every internal timeout below
 * terminationGracePeriodSeconds" (graceful-shutdown guide), so in-flight work ends or is migrated
 * before the kubelet kills the process.
 */
export function shutdownEnv(type: ComponentPlan["type"], graceSeconds: number): EnvVar[] {
  const runtime = Math.max(1, graceSeconds - 5);
  if (type === "frontend") return [{ name: "DYN_HTTP_GRACEFUL_SHUTDOWN_TIMEOUT_SECS", value: String(runtime) }];
  const cleanup = Math.max(1, Math.min(30, Math.floor(graceSeconds / 4)));
  const inflight = Math.max(1, runtime - cleanup);
  return [
    { name: "DYN_RUNTIME_GRACEFUL_SHUTDOWN_TIMEOUT_SECS", value: String(runtime) },
    { name: "DYN_WORKER_SHUTDOWN_INFLIGHT_TIMEOUT_SECS", value: String(inflight) },
    { name: "DYN_WORKER_SHUTDOWN_CLEANUP_TIMEOUT_SECS", value: String(cleanup) },
  ];
}

/** Deployment-backed components roll one new pod in before an old one leaves (rolling-updates guide). */
export const ROLLING_UPDATE_ANNOTATIONS = {
  "nvidia.com/deployment-strategy": "RollingUpdate",
  "nvidia.com/deployment-rolling-update-max-surge": "1",
  "nvidia.com/deployment-rolling-update-max-unavailable": "0",
} as const;

/** The PodTemplateSpec of one component. */
export function componentPodTemplate(s: GraphSettings, c: ComponentPlan, placement: GraphPlacement, storage: GraphStorage): Record<string, unknown> {
  const selector = componentSelector(s.name, c.name);
  const isFrontend = c.type === "frontend";
  const env: EnvVar[] = [
    ...(isFrontend ? [{ name: "DYN_MIGRATION_LIMIT", value: String(s.migrationLimit) }] : [{ name: "DYN_SYSTEM_PORT", value: String(SYSTEM_PORT.containerPort) }]),
    ...shutdownEnv(c.type, s.terminationGracePeriodSeconds),
    ...Object.entries(storage.env).map(([name, value]) => ({ name, value })),
  ];
  const main: Record<string, unknown> = {
    name: "main",
    image: s.image,
    env,
    envFrom: [{ secretRef: { name: s.hfTokenSecret, optional: true } }],
    ports: [isFrontend ? { ...FRONTEND_PORT, protocol: "TCP" } : { ...SYSTEM_PORT, protocol: "TCP" }],
    ...(isFrontend ? frontendProbes() : workerProbes(s.startupTimeoutSeconds)),
  };
  if (isFrontend) {
    main.command = ["python3", "-m", "dynamo.frontend"];
    main.resources = { requests: { cpu: "1", memory: "2Gi" }, limits: { memory: "4Gi" } };
  } else {
    Object.assign(main, workerCommand(s.backend, c.type as Exclude<ComponentPlan["type"], "frontend">, s.model, s.gpusPerWorker));
    const gpus = String(s.gpusPerWorker);
    main.resources = { requests: { "nvidia.com/gpu": gpus }, limits: { "nvidia.com/gpu": gpus } };
  }
  if (storage.pvcName) main.volumeMounts = [{ name: "checkpoints", mountPath: CHECKPOINT_MOUNT }];

  const spec: Record<string, unknown> = {
    terminationGracePeriodSeconds: s.terminationGracePeriodSeconds,
    // Zone spread is hard for every component and honours taints, so the nodes of a failed zone stop
    // counting (spread.ts): each zone has a fallback pool, so a spot shortage delays rather than stacks
    // replicas into one zone. GPU workers also spread hard over hosts so one node loss costs one replica;
    // the frontend's host spread stays soft (CPU-only and cheap to reschedule; its zone spread is hard).
    topologySpreadConstraints: isFrontend
      ? [zoneSpread(selector, { generationScoped: true }), hostSpread(selector, "ScheduleAnyway", { generationScoped: true })]
      : [zoneSpread(selector, { generationScoped: true }), hostSpread(selector, "DoNotSchedule", { generationScoped: true })],
    containers: [main],
  };
  if (!isFrontend) {
    spec.tolerations = gpuTolerations(placement.gpuTolerations);
    spec.affinity = { nodeAffinity: requiredNodeLabels({ [placement.gpuNodeLabel.key]: placement.gpuNodeLabel.value }) };
  }
  if (storage.serviceAccountName) spec.serviceAccountName = storage.serviceAccountName;
  if (storage.pvcName) spec.volumes = [{ name: "checkpoints", persistentVolumeClaim: { claimName: storage.pvcName } }];
  return {
    metadata: { labels: { ...storage.podLabels }, annotations: { ...ROLLING_UPDATE_ANNOTATIONS } },
    spec,
  };
}

/**
 * `pulumi up` waits the way Dynamo's own tooling judges a graph (deploy/utils/dynamo_deployment.py):
 * Ready=True and state successful. The provider ANDs the listed conditions.
 */
export function readinessAnnotations(timeoutSeconds: number): Record<string, string> {
  return {
    "pulumi.com/waitFor": JSON.stringify(["condition=Ready", "jsonpath={.status.state}=successful"]),
    "pulumi.com/timeoutSeconds": String(timeoutSeconds),
  };
}

/** The whole DGD object. */
export function graphObject(s: GraphSettings, placement: GraphPlacement, storage: GraphStorage, labels: Record<string, string> = {}): Record<string, unknown> {
  return {
    apiVersion: DGD_API_VERSION,
    kind: DGD_KIND,
    metadata: { name: s.name, namespace: s.namespace, labels: { ...labels }, annotations: readinessAnnotations(s.readyTimeoutSeconds) },
    spec: {
      backendFramework: s.backend,
      components: s.components.map((c) => ({
        name: c.name,
        type: c.type,
        replicas: c.replicas,
        podTemplate: componentPodTemplate(s, c, placement, storage),
      })),
    },
  };
}
