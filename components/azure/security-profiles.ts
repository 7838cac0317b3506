// The cluster's hardening as plain values: control-plane logs, Defender, the Azure Policy add-on, KMS
// etcd encryption and its key vault, encryption at host, and who holds cluster-admin. Pure, so tests
// read them without mocks; managed-cluster.ts, etcd-kms.ts and log-workspace.ts only declare resources.
import { RegionalConfig } from "../core/config";

/**
 * Control-plane resource log categories sent to Log Analytics. `kube-audit` is every API request,
 * reads included (Secret reads matter to an investigation); `kube-audit-admin` would be its cheaper
 * subset without get/list, so it is not added twice. `guard` audits Entra ID / Azure RBAC decisions.
 * Source: learn.microsoft.com/azure/aks/monitor-aks-reference (resource logs of managedClusters).
 */
export const CONTROL_PLANE_LOG_CATEGORIES = ["kube-apiserver", "kube-audit", "kube-controller-manager", "kube-scheduler", "cluster-autoscaler", "cloud-controller-manager", "guard"] as const;

/**
 * Resource-specific tables (AKSAudit, AKSControlPlane) instead of the shared AzureDiagnostics table:
 * cheaper to query, and the destination AKS recommends.
 * Source: learn.microsoft.com/azure/aks/monitor-aks (resource logs, "resource-specific" mode).
 */
export const LOG_DESTINATION_TYPE = "Dedicated";

export function controlPlaneLogs(): { category: string; enabled: true }[] {
  return CONTROL_PLANE_LOG_CATEGORIES.map((category) => ({ category, enabled: true }));
}

/**
 * Microsoft Defender for Containers' sensor on the cluster, reporting to the stack's workspace. The
 * Defender for Containers plan itself is a subscription setting (billing), left to its owner.
 * Source: learn.microsoft.com/azure/defender-for-cloud/defender-for-containers-enable (AKS, REST API).
 */
export function defenderProfile<T>(workspaceId: T) {
  return { logAnalyticsWorkspaceResourceId: workspaceId, securityMonitoring: { enabled: true } };
}

/**
 * The Azure Policy add-on (Gatekeeper), so policy assignments on the subscription reach the cluster.
 * ARM's addon key is `azurepolicy`. Source: learn.microsoft.com/azure/governance/policy/concepts/policy-for-kubernetes.
 */
export const ADDON_PROFILES = { azurepolicy: { enabled: true } } as const;

/**
 * KMS etcd encryption with a public key vault. The cluster is private without API Server VNet
 * Integration, and a private key vault works only with that integration; a key vault firewall that
 * allows selected networks, or no public access, blocks the KMS plugin. So: public network access,
 * guarded by Entra RBAC (only the control-plane identity may use the key). `keyVaultResourceId` is
 * for Private only. The key id must carry its version.
 * Source: learn.microsoft.com/azure/aks/use-kms-etcd-encryption (prerequisites and limitations).
 */
export function kmsProfile<T>(versionedKeyId: T) {
  return { enabled: true, keyId: versionedKeyId, keyVaultNetworkAccess: "Public" as const };
}

/**
 * Node OS and temp disks and their caches encrypted on the VM host. Needs the subscription feature
 * Microsoft.Compute/EncryptionAtHost registered once, and a VM size that supports it.
 * Source: learn.microsoft.com/azure/aks/enable-host-encryption.
 */
export const NODE_ENCRYPTION = { enableEncryptionAtHost: true } as const;

/**
 * Encryption at host "can only be set at cluster or node pool creation time" (same page): a pool that
 * exists is left as it is instead of failing the update. Existing pools get it by a new pool and a
 * drain (docs/stacks.md, AKS hardening).
 */
export const KEEP_POOL_ENCRYPTION = "enableEncryptionAtHost";

/**
 * The key vault of the etcd key. Deleting the key or the vault leaves the cluster's Secrets
 * unreadable (AKS does not support it), so soft delete keeps them 90 days and purge protection stops
 * anyone purging them. Purge protection cannot be turned off once on, so a stack that allows data loss
 * goes without it and keeps deleted vaults 7 days (its name can be purged and reused).
 * Sources: learn.microsoft.com/azure/aks/use-kms-etcd-encryption (limitations);
 * learn.microsoft.com/azure/key-vault/general/soft-delete-overview.
 */
export function etcdKeyVaultProperties<T>(tenantId: T, allowDataLoss: boolean) {
  return {
    tenantId,
    sku: { family: "A" as const, name: "standard" as const },
    enableRbacAuthorization: true,
    enableSoftDelete: true,
    softDeleteRetentionInDays: allowDataLoss ? 7 : 90,
    ...(allowDataLoss ? {} : { enablePurgeProtection: true }),
    publicNetworkAccess: "Enabled",
    networkAcls: { defaultAction: "Allow" as const },
    enabledForDeployment: false,
    enabledForDiskEncryption: false,
    enabledForTemplateDeployment: false,
  };
}

/**
 * The key encryption key: RSA 2048 as `az keyvault key create` makes it in the AKS guide, with the
 * operations the KMS plugin uses. No rotation policy: AKS keeps using the version in `keyId` until the
 * cluster is updated to a new one (docs/operations.md, key rotation).
 */
export const ETCD_KEY = { kty: "RSA", keySize: 2048, keyOps: ["encrypt", "decrypt", "wrapKey", "unwrapKey"] } as const;

/** Whether the identity running Pulumi gets a standing RBAC Cluster Admin grant (dev only; checks/azure.ts). */
export function deployerClusterAdmin(c: RegionalConfig): boolean {
  return c.cluster.azure.deployerClusterAdmin;
}
