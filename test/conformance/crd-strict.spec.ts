// Every Dynamo object the bundled stacks emit, validated strictly against the vendored upstream CRD
// (tools/crdgen/upstream) as `kubectl --validate=strict` would: unknown fields, required fields, types,
// enums, and an apiVersion the CRD serves and has not deprecated.
import * as assert from "assert";
import { crdForKind, loadVendoredCrds, VendoredCrd } from "../../tools/crdgen/crd";
import { apiVersionProblems, validateSchema } from "../../tools/crdgen/validate";
import { bundledStacks } from "../../tools/plan/stack-file";
import { validatePodTemplate } from "../k8s/fixtures";
import { DYNAMO_GROUP, EmittedObject, emittedDynamoObjects } from "./stacks";

describe("emitted Dynamo objects against the upstream CRDs (strict)", function () {
  this.timeout(300000);
  let objects: EmittedObject[] = [];
  let crds: VendoredCrd[] = [];

  before(async () => {
    crds = loadVendoredCrds();
    objects = await emittedDynamoObjects();
  });

  it("finds Dynamo objects in the regional stacks", () => {
    const stacks = new Set(objects.map((o) => o.stack));
    const regional = bundledStacks().filter((s) => /^(eks|aks)-/.test(s));
    assert.ok(regional.length > 0);
    for (const s of regional) assert.ok(stacks.has(s), `${s} emits no DynamoGraphDeployment`);
  });

  it("every emitted kind has a vendored CRD", () => {
    for (const o of objects) {
      const kind = String(o.object.kind);
      assert.ok(crdForKind(crds, DYNAMO_GROUP, kind), `${o.stack}: ${kind} has no CRD under tools/crdgen/upstream`);
    }
  });

  it("uses a served, non-deprecated apiVersion", () => {
    const problems = objects.flatMap((o) => {
      const crd = crdForKind(crds, DYNAMO_GROUP, String(o.object.kind));
      return crd ? apiVersionProblems(o.object.apiVersion, crd.group, crd.versions).map((p) => `${o.stack} ${o.urn}: ${p}`) : [];
    });
    assert.deepStrictEqual(problems, []);
  });

  it("validates strictly against the openAPIV3Schema of its version", () => {
    const problems: string[] = [];
    for (const o of objects) {
      const crd = crdForKind(crds, DYNAMO_GROUP, String(o.object.kind));
      const version = crd?.versions.find((v) => `${crd.group}/${v.name}` === o.object.apiVersion);
      if (!crd || !version) continue; // reported by the tests above
      // metadata is the API server's ObjectMeta, not part of the CRD schema.
      const { metadata, ...rest } = o.object;
      assert.ok(metadata && typeof metadata === "object", `${o.stack}: metadata missing`);
      for (const v of validateSchema(version.schema, rest)) problems.push(`${o.stack} ${String(o.object.kind)}${v.path}: ${v.message}`);
    }
    assert.deepStrictEqual(problems, []);
  });

  it("carries component pod templates that are valid PodTemplateSpecs (required core fields)", async () => {
    for (const o of objects.filter((x) => x.object.kind === "DynamoGraphDeployment")) {
      const components = (o.object.spec as { components: { podTemplate: unknown }[] }).components;
      for (const c of components) await validatePodTemplate(c.podTemplate);
    }
  });
});
