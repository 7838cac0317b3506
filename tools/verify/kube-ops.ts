// The few Kubernetes API calls fault injection needs, as a narrow interface (so targeting logic stays
// testable) and its implementation on @kubernetes/client-node. client-node 1.x is ESM-only, hence the
// dynamic import.

export interface PodInfo {
  readonly name: string;
  readonly namespace: string;
  readonly nodeName?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly phase?: string;
  /** Already being deleted (deletionTimestamp set). */
  readonly deleting: boolean;
  /** Owned by a DaemonSet or a mirror (static) pod: drains leave these alone, as `kubectl drain` does. */
  readonly nodeBound: boolean;
}

export interface NodeInfo {
  readonly name: string;
  readonly zone?: string;
  readonly unschedulable: boolean;
}

export interface KubeOps {
  listPods(namespace: string, labelSelector?: string, fieldSelector?: string): Promise<PodInfo[]>;
  listNodes(): Promise<NodeInfo[]>;
  /** Force delete (grace period 0), as Dynamo's own pod-deletion fault does. */
  deletePod(namespace: string, name: string): Promise<void>;
  setUnschedulable(node: string, unschedulable: boolean): Promise<void>;
  /** Eviction API; "blocked" when a PodDisruptionBudget refuses it (HTTP 429). */
  evictPod(namespace: string, name: string): Promise<"evicted" | "blocked">;
}

export class KubeSetupError extends Error {}

/** A Kubernetes API call that got no answer in time (a hung API server or credential plugin). */
export class KubeTimeoutError extends Error {}

/** Per-call bound on Kubernetes API calls. @default 30 s */
export const DEFAULT_KUBE_TIMEOUT_MS = 30_000;

/**
 * Runs `call` with an abort signal and settles within `timeoutMs` whatever the call does: a hung API call
 * must never hold up the run, and above all never the uncordon that follows it.
 */
export async function withTimeout<T>(what: string, timeoutMs: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ac = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new KubeTimeoutError(`${what}: no answer from the Kubernetes API within ${timeoutMs / 1000} s`));
      ac.abort();
    }, timeoutMs);
  });
  try {
    return await Promise.race([call(ac.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}

export const ZONE_LABEL = "topology.kubernetes.io/zone";

interface RawPod {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; deletionTimestamp?: unknown; ownerReferences?: { kind?: string }[] };
  spec?: { nodeName?: string };
  status?: { phase?: string };
}
interface RawNode {
  metadata?: { name?: string; labels?: Record<string, string> };
  spec?: { unschedulable?: boolean };
}

export function toPodInfo(p: RawPod): PodInfo {
  const m = p.metadata ?? {};
  return {
    name: m.name ?? "",
    namespace: m.namespace ?? "",
    nodeName: p.spec?.nodeName,
    labels: m.labels ?? {},
    phase: p.status?.phase,
    deleting: m.deletionTimestamp !== undefined && m.deletionTimestamp !== null,
    nodeBound:
      (m.ownerReferences ?? []).some((o) => o.kind === "DaemonSet") ||
      m.annotations?.["kubernetes.io/config.mirror"] !== undefined,
  };
}

export function toNodeInfo(n: RawNode): NodeInfo {
  return { name: n.metadata?.name ?? "", zone: n.metadata?.labels?.[ZONE_LABEL], unschedulable: n.spec?.unschedulable === true };
}

export interface ClientNodeOptions {
  /** Bound on each Kubernetes API call, in ms. @default DEFAULT_KUBE_TIMEOUT_MS (30 s) */
  readonly timeoutMs?: number;
}

/** KubeOps for one explicitly named context of a kubeconfig (the file given, else $KUBECONFIG, else ~/.kube/config). */
export async function clientNodeOps(context: string, kubeconfigPath?: string, opts: ClientNodeOptions = {}): Promise<KubeOps> {
  const k8s = await import("@kubernetes/client-node");
  const kc = new k8s.KubeConfig();
  try {
    if (kubeconfigPath !== undefined) kc.loadFromFile(kubeconfigPath);
    else kc.loadFromDefault();
  } catch (e) {
    throw new KubeSetupError(`--kubeconfig: a readable kubeconfig, got ${kubeconfigPath ?? "the default"} (${(e as Error).message})`);
  }
  if (!kc.getContextObject(context)) {
    const names = kc.getContexts().map((c) => c.name);
    throw new KubeSetupError(`--context: one of the kubeconfig's contexts (${names.join(", ") || "none"}), got ${context}`);
  }
  kc.setCurrentContext(context);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_KUBE_TIMEOUT_MS;
  const pass = <T>(x: T) => new k8s.Observable(Promise.resolve(x));
  // The abort signal also closes the hung connection; the race in withTimeout bounds what happens before
  // the request is sent (e.g. an exec credential plugin that never returns).
  const call = <T>(what: string, fn: (o: import("@kubernetes/client-node").ConfigurationOptions) => Promise<T>, headers: Record<string, string> = {}) =>
    withTimeout(what, timeoutMs, (signal) =>
      fn({
        middleware: [
          {
            pre: (ctx) => {
              ctx.setSignal(signal);
              for (const [k, v] of Object.entries(headers)) ctx.setHeaderParam(k, v);
              return pass(ctx);
            },
            post: pass,
          },
        ],
        middlewareMergeStrategy: "append",
      }),
    );
  return {
    async listPods(namespace, labelSelector, fieldSelector) {
      const list = await call(`list pods in ${namespace}`, (o) => core.listNamespacedPod({ namespace, labelSelector, fieldSelector }, o));
      return list.items.map((p) => toPodInfo(p as RawPod));
    },
    async listNodes() {
      const list = await call("list nodes", (o) => core.listNode({}, o));
      return list.items.map((n) => toNodeInfo(n as RawNode));
    },
    async deletePod(namespace, name) {
      await call(`delete pod ${namespace}/${name}`, (o) => core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 }, o));
    },
    async setUnschedulable(name, unschedulable) {
      await call(
        `${unschedulable ? "cordon" : "uncordon"} ${name}`,
        (o) => core.patchNode({ name, body: { spec: { unschedulable } } }, o),
        { "Content-Type": "application/merge-patch+json" },
      );
    },
    async evictPod(namespace, name) {
      try {
        await call(`evict ${namespace}/${name}`, (o) =>
          core.createNamespacedPodEviction(
            { name, namespace, body: { apiVersion: "policy/v1", kind: "Eviction", metadata: { name, namespace } } },
            o,
          ),
        );
        return "evicted";
      } catch (e) {
        if ((e as { code?: number }).code === 429) return "blocked";
        throw e;
      }
    },
  };
}
