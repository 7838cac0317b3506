import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { policies } from "../../policy/policies";
import { PackConfigError, PolicyMeta, reconcileConfig } from "../../tools/plan/analyzer/config";
import { PROJECT_ROOT } from "../../stacks/project-root";

const metas: PolicyMeta[] = policies.map((p) => ({
  name: p.name,
  enforcementLevel: p.enforcementLevel ?? "advisory",
  properties: (p.configSchema?.properties ?? {}) as PolicyMeta["properties"],
  required: p.configSchema?.required ?? [],
}));
const read = (env: string) => JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "policy", "config", `${env}.json`), "utf8"));

describe("policy pack config", () => {
  it("every policy is kebab-case with description, remediation, default level and config schema", () => {
    assert.ok(policies.length >= 7);
    for (const p of policies) {
      assert.match(p.name, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(p.description && p.remediationSteps && p.enforcementLevel && p.configSchema, p.name);
    }
    const level = (n: string) => policies.find((p) => p.name === n)?.enforcementLevel;
    for (const n of ["pdb-required", "pdb-allows-drain", "zone-spread", "leader-election"]) assert.strictEqual(level(n), "mandatory");
    for (const n of ["quorum-stores", "gpu-pools-across-zones", "data-retained"]) assert.strictEqual(level(n), "advisory");
  });

  it("defaults come from the schemas; prod makes everything mandatory (frontend exposure too) with 3 zones", () => {
    const d = reconcileConfig(metas, {}, {});
    assert.strictEqual(d.get("quorum-stores")!.level, "advisory");
    assert.strictEqual(d.get("gpu-pools-across-zones")!.props.minZones, 2);
    const prod = reconcileConfig(metas, {}, read("prod"));
    for (const [name, s] of prod) assert.strictEqual(s.level, "mandatory", name);
    assert.strictEqual(prod.get("gpu-pools-across-zones")!.props.minZones, 3);
    const dev = reconcileConfig(metas, {}, read("dev"));
    assert.strictEqual(dev.get("zone-spread")!.level, "advisory");
    assert.strictEqual(dev.get("gpu-pools-across-zones")!.props.minZones, 1);
  });

  it("prod enforces the on-demand GPU floor as mandatory, and no config can set the floor to 0", () => {
    const prod = reconcileConfig(metas, {}, read("prod"));
    assert.strictEqual(prod.get("gpu-pools-across-zones")!.level, "mandatory");
    assert.ok((prod.get("gpu-pools-across-zones")!.props.minOnDemandGpus as number) >= 1);
    assert.throws(() => reconcileConfig(metas, {}, { "gpu-pools-across-zones": { minOnDemandGpus: 0 } }), /at least 1/);
  });

  it("rejects unknown policies, bad levels and mistyped values with one line", () => {
    assert.throws(() => reconcileConfig(metas, {}, { "no-such": "mandatory" }), PackConfigError);
    assert.throws(() => reconcileConfig(metas, {}, { all: "strict" }), /all: one of advisory/);
    assert.throws(() => reconcileConfig(metas, {}, { "gpu-pools-across-zones": { minZones: "3" } }), /minZones: integer, got "3"/);
    assert.throws(() => reconcileConfig(metas, {}, { "gpu-pools-across-zones": { minZones: 0 } }), /at least 1/);
    assert.throws(() => reconcileConfig(metas, {}, { "zone-spread": { nope: 1 } }), /not a property/);
  });
});
