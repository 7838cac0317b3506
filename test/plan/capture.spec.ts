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
});
