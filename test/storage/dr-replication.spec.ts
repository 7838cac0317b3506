// The bundled DR pairs planned whole: the primary replicates into the store its peer's outputs name
// (peer first), and a peer that is missing or of the wrong kind stops the plan with one line.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { configErrorLine, plan } from "../../tools/plan/run";
import { ResourceRecord } from "../../tools/plan/records";
import { STACKS_DIR } from "../../tools/plan/stack-file";
import { plannedStack } from "../support/plans";
import { COPY_EXISTING_BLOBS } from "../../components/storage/object-replication";

/** Existing blobs are copied too, not only new ones. */
const ALL_BLOBS = { minCreationTime: COPY_EXISTING_BLOBS };

const OR = "azure-native:storage:ObjectReplicationPolicy";
const named = (rs: ResourceRecord[], type: string, name: string) => rs.find((r) => r.type === type && r.name === name)!;

/** Plans `stack` from a copy of the bundled stack files with its `dynamo-ha:dr` changed; the one-line error. */
async function planErrorWithDr(stack: string, dr: Record<string, unknown>): Promise<string | undefined> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-stacks-"));
  for (const f of fs.readdirSync(STACKS_DIR).filter((f) => /^Pulumi\..*\.yaml$/.test(f))) fs.copyFileSync(path.join(STACKS_DIR, f), path.join(dir, f));
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  const doc = parse(fs.readFileSync(file, "utf8")) as { config: Record<string, unknown> };
  doc.config["dynamo-ha:dr"] = { ...(doc.config["dynamo-ha:dr"] as object), ...dr };
  fs.writeFileSync(file, stringify(doc));
  try {
    await plan(stack, { stacksDir: dir, policy: false });
    return undefined;
  } catch (e) {
    return configErrorLine(e) ?? `not a one-line error: ${String(e)}`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("DR replication of the bundled pairs (whole plans)", function () {
  it("aks-eastus2: the destination policy on aks-westus3's account, then the source policy on its own", async () => {
    const p = await plannedStack("aks-eastus2");
    const dst = named(p.resources, OR, "checkpoints-replication-destination");
    const src = named(p.resources, OR, "checkpoints-replication-source");
    const peerAccount = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/dynamo-aks-westus3-rg/providers/Microsoft.Storage/storageAccounts/dynhaakswestus3";
    assert.deepStrictEqual(
      [dst.inputs.accountName, dst.inputs.resourceGroupName, dst.inputs.objectReplicationPolicyId, dst.inputs.destinationAccount],
      ["dynhaakswestus3", "dynamo-aks-westus3-rg", "default", peerAccount],
    );
    assert.deepStrictEqual(dst.inputs.rules, [
      { sourceContainer: "checkpoints", destinationContainer: "checkpoints", filters: ALL_BLOBS },
      { sourceContainer: "models", destinationContainer: "models", filters: ALL_BLOBS },
    ]);
    const account = named(p.resources, "azure-native:storage:StorageAccount", "checkpoints-account");
    assert.ok(dst.propertyDependencies.sourceAccount.includes(account.urn), "the destination policy names this account");
    // The source policy takes Azure's generated IDs from the destination policy, so it comes after it.
    assert.deepStrictEqual([src.inputs.accountName, src.inputs.destinationAccount], ["dynhaakseastus2", peerAccount]);
    assert.ok(src.dependsOn.includes(dst.urn));
    assert.ok(src.propertyDependencies.objectReplicationPolicyId.includes(dst.urn));
    // Protected, not retained: a policy left behind in Azure would keep the peer's containers read-only.
    for (const r of [dst, src]) assert.deepStrictEqual([r.protect, r.retainOnDelete], [true, false], r.name);
    assert.strictEqual(p.outputs.checkpointBackend, "azure-blob");
  });

  it("both Azure accounts keep versioning and the change feed object replication requires", async () => {
    for (const stack of ["aks-eastus2", "aks-westus3"]) {
      const p = await plannedStack(stack);
      const svc = p.resources.find((r) => r.type === "azure-native:storage:BlobServiceProperties")!;
      assert.strictEqual(svc.inputs.isVersioningEnabled, true, stack);
      assert.deepStrictEqual(svc.inputs.changeFeed, { enabled: true, retentionInDays: 30 }, stack);
      assert.deepStrictEqual(p.resources.filter((r) => r.type === "azure-native:storage:BlobContainer").map((r) => r.inputs.containerName), ["checkpoints", "models"], stack);
      // The peer declares no policy: the primary declares both, in Azure's order.
      if (stack === "aks-westus3") assert.strictEqual(p.resources.filter((r) => r.type === OR).length, 0);
    }
  });

  it("eks-us-east-1: S3 replication into the bucket and key eks-us-west-2's outputs name", async () => {
    const p = await plannedStack("eks-us-east-1");
    const rep = p.resources.find((r) => r.type === "aws:s3/bucketReplicationConfig:BucketReplicationConfig")!;
    const rules = rep.inputs.rules as { filter: unknown; destination: { bucket: string; encryptionConfiguration: unknown } }[];
    assert.deepStrictEqual(rules.map((r) => r.filter), [{ prefix: "checkpoints/" }, { prefix: "models/" }]);
    for (const r of rules) {
      assert.strictEqual(r.destination.bucket, "arn:aws:s3:::dynamo-ha-eks-us-west-2-checkpoints");
      assert.deepStrictEqual(r.destination.encryptionConfiguration, { replicaKmsKeyId: "arn:aws:kms:us-west-2:123456789012:key/plan-eks-us-west-2" });
    }
    const west = await plannedStack("eks-us-west-2");
    assert.deepStrictEqual([west.outputs.checkpointBucketArn, west.outputs.checkpointKeyArn], ["<computed>", "<computed>"], "the peer exports its bucket and key ARNs");
  });

  it("a peer that is not deployed (no outputs) stops the primary's plan with one line naming it", async () => {
    assert.strictEqual(
      await planErrorWithDr("eks-us-east-1", { peerStack: "eks-us-west-9" }),
      "dynamo-ha:dr.peerStack: stack 'organization/dynamo-ha/eks-us-west-9' has no output 'cloud': deploy the peer first (pulumi up -s eks-us-west-9), then this stack",
    );
  });

  it("a peer of the other cloud or another primary is refused with one line naming the key", async () => {
    assert.strictEqual(
      await planErrorWithDr("eks-us-east-1", { peerStack: "aks-westus3" }),
      "dynamo-ha:dr.peerStack: must be a regional aws stack with dr.role secondary to receive this primary's replication, got aks-westus3 (azure, secondary)",
    );
    assert.strictEqual(
      await planErrorWithDr("aks-westus3", { role: "primary", peerStack: "aks-eastus2" }),
      undefined,
      "a primary without replicateToRegion reads no peer store",
    );
  });
});
