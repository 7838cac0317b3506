import * as assert from "assert";
import fc from "fast-check";
import { azureAccountName, dataProtection, kmsAliasFor, replicationTarget, s3BucketName } from "../../components/core/storage-plan";
import { asTrustPolicy, podIdentityTrustPolicy, replicationPolicy, servingAccessPolicy, tlsOnlyBucketPolicy } from "../../components/storage/policies";

describe("storage naming and protection (pure)", () => {
  it("names are valid for S3 and Azure for any stack name", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_.-]{1,80}$/), (stack) => {
        assert.match(s3BucketName(stack), /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
        assert.match(azureAccountName(stack), /^[a-z0-9]{5,24}$/);
      }),
    );
    assert.strictEqual(s3BucketName("eks-us-west-2"), "dynamo-ha-eks-us-west-2-checkpoints");
  });

  it("replicates to the peer's default bucket and KMS alias unless a bucket is named", () => {
    assert.strictEqual(replicationTarget({ replicationTimeControl: false, peerStack: "p" }), undefined);
    assert.deepStrictEqual(replicationTarget({ replicateToRegion: "us-west-2", replicationTimeControl: true, peerStack: "eks-us-west-2" }), {
      region: "us-west-2",
      bucket: "dynamo-ha-eks-us-west-2-checkpoints",
      kmsAlias: "alias/dynamo-ha-eks-us-west-2-checkpoints",
      timeControl: true,
    });
    assert.strictEqual(replicationTarget({ replicateToRegion: "us-west-2", replicateToBucket: "mine", replicationTimeControl: false })!.kmsAlias, "alias/mine");
  });

  it("KMS aliases are valid for every valid bucket name (dots become '-')", () => {
    assert.strictEqual(kmsAliasFor("a.b.c"), "alias/a-b-c");
    assert.strictEqual(replicationTarget({ replicateToRegion: "us-west-2", replicateToBucket: "peer.bucket", replicationTimeControl: false })!.kmsAlias, "alias/peer-bucket");
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/), (bucket) => {
        assert.match(kmsAliasFor(bucket), /^alias\/[a-zA-Z0-9/_-]+$/);
        assert.strictEqual(kmsAliasFor(bucket).length, bucket.length + "alias/".length);
      }),
    );
  });

  it("protects unless allowDataLoss, and then drops both protect and retain", () => {
    assert.deepStrictEqual(dataProtection(false), { protect: true, retainOnDelete: true });
    assert.deepStrictEqual(dataProtection(true), { protect: false, retainOnDelete: false });
  });
});

describe("S3 policy documents (pure)", () => {
  const bucket = "arn:aws:s3:::b";
  it("denies every non-TLS request on the bucket and its objects", () => {
    const [s] = tlsOnlyBucketPolicy(bucket).Statement;
    assert.strictEqual(s.Effect, "Deny");
    assert.deepStrictEqual(s.Resource, [bucket, `${bucket}/*`]);
    assert.deepStrictEqual(s.Condition, { Bool: { "aws:SecureTransport": "false" } });
  });

  it("serving pods reach only their prefix and the bucket's key, with no wildcard action", () => {
    const d = servingAccessPolicy(bucket, "checkpoints", "arn:aws:kms:us-east-1:1:key/k");
    for (const s of d.Statement) {
      assert.strictEqual(s.Effect, "Allow");
      for (const a of [s.Action].flat()) assert.ok(!a.includes("*"), `no wildcard action: ${a}`);
      for (const r of [s.Resource].flat()) assert.ok(r === bucket || r.startsWith(`${bucket}/checkpoints/`) || r.startsWith("arn:aws:kms:"), `resource in scope: ${r}`);
    }
    assert.deepStrictEqual(d.Statement[0].Condition, { StringLike: { "s3:prefix": ["checkpoints/*", "checkpoints"] } });
  });

  it("replication reads the source, writes replicas to the destination, and encrypts with the peer's aliased key", () => {
    const d = replicationPolicy({ sourceBucketArn: bucket, destinationBucketArn: "arn:aws:s3:::peer", sourceKeyArn: "k1", destinationKeysArn: "arn:aws:kms:us-west-2:1:key/*", destinationKeyAlias: "alias/peer" });
    const write = d.Statement.find((s) => s.Sid === "WriteReplicas")!;
    assert.strictEqual(write.Resource, "arn:aws:s3:::peer/*");
    const enc = d.Statement.find((s) => s.Sid === "EncryptReplicas")!;
    assert.deepStrictEqual(enc.Condition, { "ForAnyValue:StringEquals": { "kms:ResourceAliases": "alias/peer" } });
  });

  it("trust policies name the service, carry no Resource, and admit only the serving pods' service account", () => {
    const t = asTrustPolicy(podIdentityTrustPolicy({ clusterName: "c1", namespace: "dynamo", serviceAccount: "llm-storage" })) as { Statement: Record<string, unknown>[] };
    assert.deepStrictEqual(t.Statement[0], {
      Effect: "Allow",
      Principal: { Service: "pods.eks.amazonaws.com" },
      Action: ["sts:AssumeRole", "sts:TagSession"],
      Condition: { StringEquals: { "aws:RequestTag/eks-cluster-name": "c1", "aws:RequestTag/kubernetes-namespace": "dynamo", "aws:RequestTag/kubernetes-service-account": "llm-storage" } },
    });
  });
});
