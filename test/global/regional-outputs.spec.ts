import * as assert from "assert";
import { REGIONAL_OUTPUTS, STORAGE_OUTPUTS } from "../../components/core/regional-outputs";
import { planStackReference } from "../../tools/plan/stack-reference";
import { loadStackFile } from "../../tools/plan/stack-file";
import { plannedStack } from "../support/plans";

describe("regional outputs the global stack reads", () => {
  it("a bundled regional plan exports every name the global stack reads, plus storage", async () => {
    const p = await plannedStack("eks-us-east-1");
    for (const name of [...Object.values(REGIONAL_OUTPUTS), ...Object.values(STORAGE_OUTPUTS)]) assert.ok(name in p.outputs, `output ${name}`);
    assert.strictEqual(p.outputs.role, "primary");
    assert.strictEqual(p.outputs.checkpointBackend, "s3");
    const bucket = p.resources.find((r) => r.type === "aws:s3/bucket:Bucket" && r.name === "checkpoints-bucket")!;
    assert.deepStrictEqual([bucket.protect, bucket.retainOnDelete], [true, true]);
  });

  it("the plan's StackReference answer mirrors a bundled stack file (its edge: HTTPS on 443)", () => {
    const west = planStackReference("organization/dynamo-ha/eks-us-west-2")!.outputs as Record<string, unknown>;
    const file = loadStackFile("eks-us-west-2").config;
    const dr = JSON.parse(file["dynamo-ha:dr"]) as { role: string; priority: number };
    assert.deepStrictEqual(
      { ...west },
      {
        frontendHost: "eks-us-west-2.frontend.invalid",
        frontendPort: 443,
        frontendProtocol: "HTTPS",
        frontendEndpoint: "https://eks-us-west-2.frontend.invalid",
        healthPath: "/health", region: file["dynamo-ha:region"], role: dr.role, priority: dr.priority, weight: 100, cloud: file["dynamo-ha:cloud"] },
    );
    assert.strictEqual(planStackReference("organization/dynamo-ha/not-bundled"), undefined);
  });
});
