// data-retained over the analyzer protocol, on the bundled AKS plan: its audit trail and etcd key are
// kept as planned, and each one the pack sees unprotected is reported by its URN.
import * as assert from "assert";
import { analyzeWithPack } from "../../tools/plan/policy";
import { sharedPack } from "../support/pack";
import { plannedStack } from "../support/plans";

const AKS_KEPT = ["azure-native:operationalinsights:Workspace", "azure-native:monitor:DiagnosticSetting", "azure-native:keyvault:Vault", "azure-native:keyvault:Key"];

describe("policy data-retained over the protocol: the AKS audit trail and etcd key", function () {
  this.timeout(120000);

  const dataRetained = async (stack: string, unprotect?: string) => {
    const p = await plannedStack(stack);
    for (const r of p.resources) if (r.type === unprotect) r.protect = r.retainOnDelete = false;
    const { diagnostics } = await analyzeWithPack(await sharedPack(), p.resources, { env: "prod", project: p.project, stack });
    return { p, found: diagnostics.filter((d) => d.policy === "data-retained") };
  };

  it("reports nothing on aks-eastus2 as planned", async () => {
    const { p, found } = await dataRetained("aks-eastus2");
    for (const t of AKS_KEPT) assert.ok(p.resources.some((r) => r.type === t), `${t} in the plan`);
    assert.deepStrictEqual(found, []);
  });

  for (const type of AKS_KEPT) {
    it(`reports an unprotected ${type.split(":").pop()}`, async () => {
      const { p, found } = await dataRetained("aks-eastus2", type);
      const urns = p.resources.filter((r) => r.type === type).map((r) => r.urn);
      assert.deepStrictEqual(found.map((d) => d.urn).sort(), urns.sort());
      assert.ok(found.every((d) => d.level === "mandatory"), JSON.stringify(found));
    });
  }
});
