// The Azure frontend edge under mocks: the config's Front Door IDs and backend ranges reach the WAF's source-range rules.
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

async function rangeRules(args: AzureFrontendEdgeArgs): Promise<{ name: string; priority: number; matchConditions: Record<string, unknown>[] }[]> {
  const cap = await capture(
    () => {
      new AzureFrontendEdge("frontend-edge", args);
      return {};
    },
    { project: "p", stack: "t", config: {}, preview: false },
  );
  const waf = cap.resources.find((r) => r.type === "azure-native:frontdoor:Policy")!;
  const rules = (waf.inputs.customRules as { rules: { name: string; priority: number; matchConditions: Record<string, unknown>[] }[] }).rules;
  return rules.filter((r) => r.priority < 20);
}

describe("Azure frontend edge under mocks", () => {
  it("admits the listed Front Door profiles past the source ranges only from the backend ranges with X-Azure-FDID, and only the ranges without them", async () => {
    const id = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    const withIds = await rangeRules({ ...ARGS, frontDoorIds: [id], frontDoorBackendRanges: ["147.243.0.0/16", "2a01:111:2050::/44"] });
    assert.deepStrictEqual(
      withIds.map((r) => [r.name, r.matchConditions.map((c) => [c.matchVariable, c.selector, c.matchValue])]),
      [
        ["SourceRangesOnly", [["SocketAddr", undefined, ["203.0.113.0/24", "147.243.0.0/16", "2a01:111:2050::/44"]]]],
        [
          "FrontDoorIdRequired",
          [
            ["SocketAddr", undefined, ["203.0.113.0/24"]],
            ["RequestHeader", "X-Azure-FDID", [id]],
          ],
        ],
      ],
    );
    const without = await rangeRules(ARGS);
    assert.deepStrictEqual(
      without.map((r) => [r.name, r.matchConditions.map((c) => c.matchVariable)]),
      [["SourceRangesOnly", ["SocketAddr"]]],
    );
  });
});
