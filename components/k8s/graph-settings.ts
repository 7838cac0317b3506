// Resolves the `graph` config section into plain values: defaults that depend on the cloud or the
// backend are decided here, once, and everything downstream reads the result.
import { RegionalConfig } from "../core/config";
import { VERSIONS } from "../core/versions";

// Enums are `as const` objects: the package schema expresses them (a bare union of literals it cannot).
/** The inference engine of the worker components. */
export const Backend = { Vllm: "vllm", Sglang: "sglang", Trtllm: "trtllm" } as const;
export type Backend = (typeof Backend)[keyof typeof Backend];
/** The role of a graph component. */
export const ComponentType = { Frontend: "frontend", Worker: "worker", Prefill: "prefill", Decode: "decode" } as const;
export type ComponentType = (typeof ComponentType)[keyof typeof ComponentType];

/** One component of the graph and its replica count. */
export interface ComponentPlan {
  /**
   * Component name in the DGD; the operator copies it into the `nvidia.com/dynamo-component` pod label.
   * @default - required, no default
   */
  readonly name: string;
  /**
   * The component's role: one frontend, then a worker (aggregated) or decode and prefill workers.
   * @default - required, no default
   */
  readonly type: ComponentType;
  /**
   * Replicas: spread over zones (hard) and, for GPU workers, over hosts (hard).
   * @default - required, no default
   */
  readonly replicas: number;
}

export interface GraphSettings {
  readonly name: string;
  readonly namespace: string;
  readonly model: string;
  readonly image: string;
  readonly backend: Backend;
  readonly components: readonly ComponentPlan[];
  readonly gpusPerWorker: number;
  readonly terminationGracePeriodSeconds: number;
  readonly startupTimeoutSeconds: number;
  readonly readyTimeoutSeconds: number;
  readonly migrationLimit: number;
  readonly hfTokenSecret: string;
}

/** Grace periods that end before the node does: AWS spot gives 120 s, Azure 30 s. */
export const DEFAULT_GRACE_SECONDS = { aws: 110, azure: 25 } as const;

const PREFIX: Record<Backend, string> = { vllm: "Vllm", sglang: "Sglang", trtllm: "Trtllm" };

/** Component names follow the upstream examples (e.g. VllmDecodeWorker) so dashboards and docs match. */
export function graphComponents(backend: Backend, g: RegionalConfig["graph"]): ComponentPlan[] {
  const p = PREFIX[backend];
  const frontend: ComponentPlan = { name: "Frontend", type: "frontend", replicas: g.frontendReplicas };
  if (g.mode === "aggregated") return [frontend, { name: `${p}Worker`, type: "worker", replicas: g.workerReplicas }];
  return [frontend, { name: `${p}DecodeWorker`, type: "decode", replicas: g.decodeReplicas }, { name: `${p}PrefillWorker`, type: "prefill", replicas: g.prefillReplicas }];
}

export function resolveGraph(c: RegionalConfig): GraphSettings {
  return graphSettingsOf(c.graph, DEFAULT_GRACE_SECONDS[c.cloud]);
}

/**
 * A parsed `graph` section as settings: `defaultGraceSeconds` when it names no grace period, and the
 * components given (else the backend's standard plan).
 */
export function graphSettingsOf(g: RegionalConfig["graph"], defaultGraceSeconds: number, components?: ComponentPlan[]): GraphSettings {
  const backend = g.backend as Backend; // the schema admits only BACKENDS
  return {
    name: g.name,
    namespace: g.namespace,
    model: g.model,
    image: g.image ?? VERSIONS.runtimeImages[backend],
    backend,
    components: components ?? graphComponents(backend, g),
    gpusPerWorker: g.gpusPerWorker,
    terminationGracePeriodSeconds: g.terminationGracePeriodSeconds ?? defaultGraceSeconds,
    startupTimeoutSeconds: g.startupTimeoutSeconds,
    readyTimeoutSeconds: g.readyTimeoutSeconds,
    migrationLimit: g.migrationLimit,
    hfTokenSecret: g.hfTokenSecret,
  };
}
