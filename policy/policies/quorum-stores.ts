import { ResourceValidationPolicy } from "@pulumi/policy";
import { chartName, HELM_TYPES, platformValues } from "../lib/platform-chart";
import { at, bool, int, isUnknown, plainProps } from "../lib/values";

/**
 * etcd and clustered NATS (JetStream) keep a Raft quorum: an even count adds no fault tolerance, fewer
 * than 3 tolerate no loss, no volume loses the log on restart, no PDB lets a drain take the quorum.
 * An installed NATS that is not clustered is a single pod.
 */
export function quorumProblems(values: unknown): string[] {
  const out: string[] = [];
  if (bool(at(values, "global", "etcd", "install")) === true) {
    const n = int(at(values, "etcd", "replicaCount"));
    const replicas = n === undefined ? 1 : n; // Bitnami etcd default
    if (!isUnknown(replicas) && (replicas < 3 || replicas % 2 === 0)) out.push(`etcd.replicaCount is ${replicas}; use an odd count of 3 or more`);
    if (bool(at(values, "etcd", "persistence", "enabled")) === false) out.push("etcd.persistence.enabled is false; members lose their data on restart");
    const pdb = bool(at(values, "etcd", "pdb", "create"));
    if (pdb === undefined || pdb === false) out.push("etcd.pdb.create is not true; a drain may take the quorum down");
  }
  const natsInstalled = bool(at(values, "global", "nats", "install")) === true;
  const cluster = bool(at(values, "nats", "config", "cluster", "enabled"));
  // The nats chart's cluster.enabled defaults to false: installed without it, NATS is one pod whose
  // loss stops every NATS-backed feature (KV routing events, JetStream) until it is rescheduled.
  if (natsInstalled && (cluster === undefined || cluster === false)) {
    out.push("global.nats.install is true but nats.config.cluster.enabled is not; a single NATS pod has no failover");
  }
  if (natsInstalled && cluster === true) {
    const n = int(at(values, "nats", "config", "cluster", "replicas"));
    const replicas = n === undefined ? 3 : n; // nats chart 1.x default
    if (!isUnknown(replicas) && (replicas < 3 || replicas % 2 === 0)) out.push(`nats.config.cluster.replicas is ${replicas}; use an odd count of 3 or more`);
    const js = bool(at(values, "nats", "config", "jetstream", "enabled"));
    const pvc = bool(at(values, "nats", "config", "jetstream", "fileStore", "pvc", "enabled"));
    if (js !== false && pvc === false) out.push("nats.config.jetstream.fileStore.pvc.enabled is false; JetStream loses its streams on restart");
    if (bool(at(values, "nats", "podDisruptionBudget", "enabled")) === false) out.push("nats.podDisruptionBudget.enabled is false; a drain may take the quorum down");
  }
  return out;
}

export const quorumStores: ResourceValidationPolicy = {
  name: "quorum-stores",
  description: "When the Dynamo platform chart installs etcd or NATS: NATS clustered, and for both an odd replica count of 3 or more, persistent volumes and a PodDisruptionBudget.",
  remediationSteps:
    "Set etcd.replicaCount: 3, etcd.persistence.enabled: true, etcd.pdb.create: true; for NATS set nats.config.cluster.enabled: true and nats.config.cluster.replicas: 3, keep nats.config.jetstream.fileStore.pvc.enabled and nats.podDisruptionBudget.enabled true. Or use the Kubernetes discovery backend and do not install them.",
  enforcementLevel: "advisory",
  severity: "medium",
  configSchema: { properties: {} },
  validateResource: (args, report) => {
    if (!HELM_TYPES.includes(args.type)) return;
    const values = platformValues(args.type, plainProps(args.props));
    if (values === undefined || isUnknown(values)) return;
    for (const p of quorumProblems(values)) report(`${chartName(args.type, args.name)}: ${p}.`);
  },
};
