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
        assert.deepStrictEqual(v.subresources.status, {});
        assert.strictEqual(v.schema.openAPIV3Schema.properties.spec["x-kubernetes-preserve-unknown-fields"], true);
      }
      // crd-apply's update must keep status.storedVersions inside spec.versions: the bootstrap stores only
      // a version every real CRD lists (v1beta1 for the kinds it registers, v1alpha1 otherwise).
      const kind = DYNAMO_KINDS.find((k) => k.kind === crd.spec.names.kind)!;
      assert.strictEqual(crd.spec.versions.find((v: Any) => v.storage).name, kind.beta ? "v1beta1" : "v1alpha1");
    }
  });

  it("gives the scaling adapter the scale subresource upstream declares, and only it", () => {
    const scalable = crds.filter((c) => c.spec.versions.some((v: Any) => v.subresources.scale));
    assert.deepStrictEqual(scalable.map((c) => c.spec.names.kind), ["DynamoGraphDeploymentScalingAdapter"]);
    for (const v of scalable[0].spec.versions) {
      assert.deepStrictEqual(v.subresources.scale, { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas", labelSelectorPath: ".status.selector" });
    }
    assert.deepStrictEqual(scalable[0].spec.names.shortNames, ["dgdsa"]);
  });

  it("declares exactly the kinds the pinned operator installs", () => {
    assert.deepStrictEqual(crds.map((c) => c.spec.names.plural).sort(), [
      "dynamocheckpoints",
      "dynamocomponentdeployments",
      "dynamographdeploymentrequests",
      "dynamographdeployments",
      "dynamographdeploymentscalingadapters",
      "dynamomodels",
      "dynamoworkermetadatas",
    ]);
  });

  it("serves the DGD as v1alpha1 and v1beta1, storing v1beta1", () => {
    const dgd = crds.find((c) => c.spec.names.kind === "DynamoGraphDeployment");
    assert.deepStrictEqual(dgd.spec.versions.map((v: Any) => [v.name, v.served, v.storage]), [["v1alpha1", true, false], ["v1beta1", true, true]]);
    assert.deepStrictEqual(dgd.spec.names.shortNames, ["dgd"]);
  });

  it("is pinned with the platform chart, and Grove/KAI are locked to the same minor", () => {
    assert.strictEqual(VERSIONS.dynamoCrds.appVersion, VERSIONS.dynamoPlatform.version);
    // No per-version metadata: a label that changed with each upgrade would make Pulumi re-apply the
    // bootstrap copy over the operator's CRDs.
    for (const crd of crds) assert.deepStrictEqual(crd.metadata.labels, { "app.kubernetes.io/part-of": "dynamo" });
    const minor = VERSIONS.dynamoPlatform.version.split(".").slice(0, 2).join(".");
    assert.strictEqual(VERSIONS.grove.forPlatform, minor);
    assert.strictEqual(VERSIONS.kaiScheduler.forPlatform, minor);
  });
});
