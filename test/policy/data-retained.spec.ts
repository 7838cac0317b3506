import * as assert from "assert";
import { dataRetained } from "../../policy/policies";
import { runResource } from "./helpers";

const crd = (protect: boolean) => ({ type: "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", name: "dgd-crd", props: { metadata: { name: "x" } }, protect });

describe("policy data-retained", () => {
  it("flags unprotected CRDs, buckets, blob containers and PVCs", async () => {
    for (const type of ["kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", "aws:s3/bucketV2:BucketV2", "azure-native:storage:BlobContainer", "kubernetes:core/v1:PersistentVolumeClaim"]) {
      assert.strictEqual((await runResource(dataRetained, { type, name: "x", props: {} })).length, 1, type);
    }
  });

  it("passes protected ones and ignores stateless types", async () => {
    assert.deepStrictEqual(await runResource(dataRetained, crd(true)), []);
    assert.deepStrictEqual(await runResource(dataRetained, { type: "kubernetes:apps/v1:Deployment", name: "d", props: {} }), []);
  });

  it("the types list is configurable", async () => {
    assert.deepStrictEqual(await runResource(dataRetained, crd(false), { types: ["aws:s3/bucketV2:BucketV2"] }), []);
  });
});
