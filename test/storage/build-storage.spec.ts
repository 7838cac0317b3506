import * as assert from "assert";
import { buildStorage } from "../../components/storage";
import { StorageFacts } from "../../components/core/storage-facts";
import { captureProgram, CLOUD_PROVIDER_REF, fakeCloudProvider, fakeFacts, GENERATED_POLICY_ID, NODE_SUBNET_ID, regionalConfig } from "./fixtures";
import { ResourceRecord } from "../../tools/plan/records";
import { COPY_EXISTING_BLOBS } from "../../components/storage/object-replication";

/** Existing blobs are copied too, not only new ones. */
const ALL_BLOBS = { minCreationTime: COPY_EXISTING_BLOBS };

// kubernetes-models is ESM-only; keep the real dynamic import out of the CommonJS compiler's sight.
const esmImport = new Function("s", "return import(s)") as (s: string) => Promise<Record<string, new (d: unknown) => { validate(): void }>>;

async function s3(over: Record<string, unknown> = {}) {
  let facts: StorageFacts | undefined;
  const c = regionalConfig("eks-us-east-1", over);
  const cap = await captureProgram(() => {
    const s = buildStorage(c, fakeFacts("aws", c.region), undefined, fakeCloudProvider("aws", c.region));
    facts = s.facts;
    return s.outputs;
  });
  return { ...cap, facts: facts! };
}

describe("regional storage: S3 (dynamo-ha:aws:CheckpointBucket)", () => {
  it("versioned, SSE-KMS, private, TLS-only, expiring old versions", async () => {
    // The bundled stack replicates; without replicateToRegion there is no replication configuration.
    const p = await s3({ storage: {} });
    const bucket = p.one("aws:s3/bucket:Bucket", "checkpoints-bucket");
    assert.strictEqual(bucket.inputs.bucket, "dynamo-ha-eks-us-east-1-checkpoints");
    assert.strictEqual(bucket.inputs.region, "us-east-1");
    assert.strictEqual(bucket.inputs.forceDestroy, false);
    assert.deepStrictEqual(p.one("aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration, { status: "Enabled" });
    const [rule] = p.one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "checkpoints-sse").inputs.rules as Record<string, Record<string, unknown>>[];
    assert.strictEqual(rule.applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms");
    assert.ok(p.one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "checkpoints-sse").propertyDependencies.rules.includes(p.one("aws:kms/key:Key").urn));
    assert.strictEqual(p.one("aws:kms/key:Key").inputs.enableKeyRotation, true);
    const block = p.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "checkpoints-public-access").inputs;
    assert.deepStrictEqual([block.blockPublicAcls, block.blockPublicPolicy, block.ignorePublicAcls, block.restrictPublicBuckets], [true, true, true, true]);
    const policy = JSON.parse(String(p.one("aws:s3/bucketPolicy:BucketPolicy", "checkpoints-tls-only").inputs.policy));
    assert.deepStrictEqual(policy.Statement[0].Condition, { Bool: { "aws:SecureTransport": "false" } });
    assert.strictEqual(policy.Statement[0].Effect, "Deny");
    const [life] = p.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "checkpoints-lifecycle").inputs.rules as Record<string, unknown>[];
    assert.deepStrictEqual(life.noncurrentVersionExpiration, { noncurrentDays: 30 });
    assert.strictEqual(p.of("aws:s3/bucketReplicationConfig:BucketReplicationConfig").length, 0);
  });

  it("serving pods get the bucket through EKS Pod Identity, limited to the two prefixes", async () => {
    const p = await s3();
    const assoc = p.one("aws:eks/podIdentityAssociation:PodIdentityAssociation").inputs;
    assert.deepStrictEqual([assoc.clusterName, assoc.namespace, assoc.serviceAccount], ["cluster", "dynamo", "llm-storage"]);
    const roles = p.of("aws:iam/role:Role");
    const trust = JSON.parse(String(roles.find((r) => r.name === "checkpoints-pods")!.inputs.assumeRolePolicy));
    assert.deepStrictEqual(trust.Statement[0].Principal, { Service: "pods.eks.amazonaws.com" });
    const access = JSON.parse(String(p.of("aws:iam/rolePolicy:RolePolicy").find((r) => r.name === "checkpoints-pods")!.inputs.policy));
    assert.deepStrictEqual(
      access.Statement.map((s: { Resource: string }) => s.Resource),
      [
        "arn:aws:s3:::dynamo-ha-eks-us-east-1-checkpoints",
        ["arn:aws:s3:::dynamo-ha-eks-us-east-1-checkpoints/checkpoints/*", "arn:aws:s3:::dynamo-ha-eks-us-east-1-checkpoints/models/*"],
        "arn:aws:kms:us-east-1:111122223333:key/checkpoints-key",
      ],
    );
    assert.strictEqual(p.facts.backend, "s3");
    assert.strictEqual(p.facts.serviceAccountName, "llm-storage");
    // No checkpoint env: the runtime reads none, and the pinned operator has no S3 checkpoint storage.
    assert.deepStrictEqual(p.facts.env, { AWS_REGION: "us-east-1" });
    assert.strictEqual(p.facts.checkpoint, undefined);
    assert.strictEqual(p.outputs.checkpointBackend, "s3");
    // The store identity a DR primary reads from this stack when it is the peer.
    assert.deepStrictEqual([p.outputs.checkpointBucketArn, p.outputs.checkpointKeyArn, p.outputs.checkpointPrefix, p.outputs.modelPrefix], [
      "arn:aws:s3:::dynamo-ha-eks-us-east-1-checkpoints",
      "arn:aws:kms:us-east-1:111122223333:key/checkpoints-key",
      "checkpoints",
      "models",
    ]);
  });

  it("protects and retains the bucket, key and every guard rail by default; allowDataLoss turns both off", async () => {
    // The guard rails too: `destroy --exclude-protected` must not leave a bare bucket.
    const kept = [
      "aws:s3/bucket:Bucket",
      "aws:kms/key:Key",
      "aws:kms/alias:Alias",
      "aws:s3/bucketVersioning:BucketVersioning",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      "aws:s3/bucketPolicy:BucketPolicy",
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
      // The access log bucket's and the logging configuration: the audit trail is kept too.
      "aws:s3/bucketLogging:BucketLogging",
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    ];
    const safe = await s3();
    for (const t of kept) {
      assert.ok(safe.of(t).length > 0, t);
      for (const r of safe.of(t)) assert.deepStrictEqual([r.protect, r.retainOnDelete], [true, true], `${t} ${r.name}`);
    }
    const loose = await s3({ storage: { allowDataLoss: true, replicateToRegion: "us-west-2" } });
    for (const t of kept) {
      for (const r of loose.of(t)) assert.deepStrictEqual([r.protect, r.retainOnDelete], [false, false], `${t} ${r.name}`);
    }
    assert.strictEqual(loose.one("aws:s3/bucket:Bucket", "checkpoints-bucket").inputs.forceDestroy, true);
  });

  it("the checkpoint key has an explicit policy (the account, through IAM); the pods use it only through S3", async () => {
    const p = await s3({ storage: {} });
    const key = p.one("aws:kms/key:Key");
    assert.strictEqual(key.inputs.enableKeyRotation, true);
    const policy = JSON.parse(String(key.inputs.policy));
    assert.deepStrictEqual(policy.Statement.map((s: { Principal: unknown }) => s.Principal), [{ AWS: "arn:aws:iam::111122223333:root" }]);
    const pods = JSON.parse(String(p.of("aws:iam/rolePolicy:RolePolicy").find((r) => r.name === "checkpoints-pods")!.inputs.policy));
    const use = pods.Statement.find((s: { Sid: string }) => s.Sid === "UseBucketKey");
    assert.deepStrictEqual(use.Condition, { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } });
  });

  it("server access logs go to a private SSE-S3 log bucket only S3 log delivery for this bucket may write to", async () => {
    const p = await s3({ storage: { accessLogDays: 90 } });
    const logBucket = p.one("aws:s3/bucket:Bucket", "checkpoints-logs-bucket");
    assert.strictEqual(logBucket.inputs.bucket, "dynamo-ha-eks-us-east-1-checkpoints-logs");
    const logging = p.one("aws:s3/bucketLogging:BucketLogging");
    assert.deepStrictEqual([logging.inputs.bucket, logging.inputs.targetBucket, logging.inputs.targetPrefix], ["checkpoints-bucket-id", "checkpoints-logs-bucket-id", "s3-access/"]);
    const policyRecord = p.one("aws:s3/bucketPolicy:BucketPolicy", "checkpoints-logs-policy");
    assert.ok(logging.dependsOn.includes(policyRecord.urn), "logging waits for the delivery grant");
    const [delivery, tls] = JSON.parse(String(policyRecord.inputs.policy)).Statement;
    assert.deepStrictEqual(delivery.Principal, { Service: "logging.s3.amazonaws.com" });
    assert.strictEqual(delivery.Resource, "arn:aws:s3:::dynamo-ha-eks-us-east-1-checkpoints-logs/s3-access/*");
    assert.deepStrictEqual(delivery.Condition, { ArnLike: { "aws:SourceArn": "arn:aws:s3:::dynamo-ha-eks-us-east-1-checkpoints" }, StringEquals: { "aws:SourceAccount": "111122223333" } });
    assert.strictEqual(tls.Effect, "Deny");
    const [sse] = p.one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "checkpoints-logs-sse").inputs.rules as Record<string, Record<string, unknown>>[];
    assert.deepStrictEqual(sse.applyServerSideEncryptionByDefault, { sseAlgorithm: "AES256" });
    const block = p.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "checkpoints-logs-public-access").inputs;
    assert.deepStrictEqual([block.blockPublicAcls, block.blockPublicPolicy, block.ignorePublicAcls, block.restrictPublicBuckets], [true, true, true, true]);
    assert.deepStrictEqual(p.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs.rule, { objectOwnership: "BucketOwnerEnforced" });
    const [life] = p.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "checkpoints-logs-lifecycle").inputs.rules as Record<string, unknown>[];
    assert.deepStrictEqual(life.expiration, { days: 90 });
  });

  it("replicates both prefixes to the bucket and key the peer's outputs name, RTC and metrics when asked", async () => {
    const p = await s3({ storage: { replicateToRegion: "us-west-2", replicationTimeControl: true }, dr: { role: "primary", peerStack: "eks-us-west-2" } });
    const rep = p.one("aws:s3/bucketReplicationConfig:BucketReplicationConfig");
    const rules = rep.inputs.rules as Record<string, Record<string, unknown>>[];
    assert.deepStrictEqual(rules.map((r) => [r.filter, r.priority]), [[{ prefix: "checkpoints/" }, 1], [{ prefix: "models/" }, 2]]);
    const [rule] = rules;
    assert.strictEqual(rule.status as unknown, "Enabled");
    // Not a name built here: the ARNs the peer's outputs carry (the plan's placeholders for eks-us-west-2).
    assert.strictEqual(rule.destination.bucket, "arn:aws:s3:::dynamo-ha-eks-us-west-2-checkpoints");
    assert.deepStrictEqual(rule.destination.encryptionConfiguration, { replicaKmsKeyId: "arn:aws:kms:us-west-2:123456789012:key/plan-eks-us-west-2" });
    const policy = JSON.parse(String(p.of("aws:iam/rolePolicy:RolePolicy").find((r) => r.name === "checkpoints-replication")!.inputs.policy));
    assert.strictEqual(policy.Statement.find((s: { Sid: string }) => s.Sid === "EncryptReplicas").Resource, "arn:aws:kms:us-west-2:123456789012:key/plan-eks-us-west-2");
    assert.deepStrictEqual(rule.destination.replicationTime, { status: "Enabled", time: { minutes: 15 } });
    assert.deepStrictEqual(rule.destination.metrics, { status: "Enabled", eventThreshold: { minutes: 15 } });
    assert.deepStrictEqual(rule.sourceSelectionCriteria, { sseKmsEncryptedObjects: { status: "Enabled" } });
    // Replication needs versioning on first.
    assert.ok(rep.dependsOn.includes(p.one("aws:s3/bucketVersioning:BucketVersioning").urn));
    const trust = JSON.parse(String(p.of("aws:iam/role:Role").find((r) => r.name === "checkpoints-replication")!.inputs.assumeRolePolicy));
    assert.deepStrictEqual(trust.Statement[0].Principal, { Service: "s3.amazonaws.com" });
    // No source condition: S3 is not documented to send one when it assumes the role (policies.ts).
    assert.strictEqual(trust.Statement[0].Condition, undefined);
    const plain = await s3({ storage: { replicateToRegion: "us-west-2" }, dr: { role: "primary", peerStack: "eks-us-west-2" } });
    const [r2] = plain.one("aws:s3/bucketReplicationConfig:BucketReplicationConfig").inputs.rules as Record<string, Record<string, unknown>>[];
    assert.strictEqual(r2.destination.replicationTime, undefined);
  });
});

describe("regional storage: Azure Blob (dynamo-ha:azure:CheckpointStore)", () => {
  async function blob(over: Record<string, unknown> = {}) {
    let facts: StorageFacts | undefined;
    const c = regionalConfig("aks-eastus2", over);
    const cap = await captureProgram(() => {
      const s = buildStorage(c, fakeFacts("azure", c.region), undefined, fakeCloudProvider("azure", c.region));
      facts = s.facts;
      return s.outputs;
    });
    return { ...cap, facts: facts! };
  }

  it("private, TLS 1.2, HTTPS only, no shared keys, versioning and soft delete", async () => {
    const p = await blob();
    const acct = p.one("azure-native:storage:StorageAccount");
    assert.strictEqual(acct.inputs.allowBlobPublicAccess, false);
    assert.strictEqual(acct.inputs.minimumTlsVersion, "TLS1_2");
    assert.strictEqual(acct.inputs.enableHttpsTrafficOnly, true);
    assert.strictEqual(acct.inputs.allowSharedKeyAccess, false);
    assert.deepStrictEqual(acct.inputs.sku, { name: "Standard_ZRS" });
    const svc = p.one("azure-native:storage:BlobServiceProperties").inputs;
    assert.strictEqual(svc.isVersioningEnabled, true);
    assert.deepStrictEqual(svc.deleteRetentionPolicy, { enabled: true, days: 30 });
    assert.deepStrictEqual(svc.containerDeleteRetentionPolicy, { enabled: true, days: 30 });
    // Object replication needs versioning on both accounts and the change feed on the source: on everywhere.
    assert.deepStrictEqual(svc.changeFeed, { enabled: true, retentionInDays: 30 });
    assert.deepStrictEqual(
      p.of("azure-native:storage:BlobContainer").map((c) => [c.inputs.containerName, c.inputs.publicAccess]),
      [["checkpoints", "None"], ["models", "None"]],
    );
    assert.deepStrictEqual([p.outputs.checkpointPrefix, p.outputs.modelPrefix], ["checkpoints", "models"]);
    assert.strictEqual(p.outputs.checkpointAccountId, "checkpoints-account-id");
  });

  it("workload identity: federated credential for the service account and a blob data role on each container", async () => {
    const p = await blob();
    const fic = p.one("azure-native:managedidentity:FederatedIdentityCredential").inputs;
    assert.strictEqual(fic.subject, "system:serviceaccount:dynamo:llm-storage");
    assert.deepStrictEqual(fic.audiences, ["api://AzureADTokenExchange"]);
    assert.strictEqual(fic.issuer, "https://oidc.aks.test/");
    const ras = p.of("azure-native:authorization:RoleAssignment");
    assert.strictEqual(ras.length, 2);
    for (const ra of ras) assert.match(String(ra.inputs.roleDefinitionId), /roleDefinitions\/ba92f5b4-2d11-453d-a403-e96b0029c9fe$/);
    assert.deepStrictEqual(ras.map((ra) => String(ra.inputs.scope).replace(/^.*\/blobServices\/default\/containers\//, "")), ["checkpoints", "models"]);
    assert.deepStrictEqual(p.facts.podLabels, { "azure.workload.identity/use": "true" });
    assert.ok("azure.workload.identity/client-id" in p.facts.serviceAccountAnnotations);
  });

  it("geo-redundant (RA-GZRS) only when asked, independent of replication; protection on by default, off with allowDataLoss", async () => {
    const geo = await blob({ storage: { geoRedundant: true } });
    assert.deepStrictEqual(geo.one("azure-native:storage:StorageAccount").inputs.sku, { name: "Standard_RAGZRS" });
    const kept = ["azure-native:storage:StorageAccount", "azure-native:storage:BlobServiceProperties", "azure-native:storage:BlobContainer"];
    const replicating = await blob();
    assert.deepStrictEqual(replicating.one("azure-native:storage:StorageAccount").inputs.sku, { name: "Standard_ZRS" });
    for (const t of kept) for (const r of replicating.of(t)) assert.deepStrictEqual([r.protect, r.retainOnDelete], [true, true], `${t} ${r.name}`);
    // Replication policies: protected, but not retained (one left in Azure keeps the peer read-only).
    const policies = replicating.of("azure-native:storage:ObjectReplicationPolicy");
    assert.strictEqual(policies.length, 2);
    for (const r of policies) assert.deepStrictEqual([r.protect, r.retainOnDelete], [true, false], r.name);
    const loose = await blob({ storage: { allowDataLoss: true, replicateToRegion: "westus3" } });
    for (const t of [...kept, "azure-native:storage:ObjectReplicationPolicy"]) {
      assert.ok(loose.of(t).length > 0, t);
      for (const r of loose.of(t)) assert.deepStrictEqual([r.protect, r.retainOnDelete], [false, false], `${t} ${r.name}`);
    }
  });

  it("object replication into the peer's account: the destination policy first, then the source policy with its IDs", async () => {
    // aks-eastus2 replicates to westus3; aks-westus3's account comes from its outputs (a StackReference).
    const p = await blob();
    const peerAccount = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/dynamo-aks-westus3-rg/providers/Microsoft.Storage/storageAccounts/dynhaakswestus3";
    const policies = p.of("azure-native:storage:ObjectReplicationPolicy");
    const dst = policies.find((r) => r.name === "checkpoints-replication-destination")!;
    const src = policies.find((r) => r.name === "checkpoints-replication-source")!;
    assert.strictEqual(policies.length, 2);
    // Destination: on the peer's account, policy ID "default", both accounts by resource ID, one rule per container.
    assert.deepStrictEqual([dst.inputs.accountName, dst.inputs.resourceGroupName, dst.inputs.objectReplicationPolicyId], ["dynhaakswestus3", "dynamo-aks-westus3-rg", "default"]);
    assert.deepStrictEqual([dst.inputs.sourceAccount, dst.inputs.destinationAccount], ["checkpoints-account-id", peerAccount]);
    assert.deepStrictEqual(dst.inputs.rules, [
      { sourceContainer: "checkpoints", destinationContainer: "checkpoints", filters: ALL_BLOBS },
      { sourceContainer: "models", destinationContainer: "models", filters: ALL_BLOBS },
    ]);
    // Through a provider for the peer's subscription and location, not this region's provider.
    const peerProvider = p.resources.find((r) => r.type === "pulumi:providers:azure-native" && r.name === "checkpoints-replication-peer")!;
    assert.deepStrictEqual([peerProvider.inputs.subscriptionId, peerProvider.inputs.location], ["00000000-0000-0000-0000-000000000000", "westus3"]);
    assert.ok(dst.provider.startsWith(peerProvider.urn), dst.provider);
    // Source: on this account, after the destination, repeating the IDs Azure generated for it.
    assert.deepStrictEqual([src.inputs.accountName, src.inputs.resourceGroupName, src.inputs.objectReplicationPolicyId], ["dynhaakseastus2", "rg-test", GENERATED_POLICY_ID]);
    assert.deepStrictEqual([src.inputs.sourceAccount, src.inputs.destinationAccount], ["checkpoints-account-id", peerAccount]);
    assert.deepStrictEqual(src.inputs.rules, [
      { sourceContainer: "checkpoints", destinationContainer: "checkpoints", filters: ALL_BLOBS, ruleId: "rule-1-checkpoints" },
      { sourceContainer: "models", destinationContainer: "models", filters: ALL_BLOBS, ruleId: "rule-2-models" },
    ]);
    assert.ok(src.dependsOn.includes(dst.urn), "the source policy waits for the destination policy");
    for (const c of p.of("azure-native:storage:BlobContainer")) assert.ok(src.dependsOn.includes(c.urn), `the source policy waits for container ${c.name}`);
    assert.ok(src.provider.startsWith(CLOUD_PROVIDER_REF.azure), src.provider);
    for (const r of policies) assert.deepStrictEqual(r.inputs.metrics, { enabled: true });
  });

  it("network rules deny all but the AKS node subnet (and trusted Azure services); no cross-tenant replication", async () => {
    const acct = (await blob()).one("azure-native:storage:StorageAccount").inputs;
    assert.deepStrictEqual(acct.networkRuleSet, {
      defaultAction: "Deny",
      bypass: "AzureServices",
      virtualNetworkRules: [{ virtualNetworkResourceId: NODE_SUBNET_ID, action: "Allow" }],
      ipRules: [],
    });
    assert.strictEqual(acct.allowCrossTenantReplication, false);
    // Microsoft-managed keys unless a key is named.
    assert.strictEqual(acct.encryption, undefined);
    assert.strictEqual(acct.identity, undefined);
  });

  it("a customer-managed key: an identity of its own, granted on the key alone, before the account uses it", async () => {
    const keyId = "/subscriptions/sub-kv/resourceGroups/rg-kv/providers/Microsoft.KeyVault/vaults/ckpt-vault/keys/storage-cmk";
    const p = await blob({ storage: { azure: { customerManagedKeyId: keyId } } });
    const acct = p.one("azure-native:storage:StorageAccount");
    const identity = p.of("azure-native:managedidentity:UserAssignedIdentity").find((r) => r.name === "checkpoints-encryption")!;
    const grant = p.of("azure-native:authorization:RoleAssignment").find((r) => r.name === "checkpoints-encryption-key-user")!;
    assert.strictEqual(grant.inputs.scope, keyId);
    assert.strictEqual(grant.inputs.roleDefinitionId, "/subscriptions/sub-kv/providers/Microsoft.Authorization/roleDefinitions/e147488a-f6f5-4113-8e2d-b22465e65bf6");
    assert.strictEqual(grant.inputs.principalId, "checkpoints-encryption-principal");
    const enc = acct.inputs.encryption as Record<string, Record<string, unknown>>;
    assert.strictEqual(enc.keySource as unknown, "Microsoft.Keyvault");
    assert.deepStrictEqual(enc.keyVaultProperties, { keyVaultUri: "https://ckpt-vault.vault.azure.net", keyName: "storage-cmk" });
    assert.ok(acct.propertyDependencies.encryption.includes(identity.urn));
    assert.strictEqual((acct.inputs.identity as Record<string, unknown>).type, "UserAssigned");
    assert.ok(acct.dependsOn.includes(grant.urn), "the account waits for the grant");
    // Losing either makes the account's data unreadable: both are kept like it.
    for (const r of [identity, grant]) assert.deepStrictEqual([r.protect, r.retainOnDelete], [true, true], r.name);
  });

  it("a secondary creates no policy; it exports its account for the primary", async () => {
    const c = regionalConfig("aks-westus3");
    const p = await captureProgram(() => buildStorage(c, fakeFacts("azure", c.region), undefined, fakeCloudProvider("azure", c.region)).outputs);
    assert.strictEqual(p.of("azure-native:storage:ObjectReplicationPolicy").length, 0);
    assert.deepStrictEqual(p.one("azure-native:storage:BlobServiceProperties").inputs.changeFeed, { enabled: true, retentionInDays: 30 });
    assert.deepStrictEqual([p.outputs.checkpointBackend, p.outputs.checkpointStore], ["azure-blob", "dynhaakswestus3"]);
  });
});

describe("regional storage: ReadWriteMany PVC and none", () => {
  it("a protected RWX PVC that validates against the Kubernetes schema", async () => {
    let facts: StorageFacts | undefined;
    const c = regionalConfig("eks-us-east-1", { storage: { backend: "pvc", pvcSize: "500Gi", pvcStorageClass: "efs-sc" } });
    const p = await captureProgram(() => {
      const s = buildStorage(c, fakeFacts("aws", c.region), undefined, fakeCloudProvider("aws", c.region));
      facts = s.facts;
      return s.outputs;
    });
    const pvc = p.one("kubernetes:core/v1:PersistentVolumeClaim");
    assert.deepStrictEqual([pvc.protect, pvc.retainOnDelete], [true, true]);
    assert.match(pvc.provider, /pulumi:providers:kubernetes::k8s::/);
    const spec = pvc.inputs.spec as Record<string, unknown>;
    assert.deepStrictEqual(spec.accessModes, ["ReadWriteMany"]);
    assert.strictEqual(spec.storageClassName, "efs-sc");
    const { PersistentVolumeClaim } = await esmImport("kubernetes-models/v1/PersistentVolumeClaim");
    new PersistentVolumeClaim({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: pvc.inputs.metadata, spec }).validate();
    assert.deepStrictEqual([facts!.backend, facts!.pvcName], ["pvc", "chrek-pvc"]);
    // The claim reaches the pods through the operator's checkpoint block, not env vars the runtime never reads.
    assert.deepStrictEqual(facts!.checkpoint, { pvcName: "chrek-pvc", basePath: "/checkpoints" });
    assert.deepStrictEqual(facts!.env, {});
    const loose = await captureProgram(() => buildStorage(regionalConfig("eks-us-east-1", { storage: { backend: "pvc", pvcStorageClass: "efs-sc", allowDataLoss: true } }), fakeFacts("aws", "us-east-1"), undefined, fakeCloudProvider("aws", "us-east-1")).outputs);
    const p2 = loose.one("kubernetes:core/v1:PersistentVolumeClaim");
    assert.deepStrictEqual([p2.protect, p2.retainOnDelete], [false, false]);
  });

  it("backend none registers nothing", async () => {
    const p = await captureProgram(() => buildStorage(regionalConfig("eks-us-east-1", { storage: { backend: "none" } }), fakeFacts("aws", "us-east-1"), undefined, fakeCloudProvider("aws", "us-east-1")).outputs);
    assert.deepStrictEqual(p.resources.filter((r) => !r.type.startsWith("pulumi:providers:")).map((r) => r.type), []);
  });
});

describe("regional storage: the region's cloud provider, never the default one", () => {
  const cloudResources = (rs: ResourceRecord[]) => rs.filter((r) => r.custom && (r.type.startsWith("aws:") || r.type.startsWith("azure-native:")));

  it("every S3 resource (replication and pod access included) goes through the region's aws.Provider", async () => {
    const c = regionalConfig("eks-us-east-1", { storage: { replicateToRegion: "us-west-2", replicationTimeControl: true }, dr: { role: "primary", peerStack: "eks-us-west-2" } });
    const p = await captureProgram(() => buildStorage(c, fakeFacts("aws", c.region), undefined, fakeCloudProvider("aws", c.region)).outputs);
    const rs = cloudResources(p.resources);
    assert.ok(rs.length >= 12, `S3, KMS, IAM and EKS resources: ${rs.map((r) => r.type)}`);
    for (const r of rs) assert.ok(r.provider.startsWith(CLOUD_PROVIDER_REF.aws), `${r.type} ${r.name}: ${r.provider || "default provider"}`);
  });

  it("every Azure Blob resource goes through the region's azure-native Provider (the peer's policy through the peer's)", async () => {
    const c = regionalConfig("aks-eastus2");
    const p = await captureProgram(() => buildStorage(c, fakeFacts("azure", c.region), undefined, fakeCloudProvider("azure", c.region)).outputs);
    const rs = cloudResources(p.resources).filter((r) => r.name !== "checkpoints-replication-destination");
    assert.ok(rs.length >= 6, `storage, identity and role resources: ${rs.map((r) => r.type)}`);
    for (const r of rs) assert.ok(r.provider.startsWith(CLOUD_PROVIDER_REF.azure), `${r.type} ${r.name}: ${r.provider || "default provider"}`);
  });
});

describe("regional storage: KMS aliases of dotted bucket names", () => {
  it("the key's alias replaces the dots bucket names may hold", async () => {
    const c = regionalConfig("eks-us-east-1", { storage: { name: "ckpt.east.example", replicateToRegion: "us-west-2" }, dr: { role: "primary", peerStack: "eks-us-west-2" } });
    const p = await captureProgram(() => buildStorage(c, fakeFacts("aws", c.region), undefined, fakeCloudProvider("aws", c.region)).outputs);
    const alias = String(p.one("aws:kms/alias:Alias").inputs.name);
    assert.strictEqual(alias, "alias/ckpt-east-example");
    assert.match(alias, /^alias\/[a-zA-Z0-9/_-]+$/);
    assert.strictEqual(p.one("aws:s3/bucket:Bucket", "checkpoints-bucket").inputs.bucket, "ckpt.east.example");
  });
});

describe("regional storage: ReadWriteMany class defaults", () => {
  it("Azure defaults to its own Azure Files premium class that retains the share; AWS uses the class the stack names", async () => {
    const az = regionalConfig("aks-eastus2", { storage: { backend: "pvc" } });
    const pa = await captureProgram(() => buildStorage(az, fakeFacts("azure", az.region), undefined, fakeCloudProvider("azure", az.region)).outputs);
    const claim = pa.one("kubernetes:core/v1:PersistentVolumeClaim");
    assert.strictEqual((claim.inputs.spec as Record<string, unknown>).storageClassName, "azurefile-premium-retain");
    const cls = pa.one("kubernetes:storage.k8s.io/v1:StorageClass");
    assert.deepStrictEqual([cls.inputs.provisioner, cls.inputs.reclaimPolicy, (cls.inputs.metadata as Record<string, unknown>).name], ["file.csi.azure.com", "Retain", "azurefile-premium-retain"]);
    assert.ok(claim.dependsOn.includes(cls.urn), "the claim waits for its class");
    const loose = regionalConfig("aks-eastus2", { storage: { backend: "pvc", allowDataLoss: true } });
    const pl = await captureProgram(() => buildStorage(loose, fakeFacts("azure", loose.region), undefined, fakeCloudProvider("azure", loose.region)).outputs);
    assert.strictEqual(pl.one("kubernetes:storage.k8s.io/v1:StorageClass").inputs.reclaimPolicy, "Delete");
    const aws = regionalConfig("eks-us-east-1", { storage: { backend: "pvc", pvcStorageClass: "my-efs" } });
    const pw = await captureProgram(() => buildStorage(aws, fakeFacts("aws", aws.region), undefined, fakeCloudProvider("aws", aws.region)).outputs);
    assert.strictEqual((pw.one("kubernetes:core/v1:PersistentVolumeClaim").inputs.spec as Record<string, unknown>).storageClassName, "my-efs");
    assert.strictEqual(pw.of("kubernetes:storage.k8s.io/v1:StorageClass").length, 0, "a named class is not created");
  });
});
