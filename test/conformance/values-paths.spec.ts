import * as assert from "assert";
import { VERSIONS } from "../../components/core/versions";
import { devicePluginValues, GpuSoftwareInput, gpuOperatorValues } from "../../components/k8s/gpu-software";
import { prometheusStackValues } from "../../components/k8s/observability/prometheus-stack";
import { platformValues } from "../../components/k8s/platform-values";
import { chartName, describeUnknown, loadChartFacts, unknownPaths, valuesPaths } from "../../tools/conformance/values-paths";
import { bundledStacks } from "../../tools/plan/stack-file";
import { settingsVariants } from "../observability/fixtures";
import { SYSTEM_LABELS } from "../k8s/fixtures";
import { plannedStack } from "../support/plans";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const facts = loadChartFacts();

function check(chart: string, values: unknown): string[] {
  const f = facts.get(chart);
  if (!f) return [`chart ${chart}: no facts file tools/conformance/charts/${chart}.json`];
  return describeUnknown(chart, unknownPaths(values, f));
}

describe("values paths the project sets are read by the pinned charts", function () {
  this.timeout(300000);
  const releases: { stack: string; name: string; chart: string; version: unknown; values: unknown }[] = [];
  before(async () => {
    for (const stack of bundledStacks()) {
      const p = await plannedStack(stack);
      for (const r of p.resources.filter((x) => x.type === RELEASE)) {
        releases.push({ stack, name: r.name, chart: chartName(String(r.inputs.chart)), version: r.inputs.version, values: r.inputs.values });
      }
    }
  });

  it("every bundled stack's Helm releases set only paths in the facts", () => {
    assert.ok(releases.length > 0, "the bundled stacks install charts");
    const problems = releases.flatMap((r) => check(r.chart, r.values).map((line) => `${r.stack} ${r.name}: ${line}`));
    assert.deepStrictEqual(problems, []);
  });

  it("the facts describe the chart versions the program pins", () => {
    const pinned: Record<string, string> = {
      "dynamo-platform": VERSIONS.dynamoPlatform.version,
      "gpu-operator": VERSIONS.gpuOperator.version,
      "nvidia-device-plugin": VERSIONS.devicePlugin.version,
      "cluster-autoscaler": VERSIONS.clusterAutoscaler.version,
      "kube-prometheus-stack": VERSIONS.kubePrometheusStack.version,
    };
    for (const [chart, version] of Object.entries(pinned)) assert.strictEqual(facts.get(chart)?.version, version, chart);
    for (const r of releases.filter((x) => x.version !== undefined)) assert.strictEqual(r.version, pinned[r.chart], `${r.stack} ${r.name}`);
  });

  // Bundled stacks leave etcd, NATS, Grove, KAI, the device plugin and kube-prometheus-stack off: their values come from the builders.
  it("every optional values block the builders can emit sets only paths in the facts", () => {
    const on = { enabled: true, replicas: 3, storageSize: "10Gi" };
    const platform = platformValues({
      operatorReplicas: 2, etcd: on, nats: on, grove: true, kaiScheduler: true, systemNodeLabels: SYSTEM_LABELS, blockStorageClass: "gp3",
      ownMonitors: true, checkpoint: { pvcName: "chrek-pvc", basePath: "/checkpoints" },
    });
    const gpu: GpuSoftwareInput = {
      cloud: "aws", gpuSoftware: "device-plugin", driversPreinstalled: true, gpuTolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }], gpuNodeLabel: { key: "k", value: "v" }, systemNodeLabels: SYSTEM_LABELS,
    };
    const problems = [
      ...check("dynamo-platform", platform),
      ...check("gpu-operator", gpuOperatorValues({ ...gpu, gpuSoftware: "gpu-operator" })),
      ...check("nvidia-device-plugin", devicePluginValues(gpu)),
      ...check("kube-prometheus-stack", prometheusStackValues(settingsVariants()[0].s, SYSTEM_LABELS)),
    ];
    assert.deepStrictEqual(problems, []);
  });

  it("names the chart and the path of a setting no template reads (the keys this issue found)", () => {
    const platform = facts.get("dynamo-platform")!;
    for (const bad of [
      { "dynamo-operator": { controllerManager: { strategy: { type: "RollingUpdate" } } } },
      { grove: { affinity: { nodeAffinity: {} } } },
    ]) {
      const lines = describeUnknown("dynamo-platform", unknownPaths(bad, platform));
      assert.strictEqual(lines.length, 1);
      assert.match(lines[0], /^chart dynamo-platform: values path "(dynamo-operator\.controllerManager\.strategy\.type|grove\.affinity\.nodeAffinity)" is read by no template/);
    }
    // Below a map value any key counts (label names with dots included); beside it, none does.
    assert.deepStrictEqual(unknownPaths({ "dynamo-operator": { controllerManager: { podLabels: { "a.io/b": "x" }, podLabelz: { a: "x" } } } }, platform), ["dynamo-operator.controllerManager.podLabelz.a"]);
  });

  it("a fact recorded as read by no template does not make its path (or keys below it) known", () => {
    const fact = { repo: "r", path: "p", commit: "0".repeat(40), kind: "map" as const };
    const chart = { chart: "c", version: "1", paths: { "a.b": { ...fact, checked: "unread" as const }, "a.c": { ...fact, checked: "template" as const } } };
    assert.deepStrictEqual(unknownPaths({ a: { b: { x: 1 }, c: { y: 1 } } }, chart), ["a.b.x"]);
  });

  it("walks values into dotted leaf paths, lists and empty maps as leaves", () => {
    assert.deepStrictEqual(valuesPaths({ a: { b: 1, c: [1, 2], d: {} }, e: null }), ["a.b", "a.c", "a.d", "e"]);
    assert.strictEqual(chartName("https://helm.ngc.nvidia.com/nvidia/ai-dynamo/charts/dynamo-platform-1.5.1.tgz"), "dynamo-platform");
    assert.strictEqual(chartName("gpu-operator"), "gpu-operator");
  });

  it("every fact names an upstream file and a full commit", () => {
    for (const f of facts.values()) for (const [p, fact] of Object.entries(f.paths)) {
      assert.match(fact.commit, /^[0-9a-f]{40}$/, `${f.chart} ${p}`);
      assert.ok(fact.repo.includes("/") && fact.path.length > 0, `${f.chart} ${p}`);
    }
  });
});
