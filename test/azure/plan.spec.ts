// The whole program for the bundled AKS stacks: cloud layer, storage, Kubernetes layer, observability.
import * as assert from "assert";
import { ROLE } from "../../components/azure/cluster-profiles";
import { CONTROL_PLANE_LOG_CATEGORIES } from "../../components/azure/security-profiles";
import { ResourceRecord } from "../../tools/plan/records";
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const inputs = (r: ResourceRecord) => r.inputs as Record<string, any>;

for (const stack of ["aks-eastus2", "aks-westus3"]) {
  describe(`plan ${stack}: cluster hardening`, function () {
    let rs: ResourceRecord[];
    const of = (type: string) => rs.filter((r) => r.type === type);
    before(async () => {
      rs = (await plannedStack(stack)).resources;
    });

    it("sends the audit and control-plane logs to a kept Log Analytics workspace", () => {
      const [ws] = of("azure-native:operationalinsights:Workspace");
      assert.ok(ws, "a workspace");
      assert.strictEqual(inputs(ws).retentionInDays, 90);
      const [d] = of("azure-native:monitor:DiagnosticSetting");
      assert.deepStrictEqual(
        inputs(d).logs.map((l: { category: string }) => l.category),
        [...CONTROL_PLANE_LOG_CATEGORIES],
      );
      assert.ok(inputs(d).logs.some((l: { category: string }) => l.category === "kube-audit"));
      assert.strictEqual(inputs(d).logAnalyticsDestinationType, "Dedicated");
      const [cluster] = of("azure-native:containerservice:ManagedCluster");
      assert.ok(d.propertyDependencies.resourceUri.includes(cluster.urn), "on the cluster");
      assert.ok(d.propertyDependencies.workspaceId.includes(ws.urn));
      for (const r of [ws, d]) assert.deepStrictEqual([r.protect, r.retainOnDelete], [true, true], r.name);
    });

    it("turns on the Azure Policy add-on, Defender and KMS (their ids are known once the workspace and key exist)", () => {
      const [cluster] = of("azure-native:containerservice:ManagedCluster");
      assert.deepStrictEqual(inputs(cluster).addonProfiles, { azurepolicy: { enabled: true } });
      // azure-native applies defaults to securityProfile as a whole, so a new stack's preview shows it
      // computed until the workspace id and the versioned key URI exist; it waits for both.
      const deps = cluster.propertyDependencies.securityProfile;
      const ws = of("azure-native:operationalinsights:Workspace")[0];
      const key = of("azure-native:keyvault:Key")[0];
      assert.ok(deps.includes(ws.urn) && deps.includes(key.urn), JSON.stringify(deps));
      const vault = of("azure-native:keyvault:Vault")[0];
      assert.strictEqual(inputs(vault).properties.enableRbacAuthorization, true);
      assert.strictEqual(inputs(vault).properties.enablePurgeProtection, true);
      assert.deepStrictEqual(inputs(key).properties.kty, "RSA");
      const grant = of("azure-native:authorization:RoleAssignment").find((r) => String(inputs(r).roleDefinitionId).endsWith(ROLE.keyVaultCryptoUser));
      assert.ok(grant && grant.propertyDependencies.scope.includes(key.urn), "Key Vault Crypto User on the key");
      assert.ok(cluster.dependsOn.includes(grant.urn));
      for (const r of [vault, key, grant]) assert.deepStrictEqual([r.protect, r.retainOnDelete], [true, true], r.name);
    });

    it("encrypts every pool's disks at host", () => {
      const [cluster] = of("azure-native:containerservice:ManagedCluster");
      for (const p of inputs(cluster).agentPoolProfiles) assert.strictEqual(p.enableEncryptionAtHost, true);
      const pools = of("azure-native:containerservice:AgentPool");
      assert.ok(pools.length > 0);
      for (const p of pools) assert.strictEqual(inputs(p).enableEncryptionAtHost, true, p.name);
    });

    it("has no local accounts and no standing cluster-admin grant: admins come from the Entra groups", () => {
      const [cluster] = of("azure-native:containerservice:ManagedCluster");
      assert.strictEqual(inputs(cluster).disableLocalAccounts, true);
      assert.strictEqual(inputs(cluster).aadProfile.enableAzureRBAC, true);
      assert.ok(inputs(cluster).aadProfile.adminGroupObjectIDs.length > 0);
      const admin = of("azure-native:authorization:RoleAssignment").filter((r) => String(inputs(r).roleDefinitionId).endsWith(ROLE.aksRbacClusterAdmin));
      assert.deepStrictEqual(admin.map((r) => r.name), []);
    });
  });
}
