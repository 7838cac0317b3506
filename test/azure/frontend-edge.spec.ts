// The Azure frontend edge under mocks: the config's Front Door IDs reach the WAF's source-range rule.
import * as assert from "assert";
import { AzureFrontendEdge, AzureFrontendEdgeArgs } from "../../components/azure/frontend-edge";
import { capture } from "../../tools/plan/capture";

const ARGS: AzureFrontendEdgeArgs = {
  stack: "aks-eastus2",
  resourceGroupName: "rg",
  location: "eastus2",
  privateLinkServiceId: "/subscriptions/s/resourceGroups/MC_rg/providers/Microsoft.Network/privateLinkServices/pls",
  originHost: "10.0.0.10",
  originPort: 8000,
  sourceRanges: ["203.0.113.0/24"],
  apiKeyHeader: "x-api-key",
  apiKey: "k",
  healthPath: "/health",
};

async function sourceRule(args: AzureFrontendEdgeArgs): Promise<{ matchConditions: Record<string, unknown>[] }> {
  const cap = await capture(
    () => {
      new AzureFrontendEdge("frontend-edge", args);
      return {};
    },
    { project: "p", stack: "t", config: {}, preview: false },
  );
  const waf = cap.resources.find((r) => r.type === "azure-native:frontdoor:Policy")!;
  const rules = (waf.inputs.customRules as { rules: { name: string; matchConditions: Record<string, unknown>[] }[] }).rules;
  return rules.find((r) => r.name === "SourceRangesOnly")!;
}

describe("Azure frontend edge under mocks", () => {
  it("admits the listed Front Door profiles past the source ranges through X-Azure-FDID, and only the ranges without them", async () => {
    const id = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    const withIds = await sourceRule({ ...ARGS, frontDoorIds: [id] });
    assert.deepStrictEqual(withIds.matchConditions.map((c) => [c.matchVariable, c.selector, c.matchValue]), [
      ["SocketAddr", undefined, ["203.0.113.0/24"]],
      ["RequestHeader", "X-Azure-FDID", [id]],
    ]);
    const without = await sourceRule(ARGS);
    assert.deepStrictEqual(without.matchConditions.map((c) => c.matchVariable), ["SocketAddr"]);
  });
});
