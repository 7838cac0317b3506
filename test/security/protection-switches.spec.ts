// Protection comes off only through a named config choice: storage.allowDataLoss for the regional
// stores and namespaces, global.protectRouting for the global routing, governance.protectPolicyGroups
// for the policy groups (their defaults are checked against the schema here too).
import * as assert from "assert";
import { globalSection } from "../../components/core/config/sections/global";
import { governanceSection } from "../../components/core/config/sections/governance";
import { graphNamespace } from "../../components/k8s/graph-namespace";
import { routingProtection } from "../../components/global/routing-plan";
import { captureProgram, fakeFacts, regionalConfig } from "../storage/fixtures";

describe("protection switches", () => {
  it("the graph namespace is protected and retained unless storage.allowDataLoss", async () => {
    for (const [allowDataLoss, kept] of [[false, true], [true, false]] as const) {
      const c = regionalConfig("aks-eastus2", { storage: { allowDataLoss } });
      const p = await captureProgram(() => {
        graphNamespace(c, fakeFacts("azure", c.region));
        return {};
      });
      const ns = p.one("kubernetes:core/v1:Namespace");
      assert.deepStrictEqual([ns.protect, ns.retainOnDelete], [kept, kept], `allowDataLoss ${allowDataLoss}`);
    }
  });

  it("routing resources are kept unless protectRouting is false", () => {
    assert.deepStrictEqual(routingProtection(undefined), { protect: true, retainOnDelete: true });
    assert.deepStrictEqual(routingProtection(true), { protect: true, retainOnDelete: true });
    assert.deepStrictEqual(routingProtection(false), { protect: false, retainOnDelete: false });
  });

  it("the switches default to keeping everything", () => {
    assert.strictEqual(globalSection.fields!.protectRouting.parse(undefined, "global.protectRouting"), true);
    assert.strictEqual(governanceSection.fields!.protectPolicyGroups.parse(undefined, "governance.protectPolicyGroups"), true);
  });
});
