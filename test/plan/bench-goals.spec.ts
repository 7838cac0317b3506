import * as assert from "assert";
import { constructionOrder, recordDeclaredKeys, writeFloorProgram } from "../../tools/bench/floor";
import { verdict } from "../../tools/bench/goals";
import { capture } from "../../tools/plan/capture";
import { planMocks } from "../../tools/plan/mocks";
import { ResourceRecord } from "../../tools/plan/records";
import { plan } from "../../tools/plan/run";
import { loadStackFile } from "../../tools/plan/stack-file";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../../stacks/project-root";

describe("bench", () => {
  it("a missed goal fails the verdict and says so", () => {
    assert.deepStrictEqual(verdict([{ name: "a / b", ratio: 1.1, goal: 1.2 }]), { lines: ["a / b: 1.10 (goal ≤ 1.2) ok"], ok: true });
    const miss = verdict([{ name: "a / b", ratio: 1.1, goal: 1.2 }, { name: "c / d", ratio: 1.31, goal: 1.3 }]);
    assert.strictEqual(miss.ok, false);
    assert.match(miss.lines[1], /MISSED$/);
  });

  it("the floor constructs each record after its parent, provider and dependencies, else in record order", () => {
    const rec = (urn: string, o: Partial<ResourceRecord> = {}): ResourceRecord => ({ urn, type: "t", name: urn, parent: "", provider: "", custom: true, inputs: {}, protect: false, retainOnDelete: false, dependsOn: [], propertyDependencies: {}, ignoreChanges: [], ...o });
    const order = (rs: ResourceRecord[]) => constructionOrder(rs).map((r) => r.urn);
    assert.deepStrictEqual(order([rec("a", { dependsOn: ["c"] }), rec("b", { parent: "d" }), rec("c", { provider: "e::id" }), rec("d"), rec("e")]), ["e", "c", "a", "d", "b"]);
    assert.deepStrictEqual(order([rec("x", { dependsOn: ["elsewhere"] }), rec("y")]), ["x", "y"], "a URN outside the records (the stack) constrains nothing");
    assert.throws(() => constructionOrder([rec("a", { dependsOn: ["b"] }), rec("b", { parent: "a" })]), /cycle: a → b → a/);
  });

  it("the floor program registers the plan's resources: same types, names, parents, providers, inputs, options and declared properties", async function () {
    this.timeout(60_000);
    const programKeys = recordDeclaredKeys();
    const p = await plan("eks-us-east-1", { policy: false });
    programKeys.stop();
    const declared = programKeys.declared();
    assert.ok((declared["aws:eks/cluster:Cluster"] ?? []).length > 20, "the typed class declares its outputs too");
    // Inside the project, so the floor resolves the same @pulumi/pulumi (and its mock state) as the capture.
    const dir = fs.mkdtempSync(path.join(PROJECT_ROOT, "dist", "floor-"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require(writeFloorProgram(p.resources, dir, declared)) as () => Record<string, unknown>;
    const file = loadStackFile("eks-us-east-1");
    const floorKeys = recordDeclaredKeys();
    const floor = await capture(program, { project: p.project, stack: p.stack, config: file.config, secretKeys: file.secretKeys, mocks: planMocks });
    floorKeys.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    // The SDK makes an Output for every key handed to it: the floor hands it the same keys per type.
    assert.deepStrictEqual(floorKeys.declared(), declared);
    // Dependencies on what the program only reads (its peer's StackReference) are not the floor's.
    const registered = new Set(p.resources.map((r) => r.urn));
    const shape = (rs: typeof p.resources) =>
      rs
        .filter((r) => r.type !== "pulumi:pulumi:Stack")
        .map((r) => [r.urn, r.type, r.parent, r.provider.split("::").slice(0, -1).join("::"), JSON.stringify(r.inputs), JSON.stringify([r.dependsOn.filter((u) => registered.has(u)), r.protect, r.retainOnDelete, r.ignoreChanges])]);
    assert.ok(p.resources.some((r) => r.dependsOn.length > 0) && p.resources.some((r) => r.protect) && p.resources.some((r) => r.retainOnDelete) && p.resources.some((r) => r.ignoreChanges.length > 0), "the plan sets every option the floor copies");
    const sorted = (rows: string[][]) => rows.sort((a, b) => a[0].localeCompare(b[0]));
    assert.deepStrictEqual(sorted(shape(floor.resources)), sorted(shape(p.resources)));
  });
});
