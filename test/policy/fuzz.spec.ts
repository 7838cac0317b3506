// Every policy of the pack, in process, over thousands of seeded adversarial resources (./adversarial.ts
// and the random bags of ./records.ts): no exception escapes, messages stay one bounded line, and the
// stack policies report at most a few violations per resource. A failure names its seed; replay it
// with POLICY_FUZZ_SEEDS=<seed>[,<seed>…].
import * as assert from "assert";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy/policies";
import { Res, runResource, runStack } from "./helpers";
import { randomRecords } from "./records";

const SEEDS = process.env.POLICY_FUZZ_SEEDS ? process.env.POLICY_FUZZ_SEEDS.split(",").map(Number) : [1, 2, 3, 19];
const PER_SEED = 1000;
/** Prod-like settings: every threshold on, as policy/config/prod.json sets them. */
const CONFIG: Record<string, object> = { "gpu-pools-across-zones": { minZones: 3, minOnDemandGpus: 1 }, "pdb-allows-zone-drain": { zones: 3 } };

const isStack = (p: (typeof policies)[number]): p is StackValidationPolicy => "validateStack" in p;

function resources(seed: number): Res[] {
  return randomRecords(seed, PER_SEED).map((r) => ({ type: r.type, name: r.name, props: r.inputs, protect: r.protect, propertyDependencies: r.propertyDependencies }));
}

function checkMessage(where: string, m: string): void {
  assert.strictEqual(typeof m, "string", where);
  assert.ok(!/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/.test(m), `${where}: a message spans lines or carries a control character: ${JSON.stringify(m.slice(0, 300))}`);
  assert.ok(m.length <= 1000, `${where}: a ${m.length}-character message`);
}

describe("policy pack fuzz: adversarial resources", function () {
  this.timeout(120_000);

  for (const seed of SEEDS) {
    describe(`seed ${seed} (${PER_SEED} resources; replay with POLICY_FUZZ_SEEDS=${seed})`, () => {
      const rs = resources(seed);

      it("resource policies: no exception, one-line messages", async () => {
        for (const p of policies.filter((x): x is ResourceValidationPolicy => !isStack(x))) {
          for (const r of rs) {
            const where = `seed ${seed}, policy ${p.name}, resource ${r.name} (${r.type})`;
            let ms: string[];
            try {
              ms = await runResource(p, r, CONFIG[p.name] ?? {});
            } catch (e) {
              assert.fail(`${where} threw: ${(e as Error).stack}`);
            }
            ms.forEach((m) => checkMessage(where, m));
          }
        }
      });

      it("stack policies: no exception, one-line messages, at most a few violations per resource", async () => {
        for (const p of policies.filter(isStack)) {
          const where = `seed ${seed}, policy ${p.name}`;
          let vs: { message: string; urn?: string }[];
          try {
            vs = await runStack(p, rs, CONFIG[p.name] ?? {});
          } catch (e) {
            assert.fail(`${where} threw: ${(e as Error).stack}`);
          }
          vs.forEach((v) => checkMessage(where, v.message));
          // One violation per workload (a graph has at most 3 components here), PDB or pool: never one per pair.
          const perUrn = new Map<string, number>();
          for (const v of vs) perUrn.set(v.urn ?? "", (perUrn.get(v.urn ?? "") ?? 0) + 1);
          for (const [urn, n] of perUrn) assert.ok(n <= 3, `${where}: ${n} violations on ${urn || "the stack"}`);
          assert.ok(vs.length <= 3 * rs.length, `${where}: ${vs.length} violations for ${rs.length} resources`);
        }
      });
    });
  }

  it("the generator is reproducible: the same seed gives the same resources", () => {
    assert.deepStrictEqual(JSON.stringify(resources(7).slice(0, 50)), JSON.stringify(resources(7).slice(0, 50)));
    assert.notDeepStrictEqual(JSON.stringify(resources(7).slice(0, 50)), JSON.stringify(resources(8).slice(0, 50)));
  });

  it("the generator reaches the hostile cases it is for", () => {
    const text = SEEDS.map((s) => JSON.stringify(resources(s).map((r) => r.props))).join("");
    for (const needle of ['"constructor":', '"__proto__":', '"toString":', '"topologyKey":{', '"whenUnsatisfiable":{', '"key":"constructor"', '"99999999999999999999%"', '"NaN"', "1e+308", "-1", "null", '"150%"']) {
      assert.ok(text.includes(needle), `no ${needle} in the generated resources`);
    }
  });
});
