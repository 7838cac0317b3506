// One verification run in process against loopback stubs: a Kubernetes API call that hangs during the
// injection is cut off by the per-call timeout, the node is uncordoned, and the run fails as not landed.
import * as assert from "assert";
import { parseArgs } from "../../tools/verify/args";
import { verify } from "../../tools/verify/run";
import { startKubeStub } from "./support/kube-stub";
import { startOpenAiStub } from "./support/openai-stub";

describe("verify: run with a hung Kubernetes API call", function () {
  this.timeout(30000);

  it("times the call out, still uncordons, and fails with the reason", async () => {
    const api = await startOpenAiStub({ mode: "503", failFromMs: 1e6, failToMs: 2e6 });
    const kube = await startKubeStub({
      namespace: "dynamo",
      nodes: [{ name: "n1", zone: "z" }],
      pods: [{ name: "w-1", node: "n1", type: "decode" }],
      hang: (c) => c.method === "POST",
    });
    try {
      const args = parseArgs([
        "--url", api.url, "--fault", "drain-node", "--namespace", "dynamo", "--context", "c", "--kubeconfig", kube.kubeconfig("c"),
        "--duration", "2", "--fault-at", "0.2", "--concurrency", "1", "--rate", "5", "--quiet",
      ]);
      const lines: string[] = [];
      const report = await verify(args, { kubeTimeoutMs: 2500, log: (l) => lines.push(l), out: (t) => lines.push(t) });
      // The load (2 s) ended while the eviction still hung: cleanup waited for its timeout, then uncordoned.
      assert.deepStrictEqual(
        kube.writes().map((c) => `${c.method} ${c.path.split("?")[0]} ${JSON.stringify(c.body)}`),
        [
          'PATCH /api/v1/nodes/n1 {"spec":{"unschedulable":true}}',
          'POST /api/v1/namespaces/dynamo/pods/w-1/eviction {"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"w-1","namespace":"dynamo"}}',
          'PATCH /api/v1/nodes/n1 {"spec":{"unschedulable":false}}',
        ],
      );
      assert.deepStrictEqual(report.fault.leftCordoned, []);
      assert.strictEqual(report.verdict, "fail");
      assert.deepStrictEqual(report.reasons, [
        "the fault did not land: no pod was deleted or evicted (cordon n1 ok; evict dynamo/w-1 error: evict dynamo/w-1: no answer from the Kubernetes API within 2.5 s)",
      ]);
    } finally {
      await Promise.all([api.close(), kube.close()]);
    }
  });
});
