// Every DYN_* env var the project sets on an emitted Dynamo object must be one the pinned runtime reads
// (tools/conformance/runtime-env.json records where upstream reads it).
import * as assert from "assert";
import facts from "../../tools/conformance/runtime-env.json";
import { EmittedObject, emittedDynamoObjects } from "./stacks";

interface EnvUse {
  stack: string;
  where: string;
  name: string;
}

/** Every env entry of every container (and init container) of every component pod template. */
export function envUses(objects: readonly EmittedObject[]): EnvUse[] {
  const out: EnvUse[] = [];
  for (const o of objects) {
    const spec = (o.object.spec ?? {}) as { env?: { name: string }[]; components?: { name: string; podTemplate?: { spec?: { containers?: unknown[]; initContainers?: unknown[] } } }[] };
    for (const e of spec.env ?? []) out.push({ stack: o.stack, where: `${String(o.object.kind)}.spec.env`, name: e.name });
    for (const c of spec.components ?? []) {
      const pod = c.podTemplate?.spec ?? {};
      for (const ctr of [...(pod.containers ?? []), ...(pod.initContainers ?? [])] as { name: string; env?: { name: string }[] }[]) {
        for (const e of ctr.env ?? []) out.push({ stack: o.stack, where: `${c.name}/${ctr.name}`, name: e.name });
      }
    }
  }
  return out;
}

describe("env vars set on Dynamo objects are read by the pinned runtime", function () {
  this.timeout(300000);
  let uses: EnvUse[] = [];

  before(async () => {
    uses = envUses(await emittedDynamoObjects());
  });

  it("records each fact with repo, path, a 40-hex commit and a symbol", () => {
    for (const [name, f] of Object.entries({ ...facts.vars, ...facts.readButNotSet })) {
      assert.match(name, /^DYN_[A-Z0-9_]+$/);
      assert.strictEqual(f.repo, "ai-dynamo/dynamo", name);
      assert.match(f.commit, /^[0-9a-f]{40}$/, name);
      assert.ok(f.path && f.symbol, name);
    }
    for (const name of facts.notReadUpstream) assert.ok(!(name in facts.vars), `${name} is both read and not read`);
  });

  it("sees the env of the emitted graphs", () => {
    assert.ok(uses.some((u) => u.name === "DYN_SYSTEM_PORT"), "no worker env found: the plan or this test lost track of the DGD");
  });

  it("sets no DYN_* var the runtime does not read", () => {
    const known = new Set(Object.keys(facts.vars));
    const unknown = uses
      .filter((u) => u.name.startsWith("DYN_") && !known.has(u.name))
      .map((u) => `${u.name} (stack ${u.stack}, ${u.where}) is not read by the pinned runtime (tools/conformance/runtime-env.json)`);
    assert.deepStrictEqual([...new Set(unknown)], []);
  });
});
