import * as assert from "assert";
import { dataRetained } from "../../policy/policies";
import { DEFAULT_RETAINED_TYPES } from "../../policy/policies/data-retained";
import { dgdBeta, namespace } from "./fixtures";
import { Res, runStack } from "./helpers";

const crd = (protect: boolean): Res => ({ type: "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", name: "dgd-crd", props: { metadata: { name: "x" } }, protect });
const flagged = async (rs: Res[], config: object = {}) => (await runStack(dataRetained, rs, config)).map((d) => d.urn!.split("::").pop());

describe("policy data-retained", () => {
  it("flags unprotected CRDs, buckets, blob containers and PVCs, once each with its URN", async () => {
    const types = ["kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", "aws:s3/bucketV2:BucketV2", "azure-native:storage:BlobContainer", "kubernetes:core/v1:PersistentVolumeClaim"];
    const rs = types.map((type, i) => ({ type, name: `r${i}`, props: {} }));
    assert.deepStrictEqual(await flagged(rs), ["r0", "r1", "r2", "r3"]);
  });

  it("flags every unprotected guard rail, DNS record, health check, log group, KMS key and the policy group", async () => {
    const kinds = [
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      "aws:s3/bucketPolicy:BucketPolicy",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "aws:s3/bucketVersioning:BucketVersioning",
      "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "aws:s3/bucketLogging:BucketLogging",
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
      "azure-native:storage:BlobServiceProperties",
      "aws:cloudwatch/logGroup:LogGroup",
      "aws:kms/key:Key",
      "aws:route53/record:Record",
      "aws:route53/healthCheck:HealthCheck",
      "pulumiservice:index:PolicyGroup",
    ];
    for (const k of kinds) assert.ok(DEFAULT_RETAINED_TYPES.includes(k), k);
    const rs = kinds.map((type, i) => ({ type, name: `g${i}`, props: {} }));
    assert.strictEqual((await flagged(rs)).length, kinds.length);
    assert.deepStrictEqual(await flagged(rs.map((r) => ({ ...r, protect: true }))), []);
  });

  it("flags an unprotected AKS audit trail (workspace, diagnostic setting) and etcd key or vault, passes protected ones", async () => {
    const kinds = ["azure-native:operationalinsights:Workspace", "azure-native:monitor:DiagnosticSetting", "azure-native:keyvault:Vault", "azure-native:keyvault:Key"];
    for (const k of kinds) assert.ok(DEFAULT_RETAINED_TYPES.includes(k), k);
    const rs = kinds.map((type, i) => ({ type, name: `aks${i}`, props: {} }));
    assert.deepStrictEqual(await flagged(rs), ["aks0", "aks1", "aks2", "aks3"]);
    assert.deepStrictEqual(await flagged(rs.map((r) => ({ ...r, protect: true }))), []);
    // Other Azure monitoring or identity types are not judged.
    assert.deepStrictEqual(await flagged([{ type: "azure-native:managedidentity:UserAssignedIdentity", name: "id", props: {} }]), []);
  });

  it("judges a namespace that holds a graph, claims or Secrets, not one without state", async () => {
    const graph = dgdBeta("llm", [{ name: "frontend", type: "frontend" }]);
    assert.deepStrictEqual(await flagged([namespace("dynamo", {}, false), graph]), ["ns-dynamo"]);
    assert.deepStrictEqual(await flagged([namespace("dynamo", {}, true), graph]), []);
    assert.deepStrictEqual(await flagged([namespace("gpu-operator", {}, false), graph]), []);
    const secret: Res = { type: "kubernetes:core/v1:Secret", name: "hf", props: { metadata: { name: "hf", namespace: "gpu-operator" } } };
    assert.deepStrictEqual(await flagged([namespace("gpu-operator", {}, false), secret]), ["ns-gpu-operator"]);
  });

  it("passes protected ones and ignores stateless types", async () => {
    assert.deepStrictEqual(await flagged([crd(true), { type: "kubernetes:apps/v1:Deployment", name: "d", props: {} }]), []);
  });

  it("the types list is configurable", async () => {
    assert.deepStrictEqual(await flagged([crd(false)], { types: ["aws:s3/bucketV2:BucketV2"] }), []);
  });
});
