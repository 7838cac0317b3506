import * as assert from "assert";
import { pdbAllowsDrain, pdbAllowsZoneDrain } from "../../policy/policies";
import { allowedDisruptions, budgetOf } from "../../policy/lib/budget";
import { deployment, dgdBeta, dgdLabels, pdb } from "./fixtures";
import { runStack, UNKNOWN_WIRE } from "./helpers";

const sel = { matchLabels: { app: "web" } };

describe("policy pdb-allows-drain", () => {
  it("flags maxUnavailable 0 and 0% and minAvailable 100% even without a workload", async () => {
    for (const b of [{ maxUnavailable: 0 }, { maxUnavailable: "0%" }, { minAvailable: "100%" }]) {
      const v = await runStack(pdbAllowsDrain, [pdb("p", sel, b)]);
      assert.strictEqual(v.length, 1, JSON.stringify(b));
      assert.match(v[0].message, /allows no eviction/);
    }
  });

  it("flags an integer minAvailable equal to or above the replicas it selects", async () => {
    for (const [replicas, min] of [[2, 2], [3, 3], [3, 4], [1, 1]]) {
      assert.strictEqual((await runStack(pdbAllowsDrain, [deployment("web", replicas), pdb("p", sel, { minAvailable: min })])).length, 1, `${replicas}/${min}`);
    }
  });

  it("passes budgets that allow at least one eviction (count and percent)", async () => {
    for (const [replicas, b] of [[2, { minAvailable: 1 }], [3, { minAvailable: 2 }], [3, { maxUnavailable: 1 }], [3, { minAvailable: "50%" }], [2, { maxUnavailable: "10%" }]] as const) {
      assert.deepStrictEqual(await runStack(pdbAllowsDrain, [deployment("web", replicas), pdb("p", sel, b)]), [], JSON.stringify(b));
    }
  });

  it("flags a percentage that rounds up to every pod (minAvailable 60% of 2)", async () => {
    assert.strictEqual((await runStack(pdbAllowsDrain, [deployment("web", 2), pdb("p", sel, { minAvailable: "60%" })])).length, 1);
  });

  it("judges DGD components through the operator labels", async () => {
    const graph = dgdBeta("llm", [{ name: "decode", replicas: 2 }]);
    assert.strictEqual((await runStack(pdbAllowsDrain, [graph, pdb("p", { matchLabels: dgdLabels("llm", "decode") }, { minAvailable: 2 })])).length, 1);
  });

  it("does not judge unknown budgets", async () => {
    assert.deepStrictEqual(await runStack(pdbAllowsDrain, [deployment("web", 2), pdb("p", sel, { minAvailable: UNKNOWN_WIRE })]), []);
  });

  it("budget arithmetic rounds percentages up like the disruption controller", () => {
    assert.strictEqual(allowedDisruptions(budgetOf({ maxUnavailable: "25%" }), 3), 1);
    assert.strictEqual(allowedDisruptions(budgetOf({ minAvailable: "50%" }), 3), 1);
    assert.strictEqual(allowedDisruptions(budgetOf({ minAvailable: 1 }), 3), 2);
  });
});

describe("policy pdb-allows-zone-drain", () => {
  it("flags a budget below one zone's share of the replicas", async () => {
    const v = await runStack(pdbAllowsZoneDrain, [deployment("web", 6), pdb("p", sel, { maxUnavailable: 1 })], { zones: 3 });
    assert.strictEqual(v.length, 1);
    assert.match(v[0].message, /up to 2 of the 6 replicas/);
  });

  it("passes when the budget covers a zone's share", async () => {
    assert.deepStrictEqual(await runStack(pdbAllowsZoneDrain, [deployment("web", 3), pdb("p", sel, { maxUnavailable: 1 })], { zones: 3 }), []);
    assert.deepStrictEqual(await runStack(pdbAllowsZoneDrain, [deployment("web", 6), pdb("p", sel, { maxUnavailable: "34%" })], { zones: 3 }), []);
  });
});
