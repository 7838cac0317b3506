import * as assert from "assert";
import { pdbAllowsDrain, pdbAllowsZoneDrain } from "../../policy/policies";
import { allowedDisruptions, budgetOf } from "../../policy/lib/budget";
import { deployment, dgdBeta, dgdLabels, pdb } from "./fixtures";
import { runStack, UNKNOWN_WIRE, urnOf } from "./helpers";

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

  it("one violation per blocked workload, on the workload, naming the PDBs that block it", async () => {
    const rs = [deployment("web", 2), deployment("api", 2, {}, { app: "api" }), pdb("a", sel, { minAvailable: 2 }), pdb("b", {}, { maxUnavailable: 0 }), pdb("c", sel, { minAvailable: "100%" })];
    const v = await runStack(pdbAllowsDrain, rs);
    assert.strictEqual(v.length, 2, v.map((x) => x.message).join("\n"));
    assert.strictEqual(v[0].urn, urnOf("kubernetes:apps/v1:Deployment", "web"));
    assert.match(v[0].message, /^PodDisruptionBudget a, PodDisruptionBudget b and PodDisruptionBudget c let no pod of Deployment web \(2 replicas\)/);
    assert.strictEqual(v[1].urn, urnOf("kubernetes:apps/v1:Deployment", "api"));
    assert.match(v[1].message, /^PodDisruptionBudget b lets no pod of Deployment api/);
  });

  it("stays one violation per workload however many PDBs block it: the list is cut", async () => {
    const pdbs = Array.from({ length: 50 }, (_, i) => pdb(`p${i}`, i % 2 ? {} : sel, { maxUnavailable: 0 }));
    const workloads = Array.from({ length: 20 }, (_, i) => deployment(`w${i}`, 3, {}, { app: "web" }));
    const v = await runStack(pdbAllowsDrain, [...workloads, ...pdbs]);
    assert.strictEqual(v.length, 20);
    for (const x of v) assert.match(x.message, /^PodDisruptionBudget p0, PodDisruptionBudget p1, PodDisruptionBudget p2 and 47 more let no pod/);
  });

  it("a PDB in another namespace, or whose selector misses, is not listed", async () => {
    const rs = [deployment("web", 2), pdb("elsewhere", sel, { maxUnavailable: 0 }, "other"), pdb("miss", { matchLabels: { app: "api" } }, { minAvailable: 2 })];
    const v = await runStack(pdbAllowsDrain, rs);
    // The always-blocking one is still reported, on itself; the one that blocks nothing is not.
    assert.deepStrictEqual(v.map((x) => x.urn), [urnOf("kubernetes:policy/v1:PodDisruptionBudget", "elsewhere")]);
  });

  it("hostile budgets and replica counts neither throw nor block", async () => {
    for (const b of [{ maxUnavailable: "99999999999999999999%" }, { minAvailable: -1 }, { minAvailable: { n: 1 } }, { maxUnavailable: "1e3" }, { minAvailable: 1.5 }, { maxUnavailable: null }]) {
      assert.deepStrictEqual(await runStack(pdbAllowsDrain, [deployment("web", 3), pdb("p", sel, b)]), [], JSON.stringify(b));
    }
    for (const replicas of [0, -2, "abc", 1e308]) {
      assert.deepStrictEqual(await runStack(pdbAllowsDrain, [deployment("web", replicas as number), pdb("p", sel, { minAvailable: 1 })]), [], String(replicas));
    }
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
    assert.strictEqual(v[0].urn, urnOf("kubernetes:apps/v1:Deployment", "web"));
    const two = await runStack(pdbAllowsZoneDrain, [deployment("web", 6), pdb("p", sel, { maxUnavailable: 1 }), pdb("q", {}, { minAvailable: 5 })], { zones: 3 });
    assert.strictEqual(two.length, 1);
    assert.match(two[0].message, /^PodDisruptionBudget p and PodDisruptionBudget q allow as few as 1 eviction/);
  });

  it("passes when the budget covers a zone's share", async () => {
    assert.deepStrictEqual(await runStack(pdbAllowsZoneDrain, [deployment("web", 3), pdb("p", sel, { maxUnavailable: 1 })], { zones: 3 }), []);
    assert.deepStrictEqual(await runStack(pdbAllowsZoneDrain, [deployment("web", 6), pdb("p", sel, { maxUnavailable: "34%" })], { zones: 3 }), []);
  });
});
