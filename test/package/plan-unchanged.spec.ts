// Every bundled stack plans the same resources as before the package refactor: same types, names,
// inputs and options. A resource whose URN moved (a new parent component) must be covered by a move
// in MOVES below, and the moved subtree's root must carry an alias to its old URN, so `pulumi up` on an
// existing stack replaces nothing. The capture records no aliases, so the aliases are read here from
// the register requests of the programs whose resources moved (see `registeredAliases`).
import * as assert from "assert";
import * as fs from "fs";
import { plannedStack } from "../support/plans";
import { bundledStacks } from "../../tools/plan/stack-file";
import { PlanRecord, planRecords } from "./plan-records";
import { PLANS_BEFORE } from "./record-plans";
import { MOVES, movedParent, movedUrn, NEW_COMPONENTS } from "./moves";
import { registeredAliases } from "./aliases";

const before = JSON.parse(fs.readFileSync(PLANS_BEFORE, "utf8")) as Record<string, PlanRecord[]>;

/** Rewrites every old URN inside a value (parents, provider refs, resource references in inputs). */
function translate(stack: string, v: unknown): unknown {
  if (typeof v === "string") return movedUrn(stack, v);
  if (Array.isArray(v)) return v.map((x) => translate(stack, x));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, translate(stack, x)]));
  return v;
}

describe("package refactor: every bundled stack plans as before", function () {
  this.timeout(60000);

  it("covers every bundled stack", () => {
    assert.deepStrictEqual(Object.keys(before).sort(), bundledStacks());
  });

  for (const stack of Object.keys(before).sort()) {
    it(`${stack}: same resources, types, names, inputs and options (URNs modulo documented moves)`, async () => {
      const now = planRecords(await plannedStack(stack));
      const byUrn = new Map(now.map((r) => [r.urn, r]));
      const seen = new Set<string>();
      for (const old of before[stack]) {
        const expected = { ...(translate(stack, old) as PlanRecord), parent: movedParent(stack, old.type, old.name, old.parent) };
        const got = byUrn.get(expected.urn);
        assert.ok(got, `${stack}: ${old.type} ${old.name} is gone (looked for ${expected.urn}${expected.urn === old.urn ? "" : `, moved from ${old.urn}`})`);
        seen.add(got.urn);
        assert.deepStrictEqual(got, expected, `${stack}: ${old.type} ${old.name} changed`);
      }
      const added = now.filter((r) => !seen.has(r.urn)).map((r) => r.type);
      assert.deepStrictEqual(added.sort(), (NEW_COMPONENTS[stack] ?? []).slice().sort(), `${stack}: resources not in the plan before`);
    });
  }

  it("every moved subtree's root carries an alias to its old URN", async () => {
    for (const move of MOVES) {
      const aliases = await registeredAliases(move.sample);
      for (const root of move.roots) {
        const a = aliases.find((x) => x.type === root.type && x.name === root.name);
        assert.ok(a, `${move.sample}: ${root.type} ${root.name} not registered`);
        const old = `urn:pulumi:${move.sample}::dynamo-ha::${root.type}::${root.name}`;
        assert.ok(
          a.aliases.some((x) => x.urn === old || (x.noParent && (x.name ?? root.name) === root.name && (x.type ?? root.type) === root.type)),
          `${move.sample}: ${root.type} ${root.name} moved under ${move.under.type} without an alias to ${old}: ${JSON.stringify(a.aliases)}`,
        );
      }
    }
  });

  it("the moves rewrite only the documented URNs, keeping a provider reference's id", () => {
    const eks = "urn:pulumi:eks-us-east-1::dynamo-ha::dynamo-ha:aws:Region::dynamo-eks-us-east-1";
    assert.strictEqual(movedUrn("eks-us-east-1", eks), eks);
    const k8s = "urn:pulumi:aks-eastus2::dynamo-ha::pulumi:providers:kubernetes::dynamo-aks-eastus2-k8s";
    assert.strictEqual(movedUrn("aks-eastus2", `${k8s}::id-1`), "urn:pulumi:aks-eastus2::dynamo-ha::dynamo-ha:azure:Region$pulumi:providers:kubernetes::dynamo-aks-eastus2-k8s::id-1");
    assert.strictEqual(movedUrn("aks-westus3", k8s), k8s, "another stack's URN");
    const ns = "urn:pulumi:aks-eastus2::dynamo-ha::kubernetes:core/v1:Namespace::graph-ns";
    assert.strictEqual(movedUrn("aks-eastus2", ns), ns);
  });
});
