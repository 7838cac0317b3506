import * as assert from "assert";
import { pdbRequired } from "../../policy/policies";
import { dgdAlpha, dgdBeta, dgdLabels, deployment, pdb } from "./fixtures";
import { runStack, UNKNOWN_WIRE, urnOf } from "./helpers";

describe("policy pdb-required", () => {
  it("passes a 1-replica Deployment without a PDB", async () => {
    assert.deepStrictEqual(await runStack(pdbRequired, [deployment("web", 1)]), []);
  });

  for (const replicas of [2, 3]) {
    it(`flags a ${replicas}-replica Deployment without a PDB, on the Deployment's URN`, async () => {
      const v = await runStack(pdbRequired, [deployment("web", replicas)]);
      assert.strictEqual(v.length, 1);
      assert.strictEqual(v[0].urn, urnOf("kubernetes:apps/v1:Deployment", "web"));
      assert.match(v[0].message, new RegExp(`${replicas} replicas`));
    });
  }

  it("passes when a PDB selects the template labels (by count and by percent)", async () => {
    for (const budget of [{ maxUnavailable: 1 }, { minAvailable: "50%" }]) {
      assert.deepStrictEqual(await runStack(pdbRequired, [deployment("web", 3), pdb("web", { matchLabels: { app: "web" } }, budget)]), []);
    }
  });

  it("flags a PDB whose selector misses the pods, or sits in another namespace", async () => {
    assert.strictEqual((await runStack(pdbRequired, [deployment("web", 3), pdb("web", { matchLabels: { app: "api" } }, { maxUnavailable: 1 })])).length, 1);
    assert.strictEqual((await runStack(pdbRequired, [deployment("web", 3), pdb("web", { matchLabels: { app: "web" } }, { maxUnavailable: 1 }, "other")])).length, 1);
    assert.strictEqual((await runStack(pdbRequired, [deployment("web", 3), pdb("web", { matchExpressions: [{ key: "app", operator: "In", values: ["x"] }] }, { maxUnavailable: 1 })])).length, 1);
  });

  it("covers StatefulSets too", async () => {
    assert.strictEqual((await runStack(pdbRequired, [deployment("db", 3, {}, { app: "db" }, "StatefulSet")])).length, 1);
  });

  it("checks every v1beta1 DGD component against the operator's pod labels", async () => {
    const graph = dgdBeta("llm", [{ name: "frontend", replicas: 2 }, { name: "decode", replicas: 3 }, { name: "planner", replicas: 1 }]);
    const v = await runStack(pdbRequired, [graph, pdb("fe", { matchLabels: dgdLabels("llm", "frontend") }, { maxUnavailable: 1 })]);
    assert.strictEqual(v.length, 1);
    assert.match(v[0].message, /component decode has 3 replicas/);
  });

  it("checks v1alpha1 services the same way; a selector on another graph misses", async () => {
    const graph = dgdAlpha("llm", { Frontend: { replicas: 2 } });
    assert.deepStrictEqual(await runStack(pdbRequired, [graph, pdb("fe", { matchLabels: dgdLabels("llm", "Frontend") }, { maxUnavailable: 1 })]), []);
    assert.strictEqual((await runStack(pdbRequired, [graph, pdb("fe", { matchLabels: dgdLabels("other", "Frontend") }, { maxUnavailable: 1 })])).length, 1);
  });

  it("does not judge unknown replicas or an unknown selector (preview)", async () => {
    assert.deepStrictEqual(await runStack(pdbRequired, [deployment("web", UNKNOWN_WIRE)]), []);
    assert.deepStrictEqual(await runStack(pdbRequired, [deployment("web", 3), pdb("web", UNKNOWN_WIRE, { maxUnavailable: 1 })]), []);
  });

  it("honours minReplicas from the pack config", async () => {
    assert.deepStrictEqual(await runStack(pdbRequired, [deployment("web", 2)], { minReplicas: 3 }), []);
  });

  it("selector keys named like Object.prototype members are ordinary label keys", async () => {
    for (const key of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      const exists = pdb("p", { matchExpressions: [{ key, operator: "Exists" }] }, { maxUnavailable: 1 });
      assert.strictEqual((await runStack(pdbRequired, [deployment("web", 3), exists])).length, 1, `Exists ${key} selects pods without that label`);
      const matchLabels = pdb("p", { matchLabels: { [key]: "x" } }, { maxUnavailable: 1 });
      assert.strictEqual((await runStack(pdbRequired, [deployment("web", 3), matchLabels])).length, 1, `matchLabels ${key}`);
      const absent = pdb("p", { matchExpressions: [{ key, operator: "DoesNotExist" }] }, { maxUnavailable: 1 });
      assert.deepStrictEqual(await runStack(pdbRequired, [deployment("web", 3), absent]), [], `DoesNotExist ${key}`);
    }
    // A pod that does carry the label is selected.
    const withLabel = deployment("web", 3, {}, { app: "web", constructor: "yes" });
    assert.deepStrictEqual(await runStack(pdbRequired, [withLabel, pdb("p", { matchExpressions: [{ key: "constructor", operator: "Exists" }] }, { maxUnavailable: 1 })]), []);
  });

  it("hostile selectors and namespaces neither throw nor cover a workload they cannot select", async () => {
    for (const selector of [{ matchLabels: { app: { v: "web" } } }, { matchExpressions: [{ key: { k: 1 }, operator: "Exists" }] }, { matchExpressions: [{ key: "app", operator: "Exists", values: "web" }, null] }, "app=web", [{ matchLabels: { app: "web" } }], { matchLabels: ["app"] }, { matchLabels: "app=web" }, { matchExpressions: { key: "app", operator: "Exists" } }]) {
      assert.strictEqual((await runStack(pdbRequired, [deployment("web", 3), pdb("p", selector, { maxUnavailable: 1 })])).length, 1, JSON.stringify(selector));
    }
  });
});
