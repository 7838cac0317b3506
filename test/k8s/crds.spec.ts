import * as assert from "assert";
import { DYNAMO_SOURCES, VERSIONS } from "../../components/core/versions";
import { DYNAMO_KINDS, dynamoCrds } from "../../components/k8s/crds";
import { crdForKind, loadVendoredCrds } from "../../tools/crdgen/crd";
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

  describe("against the vendored upstream CRDs (tools/crdgen/upstream)", () => {
    const upstream = loadVendoredCrds();
    /**
     * Kinds whose upstream CRD is not vendored: their versions are unchecked here. The pinned
     * release's CRDs could not be read (versions.ts DYNAMO_SOURCES); vendor each one, at the release
     * tag, and remove it here.
     */
    const NOT_VENDORED = ["DynamoCheckpoint", "DynamoComponentDeployment", "DynamoGraphDeploymentRequest", "DynamoGraphDeploymentScalingAdapter", "DynamoModel", "DynamoWorkerMetadata"];
    /** Storage versions the vendored text and the release are known to differ on (versions.ts DYNAMO_SOURCES.storageDrift). */
    const drift = DYNAMO_SOURCES.storageDrift;

    it("lists exactly the bootstrap kinds that have no vendored CRD", () => {
      const missing = DYNAMO_KINDS.filter((k) => !crdForKind(upstream, "nvidia.com", k.kind)).map((k) => k.kind).sort();
      assert.deepStrictEqual(missing, NOT_VENDORED);
    });

    it("serves the versions upstream serves, and stores a version upstream serves", () => {
      for (const crd of crds) {
        const up = crdForKind(upstream, crd.spec.group, crd.spec.names.kind);
        if (!up) continue;
        const kind = crd.spec.names.kind;
        const served = (vs: { name: string; served: boolean }[]) => vs.filter((v) => v.served).map((v) => v.name).sort();
        assert.deepStrictEqual(served(crd.spec.versions), served(up.versions), `${kind}: served versions differ from ${up.source.path}@${up.source.commit}`);
        const storage = crd.spec.versions.find((v: Any) => v.storage).name;
        const upStorage = up.versions.find((v) => v.storage)!.name;
        // crd-apply must keep status.storedVersions inside spec.versions.
        assert.ok(served(up.versions).includes(storage), `${kind}: bootstrap storage ${storage} is not served upstream`);
        const known = drift[kind];
        if (known) assert.deepStrictEqual({ release: storage, readAt: upStorage }, known, `${kind}: the storage difference changed; update DYNAMO_SOURCES.storageDrift`);
        else assert.strictEqual(storage, upStorage, `${kind}: storage version differs from ${up.source.path}@${up.source.commit}`);
      }
    });

    it("records storage drift only for vendored kinds", () => {
      for (const kind of Object.keys(drift)) assert.ok(crdForKind(upstream, "nvidia.com", kind), `${kind}: storageDrift names a kind that is not vendored`);
    });

    it("pins the served DGD versions the vendored CRD serves (versions.ts dynamoCrds)", () => {
      const up = crdForKind(upstream, "nvidia.com", "DynamoGraphDeployment")!;
      assert.deepStrictEqual([...VERSIONS.dynamoCrds.servedVersions].sort(), up.versions.filter((v) => v.served).map((v) => v.name).sort());
      assert.strictEqual(VERSIONS.dynamoCrds.group, up.group);
    });
  });
});
