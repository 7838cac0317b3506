import * as assert from "assert";
import fc from "fast-check";
import { ConfigError } from "../../components/core/config/schema";
import { azureAccountName, containerPairs, dataProtection, kmsAliasFor, parseStorageAccountId, peerStore, PeerStoreExpectation, ruleIdFor, s3BucketName } from "../../components/core/storage-plan";
import { planStackReference } from "../../tools/plan/stack-reference";
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

  it("KMS aliases are valid for every valid bucket name (dots become '-')", () => {
    assert.strictEqual(kmsAliasFor("a.b.c"), "alias/a-b-c");
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
    const d = servingAccessPolicy(bucket, ["checkpoints", "models"], "arn:aws:kms:us-east-1:1:key/k", "s3.us-east-1.amazonaws.com");
    for (const s of d.Statement) {
      assert.strictEqual(s.Effect, "Allow");
      for (const a of [s.Action].flat()) assert.ok(!a.includes("*"), `no wildcard action: ${a}`);
      for (const r of [s.Resource].flat()) assert.ok(r === bucket || r.startsWith(`${bucket}/checkpoints/`) || r.startsWith(`${bucket}/models/`) || r.startsWith("arn:aws:kms:"), `resource in scope: ${r}`);
    }
    assert.deepStrictEqual(d.Statement[0].Condition, { StringLike: { "s3:prefix": ["checkpoints/*", "checkpoints", "models/*", "models"] } });
    assert.deepStrictEqual(d.Statement[1].Resource, [`${bucket}/checkpoints/*`, `${bucket}/models/*`]);
    // The key only through S3: the key policy delegates to IAM, so this condition is what keeps it there.
    assert.deepStrictEqual(d.Statement[2].Condition, { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } });
  });

  it("replication reads the source, writes replicas to the destination, and encrypts with the peer's key only", () => {
    const peerKey = "arn:aws:kms:us-west-2:1:key/0f1e";
    const d = replicationPolicy({
      sourceBucketArn: bucket,
      destinationBucketArn: "arn:aws:s3:::peer",
      sourceKeyArn: "k1",
      destinationKeyArn: peerKey,
      sourceS3Service: "s3.us-east-1.amazonaws.com",
      destinationS3Service: "s3.us-west-2.amazonaws.com",
    });
    const write = d.Statement.find((s) => s.Sid === "WriteReplicas")!;
    assert.strictEqual(write.Resource, "arn:aws:s3:::peer/*");
    const enc = d.Statement.find((s) => s.Sid === "EncryptReplicas")!;
    assert.strictEqual(enc.Resource, peerKey);
    assert.deepStrictEqual(enc.Condition, { StringEquals: { "kms:ViaService": "s3.us-west-2.amazonaws.com" } });
    assert.deepStrictEqual(d.Statement.find((s) => s.Sid === "DecryptSource")!.Condition, { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } });
    for (const s of d.Statement) for (const r of [s.Resource].flat()) assert.ok(!r.includes("key/*"), `no key wildcard: ${r}`);
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

describe("the DR peer's store, from its stack outputs (pure)", () => {
  const east: PeerStoreExpectation = { cloud: "aws", region: "us-east-1", replicateToRegion: "us-west-2", prefix: "checkpoints", modelPrefix: "models" };
  const westRef = "organization/dynamo-ha/eks-us-west-2";
  const west = () => ({ ...(planStackReference(westRef).outputs as Record<string, unknown>) });
  const err = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      assert.ok(e instanceof ConfigError, String(e));
      return e.message;
    }
    return assert.fail("expected a ConfigError");
  };

  it("reads the peer's bucket ARN and key ARN (AWS) or account ID (Azure) from its outputs", () => {
    const p = peerStore(east, westRef, west());
    assert.deepStrictEqual([p.region, p.store, p.bucketArn, p.keyArn], ["us-west-2", "dynamo-ha-eks-us-west-2-checkpoints", "arn:aws:s3:::dynamo-ha-eks-us-west-2-checkpoints", "arn:aws:kms:us-west-2:123456789012:key/plan-eks-us-west-2"]);
    const az = peerStore({ ...east, cloud: "azure", region: "eastus2", replicateToRegion: "westus3" }, "o/dynamo-ha/aks-westus3", planStackReference("o/dynamo-ha/aks-westus3").outputs as Record<string, unknown>);
    assert.strictEqual(az.accountId, "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/dynamo-aks-westus3-rg/providers/Microsoft.Storage/storageAccounts/dynhaakswestus3");
    assert.deepStrictEqual([az.subscriptionId, az.resourceGroup, az.store], ["00000000-0000-0000-0000-000000000000", "dynamo-aks-westus3-rg", "dynhaakswestus3"]);
  });

  it("a peer without outputs (not deployed) or missing one is one line naming the stack to deploy first", () => {
    assert.strictEqual(err(() => peerStore(east, "org/dynamo-ha/eks-us-west-9", {})), "dynamo-ha:dr.peerStack: stack 'org/dynamo-ha/eks-us-west-9' has no output 'cloud': deploy the peer first (pulumi up -s eks-us-west-9), then this stack");
    assert.strictEqual(err(() => peerStore(east, westRef, undefined)).split(":")[1], "dr.peerStack");
    const old = west();
    delete old.checkpointKeyArn;
    assert.match(err(() => peerStore(east, westRef, old)), /^dynamo-ha:dr\.peerStack: stack '.*eks-us-west-2' has no output 'checkpointKeyArn': deploy the peer first \(pulumi up -s eks-us-west-2\)/);
  });

  it("refuses a peer of the other cloud, another primary, this region, another region than replicateToRegion, or no object store", () => {
    assert.strictEqual(err(() => peerStore(east, westRef, { ...west(), cloud: "azure" })), "dynamo-ha:dr.peerStack: must be a regional aws stack with dr.role secondary to receive this primary's replication, got eks-us-west-2 (azure, secondary)");
    assert.match(err(() => peerStore(east, westRef, { ...west(), role: "primary" })), /^dynamo-ha:dr\.peerStack: .* got eks-us-west-2 \(aws, primary\)$/);
    assert.match(err(() => peerStore(east, westRef, { ...west(), region: "us-east-1" })), /^dynamo-ha:dr\.peerStack: the DR peer must be in another region than this stack's \(us-east-1\)/);
    assert.strictEqual(err(() => peerStore({ ...east, replicateToRegion: "us-east-2" }, westRef, west())), `dynamo-ha:storage.replicateToRegion: must be the DR peer's region (eks-us-west-2 is in us-west-2), got "us-east-2"`);
    assert.match(err(() => peerStore(east, westRef, { ...west(), checkpointBackend: "pvc" })), /^dynamo-ha:dr\.peerStack: the DR peer must keep an object store .* got eks-us-west-2 \(backend pvc\)$/);
  });

  it("S3 keeps key names: the peer's prefixes must equal this stack's; Azure maps containers instead", () => {
    assert.strictEqual(err(() => peerStore({ ...east, modelPrefix: "weights" }, westRef, west())), `dynamo-ha:storage.modelPrefix: S3 replication keeps key names, so it must equal the DR peer's (eks-us-west-2 uses "models"), got "weights"`);
    assert.deepStrictEqual(containerPairs({ prefix: "ckpt", modelPrefix: "weights" }, { checkpointPrefix: "checkpoints", modelPrefix: "models" }), [
      { sourceContainer: "ckpt", destinationContainer: "checkpoints" },
      { sourceContainer: "weights", destinationContainer: "models" },
    ]);
  });

  it("the source policy repeats the rule ID Azure generated for the same pair", () => {
    const pair = { sourceContainer: "models", destinationContainer: "models" };
    const returned = [{ sourceContainer: "checkpoints", destinationContainer: "checkpoints", ruleId: "r-1" }, { ...pair, ruleId: "r-2" }];
    assert.strictEqual(ruleIdFor(pair, returned), "r-2");
    assert.throws(() => ruleIdFor(pair, [{ ...pair }]), /no rule ID for models -> models/);
    assert.throws(() => ruleIdFor(pair, undefined), /no rule ID/);
  });

  it("parses storage account resource IDs and nothing else", () => {
    assert.deepStrictEqual(parseStorageAccountId("/subscriptions/s-1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct1"), { subscriptionId: "s-1", resourceGroup: "rg", account: "acct1" });
    assert.strictEqual(parseStorageAccountId("dynhaakswestus3"), undefined);
    assert.strictEqual(parseStorageAccountId("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/d"), undefined);
  });
});
