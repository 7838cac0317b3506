// A running region, minute by minute, and the series Prometheus would scrape from it: kube-state-metrics
// for nodes, pods, the operator Deployment, the Lease and the PDBs; the frontends' request counters and
// TTFT histogram; the etcd and NATS exporters. Scenarios change the world; `samples` reads it.
import { NodeModel, PdbModel, PodModel, StackModel } from "./model";
import { Sample } from "./timeline";

/** kube-state-metrics exports a Kubernetes label `a.b/c-d` as `label_a_b_c_d` (its SanitizeLabelName). */
export function ksmLabelName(key: string): string {
  return `label_${key.replace(/[^a-zA-Z0-9_]/g, "_")}`;
}

/** Target labels of the kube-state-metrics ServiceMonitor (honorLabels keeps the objects' namespace). */
export const KSM_TARGET = { job: "kube-state-metrics", instance: "10.0.10.5:8080", container: "kube-state-metrics", endpoint: "http", service: "kube-prometheus-stack-kube-state-metrics" };

/** Upper bounds of the TTFT histogram buckets the frontend exposes (seconds). */
export const TTFT_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
export const REQUESTS_PER_MINUTE = { success: 600, validation: 60 } as const;
export const MODEL = "Qwen/Qwen3-0.6B";

export interface FrontendTraffic {
  /** Server-side failures per minute (error_type `internal`), on top of the steady success and client-error traffic. */
  internalErrorsPerMinute: number;
  /** Bucket index (into TTFT_BUCKETS) every first token of the minute falls in, just below its bound. */
  ttftBucket: number;
}

export class World {
  readonly nodes = new Map<string, { node: NodeModel; ready: boolean }>();
  readonly pods = new Map<string, { pod: PodModel; ready: boolean }>();
  operatorAvailable: number;
  /** Unix seconds of the Lease's last renewal; `undefined` renews every scrape. */
  leaseRenewedAt: number | undefined = undefined;
  readonly etcd = new Map<string, { hasLeader: boolean }>();
  readonly nats = new Map<string, object>();
  readonly traffic: FrontendTraffic = { internalErrorsPerMinute: 0, ttftBucket: 2 };
  private readonly counters = new Map<string, number>();
  /** Node and pod labels as kube-state-metrics names them, worked out once per node or pod. */
  private readonly ksmLabels = new WeakMap<object, Record<string, string>>();
  private stepMinutes = 1;

  constructor(readonly m: StackModel) {
    for (const n of [...m.gpuNodes, ...m.systemNodes]) this.nodes.set(n.name, { node: n, ready: true });
    for (const p of m.pods) this.pods.set(p.name, { pod: p, ready: true });
    this.operatorAvailable = m.platform.operator.zones.length;
    for (const p of m.platform.etcd?.pods ?? []) this.etcd.set(p.name, { hasLeader: true });
    for (const p of m.platform.nats?.pods ?? []) this.nats.set(p.name, {});
  }

  /** A zone fails: its nodes and every pod on them disappear, and so do the platform pods that ran there. */
  loseZone(zone: string): void {
    for (const [name, n] of this.nodes) if (n.node.zone === zone) this.nodes.delete(name);
    for (const [name, p] of this.pods) if (!this.nodes.has(p.pod.node)) this.pods.delete(name);
    this.operatorAvailable -= this.m.platform.operator.zones.filter((z) => z === zone).length;
    for (const p of this.m.platform.etcd?.pods ?? []) if (p.zone === zone) this.etcd.delete(p.name);
    for (const p of this.m.platform.nats?.pods ?? []) if (p.zone === zone) this.nats.delete(p.name);
  }

  private counter(labels: Record<string, string>, perMinute: number): Sample {
    const increment = perMinute * this.stepMinutes;
    const key = JSON.stringify(labels);
    const value = (this.counters.get(key) ?? 0) + increment;
    this.counters.set(key, value);
    return { labels, value };
  }

  private ksmLabelsOf(labels: Readonly<Record<string, string>>): Record<string, string> {
    let out = this.ksmLabels.get(labels);
    if (!out) {
      out = Object.fromEntries(Object.entries(labels).map(([k, v]) => [ksmLabelName(k), v]));
      this.ksmLabels.set(labels, out);
    }
    return out;
  }

  disruptionsAllowed(pdb: PdbModel): { expected: number; allowed: number } {
    const c = this.m.graph.components.find((x) => x.name === pdb.component)!;
    const healthy = [...this.pods.values()].filter((p) => p.pod.component === c.name && p.ready).length;
    const desiredHealthy = pdb.minAvailable ?? c.replicas - (pdb.maxUnavailable ?? 0);
    return { expected: c.replicas, allowed: Math.max(0, healthy - desiredHealthy) };
  }

  /** Everything scraped at minute `t`, `stepMinutes` after the previous scrape. */
  samples(t: number, stepMinutes = 1): Sample[] {
    this.stepMinutes = stepMinutes;
    const out: Sample[] = [];
    const ksm = (name: string, labels: Record<string, string>, value: number) => out.push({ labels: { __name__: name, ...KSM_TARGET, ...labels }, value });
    for (const { node, ready } of this.nodes.values()) {
      ksm("kube_node_labels", { node: node.name, ...this.ksmLabelsOf(node.labels) }, 1);
      for (const status of ["true", "false", "unknown"]) ksm("kube_node_status_condition", { node: node.name, condition: "Ready", status }, Number((status === "true") === ready && status !== "unknown"));
      if (node.gpus > 0) ksm("kube_node_status_allocatable", { node: node.name, resource: "nvidia_com_gpu", unit: "integer" }, node.gpus);
    }
    const ns = this.m.graph.namespace;
    for (const { pod, ready } of this.pods.values()) {
      const uid = `uid-${pod.name}`;
      ksm("kube_pod_labels", { namespace: ns, pod: pod.name, uid, ...this.ksmLabelsOf(pod.labels) }, 1);
      ksm("kube_pod_info", { namespace: ns, pod: pod.name, uid, node: pod.node, host_ip: "10.0.1.1", pod_ip: "10.0.2.1", created_by_kind: "Deployment", created_by_name: pod.component.toLowerCase(), priority_class: "", host_network: "false" }, 1);
      for (const condition of ["true", "false", "unknown"]) ksm("kube_pod_status_ready", { namespace: ns, pod: pod.name, uid, condition }, Number((condition === "true") === ready && condition !== "unknown"));
    }
    const pn = this.m.platform.namespace;
    ksm("kube_deployment_status_replicas_available", { namespace: pn, deployment: this.m.platform.operator.deployment }, this.operatorAvailable);
    ksm("kube_lease_renew_time", { namespace: this.m.platform.lease.namespace, lease: this.m.platform.lease.name }, this.leaseRenewedAt ?? t * 60);
    for (const pdb of this.m.pdbs) {
      const { expected, allowed } = this.disruptionsAllowed(pdb);
      ksm("kube_poddisruptionbudget_status_pod_disruptions_allowed", { namespace: pdb.namespace, poddisruptionbudget: pdb.name }, allowed);
      ksm("kube_poddisruptionbudget_status_expected_pods", { namespace: pdb.namespace, poddisruptionbudget: pdb.name }, expected);
    }
    for (const [pod, e] of this.etcd) out.push({ labels: { __name__: "etcd_server_has_leader", namespace: pn, pod, job: `${pn}/etcd`, instance: `${pod}:2379`, endpoint: "client" }, value: Number(e.hasLeader) });
    for (const pod of this.nats.keys()) out.push({ labels: { __name__: "nats_server_max_storage", namespace: pn, pod, server_id: `N${pod}`, job: `${pn}/nats`, instance: `${pod}:7777`, endpoint: "prom-metrics" }, value: 10 * 2 ** 30 });
    // Frontend traffic splits evenly over the ready frontends (the load balancer skips unready ones);
    // an unready frontend is still scraped, its counters just stop growing.
    const frontends = [...this.pods.values()].filter((p) => this.m.graph.components.find((c) => c.name === p.pod.component)?.type === "frontend");
    const serving = frontends.filter((p) => p.ready).length;
    for (const { pod, ready } of frontends) {
      const target = { namespace: ns, pod: pod.name, job: `${ns}/frontend`, instance: `10.0.2.1:8000`, container: "main", model: MODEL, request_type: "stream" };
      const share = (n: number) => (ready ? n / serving : 0);
      out.push(this.counter({ __name__: "dynamo_frontend_requests_total", ...target, status: "success" }, share(REQUESTS_PER_MINUTE.success)));
      out.push(this.counter({ __name__: "dynamo_frontend_requests_total", ...target, status: "error", error_type: "validation" }, share(REQUESTS_PER_MINUTE.validation)));
      out.push(this.counter({ __name__: "dynamo_frontend_requests_total", ...target, status: "error", error_type: "internal" }, share(this.traffic.internalErrorsPerMinute)));
      const firstTokens = share(REQUESTS_PER_MINUTE.success);
      for (const [i, le] of [...TTFT_BUCKETS.map(String), "+Inf"].entries()) {
        out.push(this.counter({ __name__: "dynamo_frontend_time_to_first_token_seconds_bucket", ...target, le }, i >= this.traffic.ttftBucket ? firstTokens : 0));
      }
    }
    return out;
  }
}
