import * as assert from "assert";
import { leaderElectionPolicy, quorumStores } from "../../policy/policies";
import { deployment, platform } from "./fixtures";
import { runResource, UNKNOWN_WIRE } from "./helpers";

const controller = (replicas: number, args: string[], labels: Record<string, string> = { "control-plane": "controller-manager" }) =>
  deployment("mgr", replicas, { containers: [{ name: "manager", image: "m:1", args }] }, labels);

describe("policy leader-election", () => {
  it("flags a 2-replica kubebuilder controller without --leader-elect", async () => {
    const v = await runResource(leaderElectionPolicy, controller(2, ["--metrics-bind-address=:8080"]));
    assert.strictEqual(v.length, 1);
    assert.match(v[0], /no --leader-elect flag/);
  });

  it("passes with --leader-elect / --leader-election=true, or one replica", async () => {
    assert.deepStrictEqual(await runResource(leaderElectionPolicy, controller(2, ["--leader-elect"])), []);
    assert.deepStrictEqual(await runResource(leaderElectionPolicy, controller(3, ["--leader-election=true"], { app: "x" })), []);
    assert.deepStrictEqual(await runResource(leaderElectionPolicy, controller(1, [])), []);
  });

  it("flags a flag turned off, even without the kubebuilder label", async () => {
    assert.match((await runResource(leaderElectionPolicy, controller(2, ["--leader-elect=false"], { app: "x" })))[0], /turns it off/);
  });

  it("ignores ordinary multi-replica workloads and unknown args", async () => {
    assert.deepStrictEqual(await runResource(leaderElectionPolicy, deployment("web", 3)), []);
    assert.deepStrictEqual(await runResource(leaderElectionPolicy, deployment("mgr", 2, { containers: UNKNOWN_WIRE }, { "control-plane": "controller-manager" })), []);
  });

  for (const type of ["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"]) {
    it(`dynamo-platform values on ${type}: replicas >= 2 and leader election not disabled`, async () => {
      const ok = platform({ "dynamo-operator": { controllerManager: { replicas: 2 } } }, type);
      assert.deepStrictEqual(await runResource(leaderElectionPolicy, ok), []);
      assert.match((await runResource(leaderElectionPolicy, platform({ "dynamo-operator": { controllerManager: { replicas: 1 } } }, type)))[0], /replicas is 1/);
      assert.match((await runResource(leaderElectionPolicy, platform({ "dynamo-operator": {} }, type)))[0], /not set/);
      const off = platform({ "dynamo-operator": { controllerManager: { replicas: 2, leaderElection: { enabled: false } } } }, type);
      assert.match((await runResource(leaderElectionPolicy, off))[0], /leaderElection.enabled is false/);
    });
  }

  it("recognises the chart by its values when the chart reference is a URL; other charts are skipped", async () => {
    const url = platform({ "dynamo-operator": { controllerManager: { replicas: 1 } } }, "kubernetes:helm.sh/v3:Release", "https://example.invalid/charts/platform-1.0.0.tgz");
    assert.strictEqual((await runResource(leaderElectionPolicy, url)).length, 1);
    assert.deepStrictEqual(await runResource(leaderElectionPolicy, platform({ replicas: 1 }, "kubernetes:helm.sh/v3:Release", "ingress-nginx")), []);
  });

  it("unknown values are not judged", async () => {
    assert.deepStrictEqual(await runResource(leaderElectionPolicy, { type: "kubernetes:helm.sh/v3:Release", name: "p", props: { chart: "dynamo-platform", values: UNKNOWN_WIRE } }), []);
    assert.deepStrictEqual(await runResource(leaderElectionPolicy, platform({ "dynamo-operator": { controllerManager: { replicas: UNKNOWN_WIRE } } })), []);
  });
});

describe("policy quorum-stores", () => {
  it("passes when neither etcd nor NATS is installed", async () => {
    assert.deepStrictEqual(await runResource(quorumStores, platform({ global: { etcd: { install: false }, nats: { install: false } }, nats: { config: { cluster: { enabled: false } } } })), []);
  });

  it("NATS installed without clustering is one pod: reported whether cluster.enabled is false or left to the chart default", async () => {
    for (const nats of [{ config: { cluster: { enabled: false } } }, {}]) {
      const v = await runResource(quorumStores, platform({ global: { nats: { install: true } }, nats }));
      assert.strictEqual(v.length, 1, JSON.stringify(v));
      assert.match(v[0], /nats\.config\.cluster\.enabled is not; a single NATS pod/);
    }
    assert.deepStrictEqual(await runResource(quorumStores, platform({ global: { nats: { install: true } }, nats: { config: { cluster: { enabled: UNKNOWN_WIRE } } } })), []);
  });

  it("etcd: flags 1 and 2 replicas, passes 3 with persistence and a PDB", async () => {
    const etcd = (replicaCount: number, pdb = true, persistence = true) => platform({ global: { etcd: { install: true } }, etcd: { replicaCount, pdb: { create: pdb }, persistence: { enabled: persistence } } });
    assert.match((await runResource(quorumStores, etcd(1)))[0], /replicaCount is 1/);
    assert.match((await runResource(quorumStores, etcd(2)))[0], /replicaCount is 2/);
    assert.deepStrictEqual(await runResource(quorumStores, etcd(3)), []);
    assert.match((await runResource(quorumStores, etcd(3, false)))[0], /pdb.create/);
    assert.match((await runResource(quorumStores, etcd(3, true, false)))[0], /persistence/);
  });

  it("clustered NATS: odd >= 3 replicas, JetStream volumes, PDB", async () => {
    const nats = (cluster: Record<string, unknown>, extra: Record<string, unknown> = {}) => platform({ global: { nats: { install: true } }, nats: { config: { cluster: { enabled: true, ...cluster }, jetstream: { enabled: true, fileStore: { pvc: { enabled: true } } } }, ...extra } });
    assert.deepStrictEqual(await runResource(quorumStores, nats({})), []);
    assert.match((await runResource(quorumStores, nats({ replicas: 4 })))[0], /replicas is 4/);
    assert.match((await runResource(quorumStores, nats({ replicas: 3 }, { podDisruptionBudget: { enabled: false } })))[0], /podDisruptionBudget/);
  });
});
