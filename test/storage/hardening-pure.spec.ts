// The storage hardening's pure parts: log bucket names, key and bucket policies, trust conditions,
// Key Vault key IDs and the storage account's network and encryption settings.
import * as assert from "assert";
import fc from "fast-check";
import { parseKeyVaultKeyId, s3LogBucketName } from "../../components/core/storage-plan";
import { accountEncryption, accountNetworkRules, keyVaultUriOf } from "../../components/storage/account-security";
import { accessLogBucketPolicy, asTrustPolicy, checkpointKeyPolicy, s3ReplicationTrustPolicy, s3ViaService } from "../../components/storage/policies";

/** S3 general purpose bucket names (bucketnamingrules.html): 3–63 of [a-z0-9.-], alphanumeric at both ends. */
const S3_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

describe("S3 access log bucket names (pure)", () => {
  it("<bucket>-logs when it fits, else a cut name with a hash, always a valid bucket name", () => {
    assert.strictEqual(s3LogBucketName("dynamo-ha-eks-us-east-1-checkpoints"), "dynamo-ha-eks-us-east-1-checkpoints-logs");
    const long = `${"a".repeat(55)}-checkpoints`;
    const cut = s3LogBucketName(long);
    assert.strictEqual(cut.length, 63);
    assert.match(cut, /^a+-[0-9a-f]{8}-logs$/);
    fc.assert(
      fc.property(fc.stringMatching(S3_NAME), (bucket) => {
        const name = s3LogBucketName(bucket);
        assert.match(name, S3_NAME);
        assert.ok(name.length <= 63, name);
        assert.notStrictEqual(name, bucket, "never the bucket itself (a bucket logging to itself loops)");
        assert.ok(!/[.-]-|-\./.test(name.replace(bucket, "")), `no '.-' or '-.' from the cut: ${name}`);
      }),
    );
  });

  it("two long names sharing their first 58 characters get distinct log buckets", () => {
    const stem = "b".repeat(60);
    assert.notStrictEqual(s3LogBucketName(`${stem}-x1`), s3LogBucketName(`${stem}-x2`));
  });
});

describe("checkpoint key and bucket policies (pure)", () => {
  const owner = { partition: "aws", accountId: "111122223333", region: "us-east-1" };

  it("the key policy: the account administers and uses it through IAM only (no grant to every principal through S3)", () => {
    const statements = checkpointKeyPolicy(owner).Statement;
    assert.strictEqual(statements.length, 1, "a statement for all principals would let s3:GetObject alone decrypt");
    assert.deepStrictEqual([statements[0].Principal, statements[0].Action], [{ AWS: "arn:aws:iam::111122223333:root" }, "kms:*"]);
    assert.strictEqual(s3ViaService("aws-cn", "cn-north-1"), "s3.cn-north-1.amazonaws.com.cn");
  });

  it("the replication trust policy admits S3 with no source condition S3 is not documented to send", () => {
    const t = asTrustPolicy(s3ReplicationTrustPolicy()) as { Statement: Record<string, unknown>[] };
    assert.deepStrictEqual(t.Statement, [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }]);
  });

  it("the log bucket policy: S3 log delivery for one source bucket under one prefix, and TLS only", () => {
    const d = accessLogBucketPolicy({ logBucketArn: "arn:aws:s3:::logs", prefix: "s3-access/", sourceBucketArn: "arn:aws:s3:::src", accountId: "111122223333" });
    const [put, tls] = d.Statement;
    assert.deepStrictEqual([put.Effect, put.Principal, put.Action, put.Resource], ["Allow", { Service: "logging.s3.amazonaws.com" }, "s3:PutObject", "arn:aws:s3:::logs/s3-access/*"]);
    assert.deepStrictEqual(put.Condition, { ArnLike: { "aws:SourceArn": "arn:aws:s3:::src" }, StringEquals: { "aws:SourceAccount": "111122223333" } });
    assert.deepStrictEqual([tls.Effect, tls.Condition], ["Deny", { Bool: { "aws:SecureTransport": "false" } }]);
    assert.strictEqual(d.Statement.length, 2);
  });
});

describe("Azure storage account network and key settings (pure)", () => {
  const keyId = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/my-vault/keys/cmk-1";

  it("Key Vault key resource IDs parse to vault and key; nothing else does", () => {
    assert.deepStrictEqual(parseKeyVaultKeyId(keyId), { vaultName: "my-vault", keyName: "cmk-1" });
    for (const bad of [
      "https://my-vault.vault.azure.net/keys/cmk-1",
      `${keyId}/0123456789abcdef`,
      "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/ab/keys/k",
      "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a/keys/k",
    ]) {
      assert.strictEqual(parseKeyVaultKeyId(bad), undefined, bad);
    }
    assert.deepStrictEqual(keyVaultUriOf(keyId), { keyVaultUri: "https://my-vault.vault.azure.net", keyName: "cmk-1" });
    assert.throws(() => keyVaultUriOf("nope"), /Key Vault key resource ID/);
  });

  it("network rules deny by default and admit exactly the given subnets; no subnet admits no network", () => {
    assert.deepStrictEqual(accountNetworkRules(["/s/a", "/s/b"]).virtualNetworkRules, [
      { virtualNetworkResourceId: "/s/a", action: "Allow" },
      { virtualNetworkResourceId: "/s/b", action: "Allow" },
    ]);
    const none = accountNetworkRules([]);
    assert.deepStrictEqual([none.defaultAction, none.virtualNetworkRules, none.ipRules], ["Deny", [], []]);
  });

  it("encryption uses the key without a version (auto-rotation) through the given identity", () => {
    const e = accountEncryption("https://v.vault.azure.net", "k", "/id/x");
    assert.deepStrictEqual(e.keyVaultProperties, { keyVaultUri: "https://v.vault.azure.net", keyName: "k" });
    assert.deepStrictEqual(e.encryptionIdentity, { encryptionUserAssignedIdentity: "/id/x" });
    assert.strictEqual(e.keySource, "Microsoft.Keyvault");
  });
});
