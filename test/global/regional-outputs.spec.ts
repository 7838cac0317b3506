import * as assert from "assert";
import { REGIONAL_OUTPUTS, STORAGE_OUTPUTS } from "../../components/core/regional-outputs";
import { planStackReference } from "../../tools/plan/stack-reference";
import { loadStackFile } from "../../tools/plan/stack-file";
import { plannedStack } from "../support/plans";

describe("regional outputs the global stack reads", () => {
  it("a bundled regional plan exports every name the global stack reads, plus storage", async () => {
    const p = await plannedStack("eks-us-east-1");
    // The Azure account ID is the only storage output an S3 store has no counterpart for.
    const storage = Object.values(STORAGE_OUTPUTS).filter((n) => n !== STORAGE_OUTPUTS.accountId);
    for (const name of [...Object.values(REGIONAL_OUTPUTS), ...storage]) assert.ok(name in p.outputs, `output ${name}`);
    assert.strictEqual(p.outputs.role, "primary");
    assert.strictEqual(p.outputs.checkpointBackend, "s3");
    const bucket = p.resources.find((r) => r.type === "aws:s3/bucket:Bucket" && r.name === "checkpoints-bucket")!;
    assert.deepStrictEqual([bucket.protect, bucket.retainOnDelete], [true, true]);
  });

  it("the plan's StackReference answer mirrors a bundled stack file (its edge: HTTPS on 443)", () => {
    const west = planStackReference("organization/dynamo-ha/eks-us-west-2").outputs as Record<string, unknown>;
    const file = loadStackFile("eks-us-west-2").config;
    const dr = JSON.parse(file["dynamo-ha:dr"]) as { role: string; priority: number };
    assert.deepStrictEqual(
      { ...west },
      {
        frontendHost: "eks-us-west-2.frontend.invalid",
        frontendPort: 443,
        frontendProtocol: "HTTPS",
        frontendEndpoint: "https://eks-us-west-2.frontend.invalid",
        healthPath: "/health", region: file["dynamo-ha:region"], role: dr.role, priority: dr.priority, weight: 100, cloud: file["dynamo-ha:cloud"],
        checkpointBackend: "s3",
        checkpointStore: "dynamo-ha-eks-us-west-2-checkpoints",
        checkpointPrefix: "checkpoints",
        modelPrefix: "models",
        checkpointBucketArn: "arn:aws:s3:::dynamo-ha-eks-us-west-2-checkpoints",
        checkpointKeyArn: "arn:aws:kms:us-west-2:123456789012:key/plan-eks-us-west-2" },
    );
    // A stack the plan does not bundle answers like one never deployed: no outputs.
    assert.deepStrictEqual(planStackReference("organization/dynamo-ha/not-bundled"), { outputs: {}, secretOutputNames: [] });
  });

  it("the plan answers only with outputs the referenced stack's own plan exports", async () => {
    for (const stack of ["eks-us-west-2", "aks-westus3"]) {
      const answered = Object.keys(planStackReference(`organization/dynamo-ha/${stack}`).outputs as object);
      const exported = Object.keys((await plannedStack(stack)).outputs);
      assert.deepStrictEqual(answered.filter((k) => !exported.includes(k)), [], stack);
    }
  });
});
