// Fault injection through @kubernetes/client-node against a Kubernetes API stub on loopback.
import * as assert from "assert";
import { FaultAction, faultLanded, FaultSession, FaultTarget, notLandedReason, podSelector, resolveTargets } from "../../tools/verify/faults";
import { clientNodeOps, KubeOps, KubeSetupError, KubeTimeoutError, withTimeout } from "../../tools/verify/kube-ops";
import { KubeStub, startKubeStub, StubOptions } from "./support/kube-stub";

const NS = "dynamo";
const fixture: StubOptions = {
  namespace: NS,
  nodes: [
    { name: "gpu-a-1", zone: "zone-a" },
    { name: "gpu-b-1", zone: "zone-b" },
    { name: "sys-a-1", zone: "zone-a" },
  ],
  pods: [
    { name: "llm-frontend-2", node: "sys-a-1", type: "frontend", dgd: "llm" },
    { name: "llm-frontend-1", node: "gpu-b-1", type: "frontend", dgd: "llm" },
    { name: "llm-decode-b", node: "gpu-b-1", type: "decode", component: "VllmDecodeWorker", dgd: "llm" },
    { name: "llm-decode-a", node: "gpu-a-1", type: "decode", component: "VllmDecodeWorker", dgd: "llm" },
    { name: "llm-prefill-a", node: "gpu-a-1", type: "prefill", component: "VllmPrefillWorker", dgd: "llm" },
    { name: "llm-decode-pending", node: "gpu-a-1", type: "decode", dgd: "llm", phase: "Pending" },
    { name: "node-exporter-a", node: "gpu-a-1", daemonSet: true },
    { name: "other-app-a", node: "gpu-a-1" },
  ],
};

const podPath = (name: string) => `/api/v1/namespaces/${NS}/pods/${name}`;
const del = (name: string) => ({ method: "DELETE", path: `${podPath(name)}?gracePeriodSeconds=0`, contentType: "application/json" });
const evict = (name: string) => ({
  method: "POST",
  path: `${podPath(name)}/eviction`,
  contentType: "application/json",
  body: { apiVersion: "policy/v1", kind: "Eviction", metadata: { name, namespace: NS } },
});
const cordon = (node: string, unschedulable: boolean) => ({
  method: "PATCH",
  path: `/api/v1/nodes/${node}`,
  contentType: "application/merge-patch+json",
  body: { spec: { unschedulable } },
});

describe("verify: fault injection against a Kubernetes API stub", () => {
  let stub: KubeStub;
  let ops: KubeOps;
  const target = (t: Partial<FaultTarget> & Pick<FaultTarget, "kind">): FaultTarget => ({ namespace: NS, pods: 1, ...t });

  async function withStub(o: StubOptions, fn: (ops: KubeOps, s: KubeStub) => Promise<void>) {
    const s = await startKubeStub(o);
    try {
      await fn(await clientNodeOps("stub-ctx", s.kubeconfig("stub-ctx")), s);
    } finally {
      await s.close();
    }
  }

  beforeEach(async () => {
    stub = await startKubeStub(fixture);
    ops = await clientNodeOps("stub-ctx", stub.kubeconfig("stub-ctx"));
  });
  afterEach(() => stub.close());

  it("selects pods by the operator's labels", () => {
    assert.strictEqual(podSelector(["frontend"], {}), "nvidia.com/dynamo-component-type=frontend");
    assert.strictEqual(
      podSelector(["worker", "prefill", "decode"], { deployment: "llm", component: "VllmDecodeWorker" }),
      "nvidia.com/dynamo-component-type in (worker,prefill,decode),nvidia.com/dynamo-graph-deployment-name=llm,nvidia.com/dynamo-component=VllmDecodeWorker",
    );
  });

  it("frontend-pod force-deletes the first running frontend pod; --pods all deletes each", async () => {
    const s = new FaultSession(ops, target({ kind: "frontend-pod" }));
    await s.inject();
    await s.cleanup();
    assert.deepStrictEqual(stub.writes(), [del("llm-frontend-1")]);
    assert.deepStrictEqual(stub.calls[0], {
      method: "GET",
      path: `/api/v1/namespaces/${NS}/pods?labelSelector=${encodeURIComponent("nvidia.com/dynamo-component-type=frontend").replace(/%20/g, "+")}`,
    });
    const all = new FaultSession(ops, target({ kind: "frontend-pod", pods: "all" }));
    await all.inject();
    assert.deepStrictEqual(stub.writes().slice(1), [del("llm-frontend-1"), del("llm-frontend-2")]);
  });

  it("worker-pod deletes one running worker (decode/prefill/worker), narrowed by component", async () => {
    await new FaultSession(ops, target({ kind: "worker-pod" })).inject();
    await new FaultSession(ops, target({ kind: "worker-pod", component: "VllmPrefillWorker" })).inject();
    assert.deepStrictEqual(stub.writes(), [del("llm-decode-a"), del("llm-prefill-a")]);
  });

  it("drain-node cordons the worker's node, evicts the namespace's pods on it (not DaemonSet pods), then uncordons", async () => {
    const s = new FaultSession(ops, target({ kind: "drain-node" }));
    await s.inject();
    assert.deepStrictEqual(stub.writes(), [cordon("gpu-a-1", true), evict("llm-decode-a"), evict("llm-prefill-a"), evict("other-app-a")]);
    assert.ok(stub.calls.some((c) => c.method === "GET" && c.path.includes(`fieldSelector=${encodeURIComponent("spec.nodeName=gpu-a-1")}`)));
    await s.cleanup();
    await s.cleanup();
    assert.deepStrictEqual(stub.writes().slice(4), [cordon("gpu-a-1", false)], "uncordoned exactly once");
    assert.deepStrictEqual(s.leftCordoned(), []);
  });

  it("drain-node on an abort signal still uncordons, and evicts nothing after the abort", async () => {
    const ac = new AbortController();
    const s = new FaultSession(ops, target({ kind: "drain-node", node: "gpu-b-1" }));
    s.cleanupOn(ac.signal);
    const injecting = s.inject();
    await stub.waitFor((c) => c.method === "PATCH");
    ac.abort();
    await injecting;
    await s.cleanup();
    // The abort came while the cordon was in flight: the uncordon waits for it, and no eviction follows.
    assert.deepStrictEqual(stub.writes(), [cordon("gpu-b-1", true), cordon("gpu-b-1", false)]);
  });

  it("drain-node leaves a node the user had cordoned cordoned, and reports PDB refusals", async () => {
    await withStub(
      { ...fixture, nodes: fixture.nodes.map((n) => (n.name === "gpu-a-1" ? { ...n, unschedulable: true } : n)), evictionBlocked: ["llm-decode-a"] },
      async (o, s) => {
        const session = new FaultSession(o, target({ kind: "drain-node", node: "gpu-a-1" }));
        await session.inject();
        await session.cleanup();
        assert.deepStrictEqual(s.writes(), [evict("llm-decode-a"), evict("llm-prefill-a"), evict("other-app-a")]);
        assert.deepStrictEqual(session.actions[0], { action: "evict", target: `${NS}/llm-decode-a`, result: "blocked", detail: "refused by a PodDisruptionBudget" });
      },
    );
  });

  it("zone cordons every node of the zone, then deletes its serving pods; cleanup uncordons exactly those", async () => {
    const s = new FaultSession(ops, target({ kind: "zone" }));
    await s.inject();
    assert.deepStrictEqual(stub.writes(), [
      cordon("gpu-a-1", true),
      cordon("sys-a-1", true),
      del("llm-decode-a"),
      del("llm-frontend-2"),
      del("llm-prefill-a"),
    ]);
    await s.cleanup();
    assert.deepStrictEqual(stub.writes().slice(5), [cordon("gpu-a-1", false), cordon("sys-a-1", false)]);
    assert.deepStrictEqual(s.leftCordoned(), []);
    const b = new FaultSession(ops, target({ kind: "zone", zone: "zone-b" }));
    await b.inject();
    await b.cleanup();
    assert.deepStrictEqual(stub.writes().slice(7), [cordon("gpu-b-1", true), del("llm-decode-b"), del("llm-frontend-1"), cordon("gpu-b-1", false)]);
  });

  it("zone leaves a node the user had cordoned as it was, and deletes nothing when a cordon fails", async () => {
    const nodes = fixture.nodes.map((n) => (n.name === "sys-a-1" ? { ...n, unschedulable: true } : n));
    await withStub({ ...fixture, nodes }, async (o, s) => {
      const session = new FaultSession(o, target({ kind: "zone", zone: "zone-a" }));
      await session.inject();
      await session.cleanup();
      assert.deepStrictEqual(s.writes(), [cordon("gpu-a-1", true), del("llm-decode-a"), del("llm-frontend-2"), del("llm-prefill-a"), cordon("gpu-a-1", false)]);
    });
    // The API refuses the second cordon: the first is undone and no pod is touched.
    const broken: KubeOps = {
      ...ops,
      setUnschedulable: (node, u) => (node === "sys-a-1" && u ? Promise.reject(new Error("forbidden")) : ops.setUnschedulable(node, u)),
    };
    const session = new FaultSession(broken, target({ kind: "zone", zone: "zone-a" }));
    await session.inject();
    await session.cleanup();
    assert.deepStrictEqual(stub.writes(), [cordon("gpu-a-1", true), cordon("gpu-a-1", false), cordon("sys-a-1", false)]);
    assert.strictEqual(faultLanded(session.actions), false);
  });

  it("zone on an abort signal: no deletion after the abort, and every cordon made is undone", async () => {
    const ac = new AbortController();
    const s = new FaultSession(ops, target({ kind: "zone", zone: "zone-a" }));
    s.cleanupOn(ac.signal);
    const injecting = s.inject();
    await stub.waitFor((c) => c.method === "PATCH");
    ac.abort();
    await injecting;
    await s.cleanup();
    assert.deepStrictEqual(stub.writes(), [cordon("gpu-a-1", true), cordon("gpu-a-1", false)]);
  });

  it("a Kubernetes API call that never answers times out, and cleanup still uncordons", async () => {
    await withStub({ ...fixture, hang: (c) => c.method === "POST" }, async (_, s) => {
      const o = await clientNodeOps("stub-ctx", s.kubeconfig("stub-ctx"), { timeoutMs: 300 });
      const session = new FaultSession(o, target({ kind: "drain-node", node: "gpu-b-1" }));
      const injecting = session.inject();
      await s.waitFor((c) => c.method === "POST");
      await session.cleanup();
      await injecting;
      assert.deepStrictEqual(s.writes(), [cordon("gpu-b-1", true), evict("llm-decode-b"), cordon("gpu-b-1", false)]);
      assert.deepStrictEqual(session.actions[1], {
        action: "evict",
        target: `${NS}/llm-decode-b`,
        result: "error",
        detail: `evict ${NS}/llm-decode-b: no answer from the Kubernetes API within 0.3 s`,
      });
      assert.deepStrictEqual(session.leftCordoned(), []);
    });
  });

  it("withTimeout aborts the call's signal and rejects with one line; a call in time passes through", async () => {
    let seen: AbortSignal | undefined;
    await assert.rejects(
      withTimeout("list nodes", 20, (signal) => {
        seen = signal;
        return new Promise<never>(() => undefined);
      }),
      (e: Error) => e instanceof KubeTimeoutError && e.message === "list nodes: no answer from the Kubernetes API within 0.02 s",
    );
    assert.strictEqual(seen?.aborted, true);
    assert.strictEqual(await withTimeout("x", 1000, async () => 7), 7);
  });

  it("a fault lands only when a pod was deleted or evicted", () => {
    const a = (action: FaultAction["action"], result: FaultAction["result"], target = `${NS}/p`): FaultAction => ({ action, target, result });
    assert.strictEqual(faultLanded([a("cordon", "ok", "n1"), a("evict", "blocked"), a("evict", "error"), a("uncordon", "ok", "n1")]), false);
    assert.strictEqual(faultLanded([a("cordon", "ok", "n1")]), false);
    assert.strictEqual(faultLanded([]), false);
    assert.strictEqual(faultLanded([a("evict", "blocked"), a("evict", "ok")]), true);
    assert.strictEqual(faultLanded([a("delete-pod", "ok")]), true);
    const blocked = [a("cordon", "ok", "n1"), ...[1, 2, 3, 4].map((i) => ({ ...a("evict", "blocked", `${NS}/p${i}`), detail: "refused by a PodDisruptionBudget" }))];
    assert.strictEqual(
      notLandedReason(blocked),
      `the fault did not land: no pod was deleted or evicted (cordon n1 ok; evict ${NS}/p1 blocked: refused by a PodDisruptionBudget; evict ${NS}/p2 blocked: refused by a PodDisruptionBudget; 2 more)`,
    );
    assert.strictEqual(notLandedReason([], "boom"), "the fault did not land: no pod was deleted or evicted (injection failed: boom)");
    assert.strictEqual(notLandedReason([a("cordon", "ok", "n1"), a("uncordon", "ok", "n1")]), "the fault did not land: no pod was deleted or evicted (cordon n1 ok)");
  });

  it("refuses unknown contexts and targets that match nothing, before any write", async () => {
    await assert.rejects(clientNodeOps("prod", stub.kubeconfig("stub-ctx")), (e: Error) => e instanceof KubeSetupError && /--context: .*stub-ctx.*got prod/.test(e.message));
    await assert.rejects(resolveTargets(ops, target({ kind: "worker-pod", deployment: "nope" })), /no running pods match/);
    await assert.rejects(resolveTargets(ops, target({ kind: "drain-node", node: "ghost" })), /--node: a node of the cluster, got ghost/);
    await assert.rejects(resolveTargets(ops, target({ kind: "zone", zone: "zone-z" })), /--zone: a zone with nodes, got zone-z/);
    assert.deepStrictEqual(stub.writes(), []);
  });
});
