import * as assert from "assert";
import { planJson } from "../../tools/plan/run";
import { plannedWithPolicy } from "../support/pack";
import { plannedStack } from "../support/plans";

describe("plan of eks-us-east-1 (whole program)", function () {
  this.timeout(180000);

  it("shows the GPU node groups with the capacity rows naming them", async () => {
    const p = await plannedStack("eks-us-east-1");
    const groups = p.resources.filter((r) => r.type === "aws:eks/nodeGroup:NodeGroup" && String(r.inputs.nodeGroupNamePrefix).startsWith("gpu-"));
    assert.strictEqual(groups.length, 6);
    assert.ok(p.capacity);
    // A capacity row names its node group by the prefix EKS gives the group's unique name.
    assert.deepStrictEqual(p.capacity.pools.map((x) => x.name).sort(), groups.map((g) => String(g.inputs.nodeGroupNamePrefix)).sort());
    assert.deepStrictEqual(Object.keys(p.capacity.withoutZone).sort(), ["us-east-1a", "us-east-1b", "us-east-1c"]);
    for (const gpus of Object.values(p.capacity.withoutZone)) assert.ok(gpus >= p.capacity.requiredGpus);
    assert.strictEqual(p.outputs.kubeconfig === "[secret]" || p.outputs.kubeconfig === "<computed>", true);
    assert.ok(!JSON.stringify(p.outputs).includes("get-token"), "kubeconfig never in clear");
  });

  it("the --json document (what `npm run plan -- --json` prints) names every capacity row's node group", async () => {
    const doc = JSON.parse(JSON.stringify(planJson(await plannedWithPolicy("eks-us-east-1"))));
    const names = doc.resources.filter((r: { type: string }) => r.type === "aws:eks/nodeGroup:NodeGroup").map((r: { inputs: { nodeGroupNamePrefix: string } }) => r.inputs.nodeGroupNamePrefix);
    for (const pool of doc.capacity.pools) assert.ok(names.includes(pool.name), pool.name);
    assert.strictEqual(typeof doc.capacity.withoutSpot, "number");
  });
});
