import * as assert from "assert";
import { coverage, selects, spreadOf } from "../../tools/report/coverage";
import { dgdAlpha, dgdBeta, deployment, hostSpread, k8s, pdb, zoneSpread } from "./fixtures";

describe("report: PDB and zone-spread coverage", () => {
  it("a PDB covers a Deployment only when its selector matches the pod template labels in the same namespace", () => {
    const recs = [
      deployment("api", 3, { app: "api", tier: "web" }, { topologySpreadConstraints: zoneSpread }),
      deployment("miss", 2, { app: "miss" }),
      deployment("other-ns", 2, { app: "api", tier: "web" }, {}, "elsewhere"),
      pdb("api-pdb", { matchLabels: { app: "api" } }),
      pdb("wrong", { matchLabels: { app: "mis" } }),
    ];
    const c = coverage(recs);
    assert.deepStrictEqual(c.map((x) => [x.workload.name, x.workload.namespace, x.pdbs, x.workload.spread, x.replicated]), [
      ["api", "dynamo", ["api-pdb"], "zone", true],
      ["miss", "dynamo", [], "none", true],
      ["other-ns", "elsewhere", [], "none", true],
    ]);
  });

  it("DGD components get the operator's pod labels (v1beta1 components and v1alpha1 services)", () => {
    const recs = [
      dgdBeta("llm"),
      dgdAlpha("old"),
      pdb("llm-frontend", { matchLabels: { "nvidia.com/dynamo-graph-deployment-name": "llm", "nvidia.com/dynamo-component": "Frontend" } }),
      pdb("llm-decode", { matchExpressions: [{ key: "nvidia.com/dynamo-component", operator: "In", values: ["VllmDecodeWorker"] }, { key: "nvidia.com/dynamo-graph-deployment-name", operator: "In", values: ["llm"] }] }),
    ];
    const c = coverage(recs);
    assert.deepStrictEqual(c.map((x) => [x.workload.kind, x.workload.name, x.workload.replicas, x.pdbs, x.workload.spread]), [
      ["DynamoGraphDeployment/Frontend", "llm", 2, ["llm-frontend"], "zone"],
      ["DynamoGraphDeployment/VllmDecodeWorker", "llm", 3, ["llm-decode"], "host-only"],
      ["DynamoGraphDeployment/Frontend", "old", 2, [], "zone"],
      ["DynamoGraphDeployment/Planner", "old", 1, [], "none"],
    ]);
    assert.strictEqual(c[0].workload.podLabels.tier, "edge");
    assert.strictEqual(c[3].replicated, false);
  });

  it("unknown replicas (a preview's <computed>) are neither counted as replicated nor guessed", () => {
    const [c] = coverage([deployment("d", "<computed>", { app: "d" })]);
    assert.strictEqual(c.workload.replicas, undefined);
    assert.strictEqual(c.replicated, false);
  });

  it("label-selector operators follow Kubernetes semantics", () => {
    const s = (matchExpressions: { key: string; operator: string; values: string[] }[], matchLabels = {}) => ({ matchLabels, matchExpressions });
    const labels = { app: "a", env: "prod" };
    assert.ok(selects(s([]), labels), "empty selector selects all");
    assert.ok(selects(s([{ key: "env", operator: "NotIn", values: ["dev"] }]), labels));
    assert.ok(!selects(s([{ key: "env", operator: "NotIn", values: ["prod"] }]), labels));
    assert.ok(selects(s([{ key: "zone", operator: "DoesNotExist", values: [] }]), labels));
    assert.ok(!selects(s([{ key: "zone", operator: "Exists", values: [] }]), labels));
    assert.ok(!selects(s([{ key: "app", operator: "In", values: ["b"] }]), labels));
    assert.ok(!selects(s([], { app: "a", extra: "x" }), labels));
  });

  it("spread: zone key in a constraint or required anti-affinity; host-only is reported as such", () => {
    assert.strictEqual(spreadOf({ topologySpreadConstraints: hostSpread }), "host-only");
    assert.strictEqual(spreadOf({ topologySpreadConstraints: [...hostSpread, ...zoneSpread] }), "zone");
    assert.strictEqual(spreadOf({ affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: "topology.kubernetes.io/zone" } }] } } }), "none");
    assert.strictEqual(spreadOf(undefined), "none");
  });

  it("ignores non-workload records", () => {
    assert.deepStrictEqual(coverage([k8s("kubernetes:core/v1:Service", "s", { apiVersion: "v1", kind: "Service", metadata: { name: "s" } })]), []);
  });
});
