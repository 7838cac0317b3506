import * as assert from "assert";
import * as fc from "fast-check";
import { DGD_COMPONENT_LABEL, DGD_NAME_LABEL } from "../../components/core/labels";
import { VERSIONS } from "../../components/core/versions";
import { graphObject, GraphPlacement, GraphStorage, readinessAnnotations } from "../../components/k8s/graph-spec";
import { DEFAULT_GRACE_SECONDS, GraphSettings, resolveGraph } from "../../components/k8s/graph-settings";
import { componentPdb, dnsName } from "../../components/k8s/pdb";
import { GPU_LABEL, config, validateObject, validatePodTemplate } from "./fixtures";

const placement: GraphPlacement = {
  gpuTolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }],
  gpuNodeLabel: GPU_LABEL,
};
const storage: GraphStorage = {
  env: { DYN_CHECKPOINT_STORAGE_TYPE: "s3", DYN_CHECKPOINT_LOCATION: "s3://bucket/ckpt" },
  podLabels: { "azure.workload.identity/use": "true" },
  serviceAccountName: "dynamo-serving",
  pvcName: "model-cache",
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const components = (o: Record<string, unknown>): Any[] => (o.spec as Any).components;
const main = (c: Any): Any => c.podTemplate.spec.containers.find((x: Any) => x.name === "main");
const env = (c: Any): Record<string, string> => Object.fromEntries(main(c).env.map((e: Any) => [e.name, e.value]));

describe("DynamoGraphDeployment spec (pure)", () => {
  const s = resolveGraph(config({}));
  const dgd = graphObject(s, placement, storage, { team: "ml" });

  it("resolves defaults once: pinned image, cloud grace period, upstream component names", () => {
    assert.strictEqual(s.image, VERSIONS.runtimeImages.vllm);
    assert.strictEqual(s.terminationGracePeriodSeconds, DEFAULT_GRACE_SECONDS.aws);
    assert.strictEqual(resolveGraph(config({ graph: { terminationGracePeriodSeconds: 90 } })).terminationGracePeriodSeconds, 90);
    assert.deepStrictEqual(
      s.components.map((c) => [c.name, c.type, c.replicas]),
      [["Frontend", "frontend", 2], ["VllmDecodeWorker", "decode", 2], ["VllmPrefillWorker", "prefill", 2]],
    );
    const agg = resolveGraph(config({ graph: { mode: "aggregated", backend: "sglang", workerReplicas: 3 } }));
    assert.deepStrictEqual(agg.components.map((c) => [c.name, c.type, c.replicas]), [["Frontend", "frontend", 2], ["SglangWorker", "worker", 3]]);
  });

  it("is a nvidia.com/v1beta1 DGD awaited on Ready=True and state successful", () => {
    assert.strictEqual(dgd.apiVersion, "nvidia.com/v1beta1");
    assert.strictEqual(dgd.kind, "DynamoGraphDeployment");
    const meta = dgd.metadata as Any;
    assert.deepStrictEqual(meta, { name: "llm", namespace: "dynamo", labels: { team: "ml" }, annotations: readinessAnnotations(1800) });
    assert.deepStrictEqual(JSON.parse(meta.annotations["pulumi.com/waitFor"]).sort(), ["condition=Ready", "jsonpath={.status.state}=successful"]);
    assert.strictEqual((dgd.spec as Any).backendFramework, "vllm");
  });

  it("gives GPU workers tolerations, GPU node affinity, GPUs, zone + host spread and safe probes", () => {
    for (const c of components(dgd).filter((x) => x.type !== "frontend")) {
      const spec = c.podTemplate.spec;
      assert.deepStrictEqual(spec.tolerations, placement.gpuTolerations);
      const expr = spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions;
      assert.deepStrictEqual(expr, [{ key: GPU_LABEL.key, operator: "In", values: [GPU_LABEL.value] }]);
      assert.strictEqual(main(c).resources.limits["nvidia.com/gpu"], "1");
      const keys = spec.topologySpreadConstraints.map((t: Any) => `${t.topologyKey}/${t.whenUnsatisfiable}`);
      assert.deepStrictEqual(keys, ["topology.kubernetes.io/zone/DoNotSchedule", "kubernetes.io/hostname/DoNotSchedule"]);
      for (const t of spec.topologySpreadConstraints) assert.deepStrictEqual(t.labelSelector.matchLabels, { [DGD_NAME_LABEL]: "llm", [DGD_COMPONENT_LABEL]: c.name });
      const m = main(c);
      assert.ok(m.livenessProbe.failureThreshold > 1, "one failed liveness check must not restart a loaded GPU worker");
      assert.notDeepStrictEqual(m.livenessProbe, m.readinessProbe);
      assert.strictEqual(m.readinessProbe.httpGet.path, "/health");
      assert.ok(m.startupProbe.periodSeconds * m.startupProbe.failureThreshold >= s.startupTimeoutSeconds);
      assert.strictEqual(spec.terminationGracePeriodSeconds, s.terminationGracePeriodSeconds);
      assert.ok(m.ports.some((p: Any) => p.name === "system"), "probes target a declared port");
      assert.strictEqual(env(c).DYN_MIGRATION_LIMIT, undefined);
      assert.ok(m.args.includes("--disaggregation-mode") && m.args.includes(c.type));
    }
  });

  it("spreads every component hard over zones, honouring taints so a failed zone's nodes stop counting", () => {
    for (const c of components(dgd)) {
      const zone = c.podTemplate.spec.topologySpreadConstraints.filter((t: Any) => t.topologyKey === "topology.kubernetes.io/zone");
      assert.strictEqual(zone.length, 1, c.name);
      assert.strictEqual(zone[0].whenUnsatisfiable, "DoNotSchedule", c.name);
      assert.strictEqual(zone[0].nodeTaintsPolicy, "Honor", c.name);
      assert.strictEqual(zone[0].maxSkew, 1, c.name);
    }
    // Host spread keeps its own nodeTaintsPolicy default: only the zone constraint needs the taint rule.
    const host = components(dgd).flatMap((c) => c.podTemplate.spec.topologySpreadConstraints.filter((t: Any) => t.topologyKey === "kubernetes.io/hostname"));
    assert.strictEqual(host.length, components(dgd).length);
    for (const t of host) assert.strictEqual(t.nodeTaintsPolicy, undefined);
  });

  it("turns migration on at the frontend and keeps it off GPU nodes", () => {
    const f = components(dgd).find((x) => x.type === "frontend");
    assert.strictEqual(env(f).DYN_MIGRATION_LIMIT, "3");
    assert.strictEqual(f.podTemplate.spec.tolerations, undefined);
    assert.strictEqual(f.podTemplate.spec.affinity, undefined);
    assert.strictEqual(main(f).readinessProbe.httpGet.path, "/health");
    assert.strictEqual(main(f).livenessProbe.httpGet.path, "/live");
    assert.ok(main(f).livenessProbe.failureThreshold > 1);
  });

  it("keeps every shutdown timeout inside the grace period", () => {
    for (const c of components(dgd)) {
      const grace = c.podTemplate.spec.terminationGracePeriodSeconds;
      for (const [k, v] of Object.entries(env(c))) if (/SHUTDOWN_TIMEOUT/.test(k)) assert.ok(Number(v) < grace, `${c.name} ${k}=${v} < ${grace}`);
      const e = env(c);
      if (c.type !== "frontend") {
        // The in-flight drain leaves a cleanup allowance inside the worker's whole shutdown budget.
        const total = Number(e.DYN_WORKER_GRACEFUL_SHUTDOWN_TIMEOUT);
        const inflight = Number(e.DYN_RUNTIME_GRACEFUL_SHUTDOWN_TIMEOUT_SECS);
        assert.ok(inflight >= 1 && inflight < total && total < grace, `${c.name} inflight ${inflight} < total ${total} < grace ${grace}`);
        assert.strictEqual(e.DYN_WORKER_SHUTDOWN_INFLIGHT_TIMEOUT_SECS, undefined, "the runtime reads no such variable");
      }
    }
  });

  it("carries the storage env, pod labels, service account and volume into every component", () => {
    for (const c of components(dgd)) {
      assert.strictEqual(env(c).DYN_CHECKPOINT_LOCATION, "s3://bucket/ckpt");
      assert.strictEqual(c.podTemplate.metadata.labels["azure.workload.identity/use"], "true");
      assert.strictEqual(c.podTemplate.spec.serviceAccountName, "dynamo-serving");
      assert.strictEqual(c.podTemplate.spec.volumes[0].persistentVolumeClaim.claimName, "model-cache");
      assert.strictEqual(main(c).volumeMounts[0].mountPath, "/checkpoints");
    }
  });

  it("every component podTemplate validates as a PodTemplateSpec, for any backend, mode and size", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("vllm", "sglang", "trtllm"),
        fc.constantFrom("aggregated", "disaggregated"),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 10, max: 119 }),
        fc.boolean(),
        async (backend, mode, gpus, grace, withStorage) => {
          // 8-GPU nodes from the built-in catalogue, so gpusPerWorker up to 8 fits one node.
          const eight = { instanceTypes: ["p5e.48xlarge", "p5en.48xlarge"], fallbackInstanceTypes: ["p5e.48xlarge"] };
          const settings: GraphSettings = resolveGraph(config({ gpuPool: eight, graph: { backend, mode, gpusPerWorker: gpus, terminationGracePeriodSeconds: grace } }));
          const obj = graphObject(settings, placement, withStorage ? storage : { env: {}, podLabels: {} });
          for (const c of components(obj)) {
            await validatePodTemplate(c.podTemplate);
            if (c.type !== "frontend") assert.strictEqual(main(c).resources.limits["nvidia.com/gpu"], String(gpus));
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it("builds one valid PDB per component selecting the operator's pod labels", async () => {
    for (const c of s.components) {
      const pdb = componentPdb(s.name, s.namespace, c.name);
      assert.strictEqual(pdb.spec.maxUnavailable, 1);
      assert.deepStrictEqual(pdb.spec.selector.matchLabels, { [DGD_NAME_LABEL]: "llm", [DGD_COMPONENT_LABEL]: c.name });
      await validateObject(pdb as unknown as Record<string, unknown>);
    }
    assert.strictEqual(dnsName("llm", "VllmDecodeWorker"), "llm-vllm-decode-worker");
  });
});
