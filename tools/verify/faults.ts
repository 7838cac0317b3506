// Fault injection through the Kubernetes API: pick targets by the Dynamo operator's pod labels, act on
// them, and undo the one thing that would outlive the run (a cordon) — on completion and on abort alike.
import { FaultKind } from "./args";
import { KubeOps, NodeInfo, PodInfo } from "./kube-ops";

export const LABEL_DGD = "nvidia.com/dynamo-graph-deployment-name";
export const LABEL_COMPONENT = "nvidia.com/dynamo-component";
export const LABEL_COMPONENT_TYPE = "nvidia.com/dynamo-component-type";
export const SERVING_TYPES = ["frontend", "worker", "prefill", "decode"] as const;
export const WORKER_TYPES = ["worker", "prefill", "decode"] as const;

export class FaultError extends Error {}

export interface FaultTarget {
  readonly kind: Exclude<FaultKind, "none">;
  readonly namespace: string;
  readonly deployment?: string;
  readonly component?: string;
  readonly pods: number | "all";
  readonly node?: string;
  readonly zone?: string;
}

export interface FaultAction {
  readonly action: "delete-pod" | "cordon" | "evict" | "uncordon";
  /** "namespace/pod" or the node name. */
  readonly target: string;
  readonly result: "ok" | "blocked" | "error";
  readonly detail?: string;
}

/** Label selector for pods of the given component types, narrowed to one DGD/component when named. */
export function podSelector(types: readonly string[], t: Pick<FaultTarget, "deployment" | "component">): string {
  const parts = [types.length === 1 ? `${LABEL_COMPONENT_TYPE}=${types[0]}` : `${LABEL_COMPONENT_TYPE} in (${types.join(",")})`];
  if (t.deployment !== undefined) parts.push(`${LABEL_DGD}=${t.deployment}`);
  if (t.component !== undefined) parts.push(`${LABEL_COMPONENT}=${t.component}`);
  return parts.join(",");
}

/** Running pods not already going away, in a stable order so repeated runs hit the same kind of target. */
export function livePods(pods: readonly PodInfo[]): PodInfo[] {
  return pods.filter((p) => !p.deleting && p.phase === "Running").sort((a, b) => a.name.localeCompare(b.name));
}

export function take<T>(items: readonly T[], n: number | "all"): T[] {
  return n === "all" ? [...items] : items.slice(0, n);
}

/** What a fault would hit, resolved from the cluster's current state. */
export interface ResolvedTargets {
  readonly pods: PodInfo[];
  readonly node?: NodeInfo;
  readonly zoneNodes?: NodeInfo[];
  readonly description: string;
}

async function anchorNode(ops: KubeOps, t: FaultTarget): Promise<string> {
  // The default victim node/zone is where a worker runs: losing it is what the HA setup must survive.
  const workers = livePods(await ops.listPods(t.namespace, podSelector(WORKER_TYPES, t))).filter((p) => p.nodeName);
  if (workers.length === 0) throw new FaultError(`no running worker pods (${podSelector(WORKER_TYPES, t)}) in namespace ${t.namespace}`);
  return workers[0].nodeName as string;
}

export async function resolveTargets(ops: KubeOps, t: FaultTarget): Promise<ResolvedTargets> {
  const ns = t.namespace;
  switch (t.kind) {
    case "frontend-pod":
    case "worker-pod": {
      const sel = podSelector(t.kind === "frontend-pod" ? ["frontend"] : WORKER_TYPES, t);
      const pods = take(livePods(await ops.listPods(ns, sel)), t.pods);
      if (pods.length === 0) throw new FaultError(`no running pods match ${sel} in namespace ${ns}`);
      return { pods, description: `delete ${pods.map((p) => p.name).join(", ")}` };
    }
    case "drain-node": {
      const name = t.node ?? (await anchorNode(ops, t));
      const node = (await ops.listNodes()).find((n) => n.name === name);
      if (node === undefined) throw new FaultError(`--node: a node of the cluster, got ${name}`);
      const pods = livePods(await ops.listPods(ns, undefined, `spec.nodeName=${name}`)).filter((p) => !p.nodeBound);
      return { pods, node, description: `cordon ${name} and evict ${pods.length} pod(s) of ${ns} on it` };
    }
    case "zone": {
      const nodes = await ops.listNodes();
      let zone = t.zone;
      if (zone === undefined) {
        const anchor = await anchorNode(ops, t);
        zone = nodes.find((n) => n.name === anchor)?.zone;
        if (zone === undefined) throw new FaultError(`node ${anchor} has no topology.kubernetes.io/zone label`);
      }
      const zoneNodes = nodes.filter((n) => n.zone === zone);
      if (zoneNodes.length === 0) throw new FaultError(`--zone: a zone with nodes, got ${zone}`);
      const names = new Set(zoneNodes.map((n) => n.name));
      const pods = livePods(await ops.listPods(ns, podSelector(SERVING_TYPES, t))).filter((p) => names.has(p.nodeName ?? ""));
      if (pods.length === 0) throw new FaultError(`no running serving pods of ${ns} in zone ${zone}`);
      return { pods, zoneNodes, description: `cordon the ${zoneNodes.length} node(s) of zone ${zone} and delete ${pods.length} serving pod(s) on them` };
    }
  }
}

const errText = (e: unknown) => ((e as Error).message ?? String(e)).split("\n")[0];

/** A fault landed when at least one pod was really deleted or evicted: a cordon alone, or evictions a PDB refused, disrupt nothing. */
export function faultLanded(actions: readonly FaultAction[]): boolean {
  return actions.some((a) => (a.action === "delete-pod" || a.action === "evict") && a.result === "ok");
}

/** One line saying why a fault did not land, naming what was tried (at most three actions, then a count). */
export function notLandedReason(actions: readonly FaultAction[], injectionError?: string): string {
  const tried = actions.filter((a) => a.action !== "uncordon");
  const shown = tried.slice(0, 3).map((a) => `${a.action} ${a.target} ${a.result}${a.detail ? `: ${a.detail}` : ""}`);
  if (tried.length > 3) shown.push(`${tried.length - 3} more`);
  if (injectionError !== undefined) shown.push(`injection failed: ${injectionError}`);
  if (shown.length === 0) shown.push("nothing to act on");
  return `the fault did not land: no pod was deleted or evicted (${shown.join("; ")})`;
}

/**
 * One injection and its cleanup. Cleanup is idempotent, waits for the API call in flight (so an uncordon
 * never overtakes its cordon), and only uncordons nodes this session cordoned itself.
 */
export class FaultSession {
  readonly actions: FaultAction[] = [];
  private readonly cordoned: string[] = [];
  private closed = false;
  private current: Promise<unknown> = Promise.resolve();
  private cleaning?: Promise<void>;

  constructor(
    private readonly ops: KubeOps,
    private readonly target: FaultTarget,
  ) {}

  /** Runs cleanup as soon as the signal aborts (Ctrl-C); the promise of that cleanup is `cleanup()`'s. */
  cleanupOn(signal: AbortSignal): void {
    if (signal.aborted) void this.cleanup();
    else signal.addEventListener("abort", () => void this.cleanup(), { once: true });
  }

  private async step<T>(fn: () => Promise<T>): Promise<T> {
    const p = fn();
    this.current = p.catch(() => undefined);
    return p;
  }

  async inject(): Promise<ResolvedTargets | undefined> {
    if (this.closed) return undefined;
    const ns = this.target.namespace;
    const resolved = await this.step(() => resolveTargets(this.ops, this.target));
    // Pods only leave for good when their nodes stop taking new ones: a drain cordons its node, a zone
    // outage every node of the zone (else the replacements land right back in it). Acting with a node
    // left schedulable would not be the fault asked for, so a failed cordon stops the injection.
    const nodes = this.target.kind === "drain-node" ? [resolved.node] : this.target.kind === "zone" ? resolved.zoneNodes : [];
    for (const node of nodes ?? []) {
      if (node === undefined || node.unschedulable) continue; // already cordoned: left as the user had it
      if (!(await this.cordon(node.name))) return resolved;
    }
    const drain = this.target.kind === "drain-node";
    for (const p of resolved.pods) {
      if (this.closed) break;
      if (drain) await this.record("evict", `${ns}/${p.name}`, () => this.ops.evictPod(ns, p.name));
      else await this.record("delete-pod", `${ns}/${p.name}`, () => this.ops.deletePod(ns, p.name));
    }
    return resolved;
  }

  /** Cordons through the bookkeeping cleanup reads; false when stopped or the cordon failed. */
  private async cordon(node: string): Promise<boolean> {
    if (this.closed) return false;
    // Noted before the call: a cordon whose answer is lost (timeout) may still have been applied.
    this.cordoned.push(node);
    await this.record("cordon", node, () => this.ops.setUnschedulable(node, true));
    return this.actions[this.actions.length - 1].result === "ok";
  }

  private async record(action: FaultAction["action"], target: string, fn: () => Promise<unknown>): Promise<void> {
    try {
      const out = await this.step(fn);
      this.actions.push({ action, target, result: out === "blocked" ? "blocked" : "ok", ...(out === "blocked" ? { detail: "refused by a PodDisruptionBudget" } : {}) });
    } catch (e) {
      this.actions.push({ action, target, result: "error", detail: errText(e) });
    }
  }

  cleanup(): Promise<void> {
    this.closed = true;
    this.cleaning ??= (async () => {
      await this.current;
      for (const node of this.cordoned) {
        await this.record("uncordon", node, () => this.ops.setUnschedulable(node, false));
      }
    })();
    return this.cleaning;
  }

  /** Nodes still cordoned by this session because uncordoning failed (the user must fix these by hand). */
  leftCordoned(): string[] {
    return this.cordoned.filter(
      (n) => !this.actions.some((a) => a.action === "uncordon" && a.target === n && a.result === "ok"),
    );
  }
}
