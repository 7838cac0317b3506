import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { capture } from "../../tools/plan/capture";

class Thing extends pulumi.CustomResource {
  declare readonly arn: pulumi.Output<string>;
  constructor(name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    super("test:index:Thing", name, { arn: undefined, ...props }, opts);
  }
}

class Box extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:test:Box", name, {}, opts);
    const first = new Thing(`${name}-first`, { size: 3, password: pulumi.secret("hunter2") }, { parent: this, protect: true });
    new Thing(
      `${name}-second`,
      { after: first.urn, nested: { id: first.id } },
      { parent: this, retainOnDelete: true, dependsOn: [first], ignoreChanges: ["size"] },
    );
    this.registerOutputs({});
  }
}

describe("plan capture (mock monitor sees whole register requests)", () => {
  it("records parents, options, dependencies and hides secrets", async () => {
    const cap = await capture(
      () => {
        const b = new Box("box");
        return { boxUrn: b.urn, secretOut: pulumi.secret("s3cr3t"), plain: 7 };
      },
      { project: "dynamo-ha", stack: "test", config: {}, preview: false },
    );
    const byName = new Map(cap.resources.map((r) => [r.name, r]));
    const box = byName.get("box")!;
    const first = byName.get("box-first")!;
    const second = byName.get("box-second")!;
    assert.strictEqual(box.type, "dynamo-ha:test:Box");
    assert.strictEqual(box.custom, false);
    assert.strictEqual(first.parent, box.urn);
    assert.strictEqual(first.urn, "urn:pulumi:test::dynamo-ha::dynamo-ha:test:Box$test:index:Thing::box-first");
    assert.strictEqual(first.protect, true);
    assert.strictEqual(first.retainOnDelete, false);
    assert.strictEqual(first.inputs.password, "[secret]");
    assert.strictEqual(first.inputs.size, 3);
    assert.strictEqual(second.retainOnDelete, true);
    assert.strictEqual(second.protect, false);
    assert.deepStrictEqual(second.dependsOn.sort(), [first.urn]);
    assert.deepStrictEqual(second.propertyDependencies.after, [first.urn]);
    assert.deepStrictEqual(second.propertyDependencies.nested, [first.urn]);
    assert.deepStrictEqual(second.ignoreChanges, ["size"]);
    assert.strictEqual(cap.outputs.secretOut, "[secret]");
    assert.strictEqual(cap.outputs.plain, 7);
    assert.strictEqual(cap.outputs.boxUrn, box.urn);
    assert.ok(!JSON.stringify(cap).includes("hunter2"));
  });

  it("shows unknown cloud values as <computed> in preview", async () => {
    const cap = await capture(
      () => {
        const a = new Thing("a", {});
        const b = new Thing("b", { ref: a.arn });
        return { id: b.id };
      },
      { project: "dynamo-ha", stack: "test", config: {}, preview: true },
    );
    const b = cap.resources.find((r) => r.name === "b")!;
    assert.strictEqual(b.inputs.ref, "<computed>");
    assert.strictEqual(cap.outputs.id, "<computed>");
  });

  it("URNs are the engine's at every depth, and parents, providers and dependencies point at recorded URNs", async () => {
    const cap = await capture(
      () => {
        const a = new pulumi.ComponentResource("t:x:A", "a");
        const b = new pulumi.ComponentResource("t:x:B", "b", {}, { parent: a });
        const c = new pulumi.ComponentResource("t:x:C", "c", {}, { parent: b });
        class Provider extends pulumi.ProviderResource {}
        class Custom extends pulumi.CustomResource {}
        const p = new Provider("aws", "p", {}, { parent: b });
        const d = new Custom("t:x:D", "d", {}, { parent: c, provider: p });
        new Custom("t:x:E", "e", { ref: d.id }, { parent: c, dependsOn: [d] });
        return {};
      },
      { project: "p", stack: "s", config: {} },
    );
    const byName = Object.fromEntries(cap.resources.map((r) => [r.name, r]));
    assert.strictEqual(byName.d.urn, "urn:pulumi:s::p::t:x:A$t:x:B$t:x:C$t:x:D::d");
    assert.strictEqual(byName.d.parent, byName.c.urn);
    assert.strictEqual(byName.d.provider.split("::").slice(0, -1).join("::"), byName.p.urn);
    assert.deepStrictEqual(byName.e.dependsOn, [byName.d.urn]);
    assert.deepStrictEqual(byName.e.propertyDependencies.ref, [byName.d.urn]);
    const urns = new Set(cap.resources.map((r) => r.urn));
    for (const r of cap.resources) if (r.parent && r.type !== "t:x:A") assert.ok(urns.has(r.parent), `${r.urn}: parent ${r.parent} not recorded`);
  });
});
