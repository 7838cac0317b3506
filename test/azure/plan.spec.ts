// The whole program for the bundled AKS stack: cloud layer, storage, Kubernetes layer, observability.
import * as assert from "assert";
import { AKS_STACK } from "./fixtures";
import { plannedStack } from "../support/plans";

describe("plan aks-eastus2 (whole program under mocks)", function () {
  it("shows the GPU agent pools and the capacity rows", async () => {
    const p = await plannedStack(AKS_STACK);
    const pools = p.resources.filter((r) => r.type === "azure-native:containerservice:AgentPool");
    assert.strictEqual(pools.length, 6);
    assert.ok(p.capacity, "capacity section");
    assert.strictEqual(p.capacity!.pools.length, 6);
    assert.deepStrictEqual(Object.keys(p.capacity!.withoutZone).sort(), ["1", "2", "3"]);
    for (const gpus of Object.values(p.capacity!.withoutZone)) assert.ok(gpus >= 8);
    assert.ok(p.capacity!.withoutSpot >= 4);
    assert.strictEqual(p.outputs.kubeconfig === "[secret]" || p.outputs.kubeconfig === "<computed>", true);
  });
});
