// The storage hardening as the bundled stacks' plans show it: key policy, replication trust
// conditions, access logging (AWS); network rules admitting the node subnet (Azure).
import * as assert from "assert";
import { plannedStack } from "../support/plans";

describe("storage hardening in the bundled plans", function () {
  this.timeout(120000);

  it("eks-us-east-1: explicit key policy, replication role for its own bucket only, access logs to a kept log bucket", async () => {
    const rs = (await plannedStack("eks-us-east-1")).resources;
    const named = (type: string, name: string) => rs.find((r) => r.type === type && r.name === name)!;
    const key = JSON.parse(String(named("aws:kms/key:Key", "checkpoints-key").inputs.policy));
    assert.deepStrictEqual(
      key.Statement.map((s: { Sid: string }) => s.Sid),
      ["AccountAdministersKeyThroughIam"],
    );
    const trust = JSON.parse(String(named("aws:iam/role:Role", "checkpoints-replication").inputs.assumeRolePolicy));
    // S3 is not documented to send source keys when it assumes the replication role (policies.ts).
    assert.deepStrictEqual(trust.Statement, [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }]);
    const logBucket = named("aws:s3/bucket:Bucket", "checkpoints-logs-bucket");
    assert.strictEqual(logBucket.inputs.bucket, "dynamo-ha-eks-us-east-1-checkpoints-logs");
    const logging = rs.filter((r) => r.type === "aws:s3/bucketLogging:BucketLogging");
    assert.strictEqual(logging.length, 1);
    assert.strictEqual(logging[0].inputs.targetPrefix, "s3-access/");
    const delivery = JSON.parse(String(named("aws:s3/bucketPolicy:BucketPolicy", "checkpoints-logs-policy").inputs.policy)).Statement[0];
    assert.strictEqual(delivery.Resource, "arn:aws:s3:::dynamo-ha-eks-us-east-1-checkpoints-logs/s3-access/*");
    assert.strictEqual(delivery.Condition.ArnLike["aws:SourceArn"], "arn:aws:s3:::dynamo-ha-eks-us-east-1-checkpoints");
    for (const r of [logBucket, logging[0]]) assert.deepStrictEqual([r.protect, r.retainOnDelete], [true, true], r.name);
  });

  it("aks-eastus2: the account denies every network but the node subnet, which has the Microsoft.Storage endpoint", async () => {
    const rs = (await plannedStack("aks-eastus2")).resources;
    const acct = rs.find((r) => r.type === "azure-native:storage:StorageAccount")!;
    // The subnet ID is unknown in a preview, so the plan shows the rule set as computed, built from the
    // node subnet; its full value is asserted under mocks (build-storage.spec.ts).
    assert.ok(acct.inputs.networkRuleSet !== undefined, "the account has network rules");
    const subnet = rs.find((r) => r.type === "azure-native:network:Subnet" && r.inputs.subnetName === "nodes")!;
    assert.deepStrictEqual(subnet.inputs.serviceEndpoints, [{ service: "Microsoft.Storage" }]);
    assert.ok(acct.propertyDependencies.networkRuleSet.includes(subnet.urn), "the rule names the node subnet");
    assert.strictEqual(acct.inputs.allowCrossTenantReplication, false);
  });
});
