import * as assert from "assert";
import { VERSIONS } from "../../components/core/versions";
import { DYNAMO_KINDS, dynamoCrds } from "../../components/k8s/crds";
import { validateObject } from "./fixtures";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

describe("Dynamo CRDs (pure)", () => {
  const crds = dynamoCrds() as Any[];

  it("declares every Dynamo kind under nvidia.com, each a valid CustomResourceDefinition", async () => {
    assert.strictEqual(crds.length, DYNAMO_KINDS.length);
    for (const crd of crds) {
      await validateObject(crd);
      assert.strictEqual(crd.spec.group, "nvidia.com");
      assert.strictEqual(crd.metadata.name, `${crd.spec.names.plural}.nvidia.com`);
      assert.strictEqual(crd.spec.versions.filter((v: Any) => v.storage).length, 1, "exactly one storage version");
      for (const v of crd.spec.versions) {
        assert.strictEqual(v.served, true);
        assert.deepStrictEqual(v.subresources, { status: {} });
        assert.strictEqual(v.schema.openAPIV3Schema.properties.spec["x-kubernetes-preserve-unknown-fields"], true);
      }
    }
  });

  it("serves the DGD as v1alpha1 and v1beta1, storing v1beta1", () => {
    const dgd = crds.find((c) => c.spec.names.kind === "DynamoGraphDeployment");
    assert.deepStrictEqual(dgd.spec.versions.map((v: Any) => [v.name, v.served, v.storage]), [["v1alpha1", true, false], ["v1beta1", true, true]]);
    assert.deepStrictEqual(dgd.spec.names.shortNames, ["dgd"]);
  });

  it("is pinned with the platform chart, and Grove/KAI are locked to the same minor", () => {
    assert.strictEqual(VERSIONS.dynamoCrds.appVersion, VERSIONS.dynamoPlatform.version);
    for (const crd of crds) assert.strictEqual(crd.metadata.labels["app.kubernetes.io/version"], VERSIONS.dynamoPlatform.version);
    const minor = VERSIONS.dynamoPlatform.version.split(".").slice(0, 2).join(".");
    assert.strictEqual(VERSIONS.grove.forPlatform, minor);
    assert.strictEqual(VERSIONS.kaiScheduler.forPlatform, minor);
  });
});
