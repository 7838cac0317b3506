// The Kubernetes-layer components used alone, the way a program in any language composes them: typed
// args with the config schema's defaults and checks, providers and dependencies through opts.
import * as assert from "assert";
import { Provider as KubernetesProvider } from "@pulumi/kubernetes/provider";
import * as pulumi from "@pulumi/pulumi";
import { DynamoPlatform, HaGraph } from "../../components";
import { VERSIONS } from "../../components/core/versions";
import { childDependsOn } from "../../components/core/child-depends-on";
import { resolveHaGraphArgs } from "../../components/k8s/dynamo-graph";
import { resolvePlatformArgs } from "../../components/k8s/dynamo-platform";
import { DEFAULT_GRACE_SECONDS, resolveGraph } from "../../components/k8s/graph-settings";
import { GraphPlacement } from "../../components/k8s/graph-spec";
import { capture, Capture } from "../../tools/plan/capture";
import { config, FakeNodePool } from "../k8s/fixtures";

const PLACEMENT: GraphPlacement = { gpuTolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }], gpuNodeLabel: { key: "pool", value: "gpu" } };

function run(program: () => void): Promise<Capture> {
  return capture(
    () => {
      program();
      return {};
    },
    { project: "dynamo-ha", stack: "t", config: {}, preview: false },
  );
}

describe("Kubernetes-layer components used alone", function () {
  this.timeout(60000);

  describe("HaGraph args", () => {
    it("defaults to the graph config section's defaults (Azure's grace period, safe on both clouds)", () => {
      const c = config({ cloud: "azure", region: "eastus2", zones: ["1", "2", "3"], gpuPool: { instanceTypes: ["Standard_NC24ads_A100_v4"] }, cluster: { adminPrincipals: ["8d0f3b5e-1c2a-4e7b-9f60-3a4b5c6d7e8f"] } });
      assert.deepStrictEqual(resolveHaGraphArgs({ placement: PLACEMENT }), resolveGraph(c));
      assert.strictEqual(resolveHaGraphArgs({ placement: PLACEMENT }).terminationGracePeriodSeconds, DEFAULT_GRACE_SECONDS.azure);
    });

    it("gives back exactly the settings a stack resolved (the stack program's mapping)", () => {
      for (const graph of [{}, { backend: "sglang", mode: "aggregated", workerReplicas: 3, image: "nvcr.io/x/y:1.2" }, { backend: "trtllm", startupTimeoutSeconds: 600, migrationLimit: 5 }]) {
        const s = resolveGraph(config({ graph }));
        assert.deepStrictEqual(resolveHaGraphArgs({ ...s, components: [...s.components], placement: PLACEMENT }), s);
      }
    });

    it("refuses values the config schema refuses, naming the arg, and a graph without exactly one frontend", () => {
      assert.throws(() => resolveHaGraphArgs({ placement: PLACEMENT, backend: "tgi" as never }), /^ConfigError: HaGraph\.backend/);
      assert.throws(() => resolveHaGraphArgs({ placement: PLACEMENT, image: "nvcr.io/x/y:latest" }), /^ConfigError: HaGraph\.image: must name an explicit tag/);
      assert.throws(() => resolveHaGraphArgs({ placement: PLACEMENT, components: [{ name: "W", type: "worker", replicas: 2 }] }), /HaGraph\.components: 0 frontends/);
    });
  });

  describe("DynamoPlatform args", () => {
    it("defaults to the platform config section's defaults and passes the cluster's values through", () => {
      const r = resolvePlatformArgs({ systemNodeLabels: { pool: "system" }, blockStorageClass: "gp3" });
      const p = config().platform;
      assert.deepStrictEqual(r.values, {
        operatorReplicas: p.operatorReplicas,
        etcd: p.etcd,
        nats: p.nats,
        grove: p.grove,
        kaiScheduler: p.kaiScheduler,
        systemNodeLabels: { pool: "system" },
        blockStorageClass: "gp3",
        ownMonitors: undefined,
        checkpoint: undefined,
      });
      assert.deepStrictEqual([r.protectCrds, r.helmTimeoutSeconds], [p.protectCrds, p.helmTimeoutSeconds]);
      assert.deepStrictEqual(r.values.etcd, { enabled: false, replicas: 3, storageSize: "10Gi" });
    });

    it("fills a store's missing fields and refuses what the schema refuses, naming the arg", () => {
      assert.deepStrictEqual(resolvePlatformArgs({ systemNodeLabels: {}, blockStorageClass: "x", etcd: { enabled: true } }).values.etcd, { enabled: true, replicas: 3, storageSize: "10Gi" });
      assert.throws(() => resolvePlatformArgs({ systemNodeLabels: {}, blockStorageClass: "x", operatorReplicas: 0 }), /^ConfigError: DynamoPlatform\.operatorReplicas/);
    });
  });

  describe("childDependsOn", () => {
    it("puts the component's own dependencies first, in every form dependsOn takes", () => {
      const a = new pulumi.DependencyResource("urn:a");
      const b = new pulumi.DependencyResource("urn:b");
      assert.deepStrictEqual(childDependsOn(undefined, b), [b]);
      assert.deepStrictEqual(childDependsOn({ dependsOn: a }, b), [a, b]);
      assert.deepStrictEqual(childDependsOn({ dependsOn: [a] }, b), [a, b]);
      const out = pulumi.output([a]);
      assert.deepStrictEqual(childDependsOn({ dependsOn: out }), [out]);
    });
  });

  describe("under the mocks", () => {
    let cap: Capture;
    before(async () => {
      cap = await run(() => {
        const provider = new KubernetesProvider("cluster", { kubeconfig: "{}" });
        const pool = new FakeNodePool("pool");
        const platform = new DynamoPlatform("platform", { systemNodeLabels: { pool: "system" }, blockStorageClass: "gp3" }, { provider, dependsOn: [pool] });
        new HaGraph("graph", { placement: PLACEMENT }, { provider, dependsOn: [...platform.crds, platform.release] });
      });
    });
    const one = (type: string, name: string) => cap.resources.find((r) => r.type === type && r.name === name)!;

    it("a component's opts.dependsOn reaches the children that must wait", () => {
      const pool = one("test:index:NodePool", "pool");
      assert.ok(pool, cap.resources.map((r) => r.type).join(", "));
      const nsAndCrds = cap.resources.filter((r) => r.name === "platform-ns" || r.type === "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition");
      assert.ok(nsAndCrds.length >= 2);
      for (const r of nsAndCrds) assert.ok(r.dependsOn.includes(pool.urn), `${r.name} waits for the node pool`);
      const release = one("kubernetes:helm.sh/v3:Release", "platform-chart");
      const graphChildren = cap.resources.filter((r) => r.name.startsWith("graph-"));
      assert.strictEqual(graphChildren.length, 4, "the DGD and 3 PDBs");
      for (const r of graphChildren) assert.ok(r.dependsOn.includes(release.urn), `${r.name} waits for the platform release`);
    });

    it("uses the provider given in opts for every Kubernetes object, and creates none", () => {
      const providers = cap.resources.filter((r) => r.type === "pulumi:providers:kubernetes");
      assert.deepStrictEqual(providers.map((p) => p.name), ["cluster"]);
      for (const r of cap.resources.filter((x) => x.type.startsWith("kubernetes:"))) assert.match(r.provider, /::cluster::/, r.name);
    });

    it("builds the default graph: disaggregated vLLM on the pinned image, two replicas of each component", () => {
      const dgd = one("kubernetes:nvidia.com/v1beta1:DynamoGraphDeployment", "graph-dgd").inputs as { metadata: { name: string; namespace: string }; spec: { backendFramework: string; components: { name: string; replicas: number; podTemplate: { spec: { containers: { image: string }[] } } }[] } };
      assert.deepStrictEqual([dgd.metadata.name, dgd.metadata.namespace, dgd.spec.backendFramework], ["llm", "dynamo", "vllm"]);
      assert.deepStrictEqual(dgd.spec.components.map((c) => [c.name, c.replicas]), [["Frontend", 2], ["VllmDecodeWorker", 2], ["VllmPrefillWorker", 2]]);
      for (const c of dgd.spec.components) assert.strictEqual(c.podTemplate.spec.containers[0].image, VERSIONS.runtimeImages.vllm);
    });
  });
});
