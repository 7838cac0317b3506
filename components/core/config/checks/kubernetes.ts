// Kubernetes-layer rules (graph replicas in HA mode, GPUs per worker, image tags, etcd/NATS quorum).
// Each rule throws one ConfigError line before any resource is registered.
import { gpuShape } from "../../gpu-catalog";
import { ConfigError, show } from "../schema";
import { RegionalConfig } from "../stack-config";

/** Spot interruption notice per cloud: AWS gives two minutes, Azure Scheduled Events 30 seconds. */
export const SPOT_NOTICE_SECONDS = { aws: 120, azure: 30 } as const;

const err = (key: string, allowed: string, value: unknown): never => {
  throw new ConfigError(`dynamo-ha:${key}: ${allowed}, got ${show(value)}`);
};

/** A tag (`repo:tag`) or digest (`repo@sha256:…`) after the last path segment; `latest` moves, so it is refused. */
export function imageHasPinnedTag(image: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const last = image.slice(image.lastIndexOf("/") + 1);
  const colon = last.lastIndexOf(":");
  if (colon <= 0 || colon === last.length - 1) return false;
  const tag = last.slice(colon + 1);
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag) && tag !== "latest";
}

/** GPUs of one node of the GPU pools (spot and fallback types share it; checks.ts enforces that). */
export function gpusPerNode(c: RegionalConfig): number | undefined {
  const types = [...c.gpuPool.instanceTypes, ...(c.gpuPool.fallbackInstanceTypes ?? [])];
  const counts = types.map((t) => gpuShape(c.cloud, t, c.gpuPool.gpusPerNode)?.gpus).filter((n): n is number => n !== undefined);
  return counts.length ? Math.min(...counts) : undefined;
}

function checkQuorum(c: RegionalConfig, which: "etcd" | "nats"): void {
  const store = c.platform[which];
  if (!store.enabled) return;
  // An even member count tolerates no more failures than the odd count below it and can split votes.
  if (store.replicas % 2 === 0) err(`platform.${which}.replicas`, "must be odd (1, 3, 5, …) for a quorum", store.replicas);
  if (c.haMode && store.replicas < 3) err(`platform.${which}.replicas`, "must be ≥ 3 in HA mode (a quorum that survives one member)", store.replicas);
}

function checkGraphReplicas(c: RegionalConfig): void {
  const g = c.graph;
  const counts: [string, number][] = [["graph.frontendReplicas", g.frontendReplicas]];
  if (g.mode === "aggregated") counts.push(["graph.workerReplicas", g.workerReplicas]);
  else counts.push(["graph.prefillReplicas", g.prefillReplicas], ["graph.decodeReplicas", g.decodeReplicas]);
  for (const [key, n] of counts) {
    if (n < 2) err(key, "must be ≥ 2 in HA mode (one pod lost must not stop serving)", n);
  }
  if (c.platform.operatorReplicas < 2) {
    err("platform.operatorReplicas", "must be ≥ 2 in HA mode (the admission webhook fails closed: one replica means no deploys during its restart)", c.platform.operatorReplicas);
  }
  if (g.migrationLimit < 1) err("graph.migrationLimit", "must be ≥ 1 in HA mode (requests on a lost worker are migrated, not failed)", g.migrationLimit);
}

export function checkKubernetes(c: RegionalConfig): void {
  if (c.haMode) checkGraphReplicas(c);
  checkQuorum(c, "etcd");
  checkQuorum(c, "nats");
  const g = c.graph;
  if (g.image !== undefined && !imageHasPinnedTag(g.image)) {
    err("graph.image", 'must name an explicit tag or digest, not "latest" (e.g. nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.5.1)', g.image);
  }
  const perNode = gpusPerNode(c);
  if (perNode !== undefined && g.gpusPerWorker > perNode) {
    err("graph.gpusPerWorker", `must be ≤ ${perNode} (GPUs of one node of ${c.gpuPool.instanceTypes.join(", ")})`, g.gpusPerWorker);
  }
  const notice = SPOT_NOTICE_SECONDS[c.cloud];
  const grace = g.terminationGracePeriodSeconds;
  if (c.gpuPool.spot && grace !== undefined && grace >= notice) {
    err("graph.terminationGracePeriodSeconds", `must be < ${notice} on ${c.cloud} with spot pools (the node is gone when the spot notice ends)`, grace);
  }
}
