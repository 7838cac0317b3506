// AKS cluster hardening: audit logs in Log Analytics, Defender, the Azure Policy add-on, KMS etcd
// encryption, encryption at host, and no standing cluster-admin. Pure builders first, then the region
// under mocks.
import * as assert from "assert";
import fc from "fast-check";
import { aadProfile, ROLE, systemPool } from "../../components/azure/cluster-profiles";
import { KEY_VAULT_NAME_PATTERN, keyVaultName, logWorkspaceName } from "../../components/azure/naming";
import { ADDON_PROFILES, CONTROL_PLANE_LOG_CATEGORIES, controlPlaneLogs, defenderProfile, deployerClusterAdmin, ETCD_KEY, etcdKeyVaultProperties, kmsProfile } from "../../components/azure/security-profiles";
import { CLUSTER_NAME_PATTERN } from "../../components/core/config/checks/azure";
import { buildAzureRegion } from "../../stacks/cloud-layer";
import { capture, Capture, CaptureMocks } from "../../tools/plan/capture";
import { planMocks } from "../../tools/plan/mocks";
import { ResourceRecord } from "../../tools/plan/records";
import { AKS_STACK, aksConfig, aksRaw, clusterWith } from "./fixtures";

const T = {
  cluster: "azure-native:containerservice:ManagedCluster",
  pool: "azure-native:containerservice:AgentPool",
  workspace: "azure-native:operationalinsights:Workspace",
  diagnostics: "azure-native:monitor:DiagnosticSetting",
  vault: "azure-native:keyvault:Vault",
  key: "azure-native:keyvault:Key",
  role: "azure-native:authorization:RoleAssignment",
  identity: "azure-native:managedidentity:UserAssignedIdentity",
} as const;

/** The plan's mocks, plus what Azure computes and the plan mocks leave unset: the versioned key URI and the identity's principal. */
const KEY_URI = "https://kv-plan.vault.azure.net/keys/etcd-kms/0123456789abcdef0123456789abcdef";
const PRINCIPAL = "11111111-2222-4333-8444-555555555555";
const COMPUTED: Record<string, Record<string, unknown>> = { [T.key]: { keyUriWithVersion: KEY_URI }, [T.identity]: { principalId: PRINCIPAL } };
const mocks: CaptureMocks = { ...planMocks, state: (t, n, i) => COMPUTED[t] ?? planMocks.state?.(t, n, i) };

async function run(overrides: Record<string, unknown> = {}): Promise<Capture> {
  const c = aksConfig(overrides);
  return capture(() => buildAzureRegion(c).outputs, { project: "dynamo-ha", stack: AKS_STACK, config: aksRaw(overrides), preview: false, mocks });
}

const ofType = (cap: Capture, type: string): ResourceRecord[] => cap.resources.filter((r) => r.type === type);
const one = (cap: Capture, type: string): ResourceRecord => {
  const rs = ofType(cap, type);
  assert.strictEqual(rs.length, 1, `one ${type}, got ${rs.length}`);
  return rs[0];
};
/** The id the mocks give a resource (ids are known once the cloud answers: `preview: false`). */
const idOf = (r: ResourceRecord) => `${r.name}-id`;
const kept = (r: ResourceRecord) => assert.deepStrictEqual([r.protect, r.retainOnDelete], [true, true], `${r.type} ${r.name} protected and retained`);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const inputsOf = (r: ResourceRecord) => r.inputs as Record<string, any>;

describe("AKS hardening: pure builders", () => {
  it("sends the full audit log, the control plane's logs and Entra authorization decisions, each once", () => {
    const cats = controlPlaneLogs().map((l) => l.category);
    for (const c of ["kube-audit", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "cluster-autoscaler", "guard"]) assert.ok(cats.includes(c), c);
    // kube-audit-admin is a subset of kube-audit: both would store every write twice.
    assert.ok(!cats.includes("kube-audit-admin"));
    assert.strictEqual(new Set(cats).size, cats.length);
    assert.ok(controlPlaneLogs().every((l) => l.enabled));
    assert.strictEqual(cats.length, CONTROL_PLANE_LOG_CATEGORIES.length);
  });

  it("turns on Defender with its workspace, the Azure Policy add-on and KMS with a public key vault", () => {
    assert.deepStrictEqual(defenderProfile("/ws"), { logAnalyticsWorkspaceResourceId: "/ws", securityMonitoring: { enabled: true } });
    assert.deepStrictEqual(ADDON_PROFILES, { azurepolicy: { enabled: true } });
    // Public: keyVaultResourceId is for Private only, which needs API Server VNet Integration.
    assert.deepStrictEqual(kmsProfile("https://v/keys/k/1"), { enabled: true, keyId: "https://v/keys/k/1", keyVaultNetworkAccess: "Public" });
    assert.deepStrictEqual(ETCD_KEY.kty, "RSA");
    assert.ok(ETCD_KEY.keyOps.includes("encrypt") && ETCD_KEY.keyOps.includes("decrypt"));
  });

  it("keeps the etcd key vault on RBAC, with purge protection unless the stack allows data loss", () => {
    const strict = etcdKeyVaultProperties("tenant", false);
    assert.strictEqual(strict.enableRbacAuthorization, true);
    assert.strictEqual(strict.enablePurgeProtection, true);
    assert.strictEqual(strict.softDeleteRetentionInDays, 90);
    // A firewall with selected networks would block the KMS plugin (AKS KMS limitations).
    assert.deepStrictEqual(strict.networkAcls, { defaultAction: "Allow" });
    const loose = etcdKeyVaultProperties("tenant", true);
    // ARM refuses enablePurgeProtection false; a loose stack leaves it out.
    assert.ok(!("enablePurgeProtection" in loose));
    assert.strictEqual(loose.softDeleteRetentionInDays, 7);
    assert.strictEqual(loose.enableSoftDelete, true);
  });

  it("names key vaults within Azure's rules for any cluster name, stable per subscription and distinct across them", () => {
    const clusterName = fc.stringMatching(CLUSTER_NAME_PATTERN);
    const sub = fc.uuid();
    fc.assert(
      fc.property(clusterName, sub, sub, (cluster, a, b) => {
        const n = keyVaultName(cluster, "eastus2", a);
        assert.match(n, KEY_VAULT_NAME_PATTERN, n);
        assert.strictEqual(keyVaultName(cluster, "eastus2", a), n);
        if (a !== b) assert.notStrictEqual(keyVaultName(cluster, "eastus2", b), n);
      }),
      { numRuns: 200 },
    );
    assert.ok(!KEY_VAULT_NAME_PATTERN.test("kv--x") && !KEY_VAULT_NAME_PATTERN.test("1kv") && !KEY_VAULT_NAME_PATTERN.test(`kv${"a".repeat(23)}`));
    assert.notStrictEqual(keyVaultName("dynamo-a", "eastus2", "s"), keyVaultName("dynamo-a", "westus3", "s"));
  });

  it("names the workspace within 63 characters for the longest cluster name", () => {
    const longest = `a${"b".repeat(52)}c`;
    assert.ok(CLUSTER_NAME_PATTERN.test(longest));
    assert.ok(logWorkspaceName(longest).length <= 63);
  });

  it("encrypts the System pool's disks at host, takes admins from the groups and grants the deployer nothing by default", () => {
    const c = aksConfig();
    assert.strictEqual(systemPool(c).enableEncryptionAtHost, true);
    assert.deepStrictEqual(aadProfile(c), { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: ["8d0f3b5e-1c2a-4e7b-9f60-3a4b5c6d7e8f"] });
    assert.strictEqual(deployerClusterAdmin(c), false);
    assert.strictEqual(deployerClusterAdmin(aksConfig({ env: "dev", cluster: clusterWith({ azure: { deployerClusterAdmin: true } }) })), true);
  });
});

describe("AKS hardening: the region under mocks", function () {
  let cap: Capture;
  before(async () => {
    cap = await run();
  });

  it("keeps control-plane and audit logs in a protected workspace for cluster.logRetentionDays", async () => {
    const ws = one(cap, T.workspace);
    assert.strictEqual(inputsOf(ws).retentionInDays, 90);
    assert.strictEqual(inputsOf(ws).location, "eastus2");
    kept(ws);
    const d = one(cap, T.diagnostics);
    const cluster = one(cap, T.cluster);
    assert.strictEqual(inputsOf(d).resourceUri, idOf(cluster));
    assert.strictEqual(inputsOf(d).workspaceId, idOf(ws));
    assert.strictEqual(inputsOf(d).logAnalyticsDestinationType, "Dedicated");
    assert.deepStrictEqual(inputsOf(d).logs, controlPlaneLogs());
    kept(d);
    const longer = await run({ cluster: clusterWith({ logRetentionDays: 365 }) });
    assert.strictEqual(inputsOf(one(longer, T.workspace)).retentionInDays, 365);
  });

  it("turns on Defender with the stack's workspace and the Azure Policy add-on", () => {
    const m = inputsOf(one(cap, T.cluster));
    assert.deepStrictEqual(m.securityProfile.defender, { logAnalyticsWorkspaceResourceId: idOf(one(cap, T.workspace)), securityMonitoring: { enabled: true } });
    assert.deepStrictEqual(m.addonProfiles, { azurepolicy: { enabled: true } });
    assert.strictEqual(m.securityProfile.workloadIdentity.enabled, true);
  });

  it("encrypts etcd with a versioned key only the control-plane identity may use, created before the cluster", () => {
    const cluster = one(cap, T.cluster);
    const m = inputsOf(cluster);
    assert.deepStrictEqual(m.securityProfile.azureKeyVaultKms, { enabled: true, keyId: KEY_URI, keyVaultNetworkAccess: "Public" });
    assert.strictEqual(m.identity.type, "UserAssigned");
    const vault = one(cap, T.vault);
    const v = inputsOf(vault).properties;
    assert.strictEqual(v.enableRbacAuthorization, true);
    assert.strictEqual(v.enablePurgeProtection, true);
    assert.strictEqual(v.tenantId, "00000000-0000-0000-0000-000000007e11");
    assert.match(inputsOf(vault).vaultName, KEY_VAULT_NAME_PATTERN);
    const key = one(cap, T.key);
    assert.strictEqual(inputsOf(key).vaultName, inputsOf(vault).vaultName);
    assert.deepStrictEqual(inputsOf(key).properties, { kty: "RSA", keySize: 2048, keyOps: ["encrypt", "decrypt", "wrapKey", "unwrapKey"] });
    const grants = ofType(cap, T.role).filter((r) => String(inputsOf(r).roleDefinitionId).endsWith(ROLE.keyVaultCryptoUser));
    assert.strictEqual(grants.length, 1);
    const identity = one(cap, T.identity);
    assert.strictEqual(inputsOf(grants[0]).scope, idOf(key), "scoped to the key, not the vault");
    assert.strictEqual(inputsOf(grants[0]).principalType, "ServicePrincipal");
    assert.strictEqual(inputsOf(grants[0]).principalId, PRINCIPAL, "the control-plane identity");
    assert.ok(identity.name.endsWith("-identity"));
    assert.ok(cluster.dependsOn.includes(grants[0].urn), "the cluster waits for the key grant");
    for (const r of [vault, key, grants[0], identity]) kept(r);
  });

  it("encrypts every node's disks at host, System and GPU pools alike", () => {
    const m = inputsOf(one(cap, T.cluster));
    assert.ok(m.agentPoolProfiles.length > 0);
    for (const p of m.agentPoolProfiles) assert.strictEqual(p.enableEncryptionAtHost, true, p.name);
    const pools = ofType(cap, T.pool);
    assert.strictEqual(pools.length, 6);
    for (const p of pools) assert.strictEqual(inputsOf(p).enableEncryptionAtHost, true, p.name);
  });

  it("disables local accounts and gives no identity a standing cluster-admin role assignment", () => {
    const m = inputsOf(one(cap, T.cluster));
    assert.strictEqual(m.disableLocalAccounts, true);
    assert.deepStrictEqual(m.aadProfile, { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: ["8d0f3b5e-1c2a-4e7b-9f60-3a4b5c6d7e8f"] });
    const admin = ofType(cap, T.role).filter((r) => String(inputsOf(r).roleDefinitionId).endsWith(ROLE.aksRbacClusterAdmin));
    assert.deepStrictEqual(admin, []);
  });

  it("grants the deployer cluster-admin only on request in a dev stack, and the Kubernetes provider waits for it", async () => {
    const dev = await run({ env: "dev", cluster: clusterWith({ adminPrincipals: [], azure: { deployerClusterAdmin: true } }) });
    const admin = ofType(dev, T.role).filter((r) => String(inputsOf(r).roleDefinitionId).endsWith(ROLE.aksRbacClusterAdmin));
    assert.strictEqual(admin.length, 1);
    assert.strictEqual(inputsOf(admin[0]).principalId, "00000000-0000-0000-0000-0000000000b1", "the identity running Pulumi");
    assert.strictEqual(inputsOf(admin[0]).scope, idOf(one(dev, T.cluster)));
    assert.ok(one(dev, "pulumi:providers:kubernetes").dependsOn.includes(admin[0].urn));
  });

  it("lets a stack that allows data loss delete the logs, key and vault, and keeps purge protection off there", async () => {
    const loose = await run({ storage: { allowDataLoss: true } });
    for (const t of [T.workspace, T.diagnostics, T.vault, T.key, T.identity]) {
      const r = one(loose, t);
      assert.deepStrictEqual([r.protect, r.retainOnDelete], [false, false], t);
    }
    assert.strictEqual(inputsOf(one(loose, T.vault)).properties.enablePurgeProtection, undefined);
  });
});
