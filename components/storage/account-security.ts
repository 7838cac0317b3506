// The storage account's network rules and customer-managed key settings, as pure values so tests
// hold them without mocks.
import type * as pulumi from "@pulumi/pulumi";
import { parseKeyVaultKeyId } from "../core/storage-plan";

/** Built-in role "Key Vault Crypto Service Encryption User" (learn.microsoft.com/azure/role-based-access-control/built-in-roles/security). */
export const CRYPTO_SERVICE_ENCRYPTION_USER = "e147488a-f6f5-4113-8e2d-b22465e65bf6";

/**
 * Deny by default; admit only the given subnets (virtual network rules, which need the
 * Microsoft.Storage service endpoint on each subnet) and trusted Azure services. Network rules govern
 * the data plane only: Pulumi's management-plane calls (containers, blob service properties, object
 * replication policies) are unaffected, and object replication is copied by Azure Storage itself, not
 * by a client on the network (learn.microsoft.com/azure/storage/common/storage-network-security;
 * learn.microsoft.com/azure/storage/blobs/object-replication-overview lists no network prerequisite).
 * A private endpoint would do the same with a private DNS zone and a NIC per account; the service
 * endpoint needs neither.
 */
export function accountNetworkRules(subnetIds: readonly pulumi.Input<string>[]) {
  return {
    defaultAction: "Deny" as const,
    bypass: "AzureServices" as const,
    virtualNetworkRules: subnetIds.map((id) => ({ virtualNetworkResourceId: id, action: "Allow" as const })),
    ipRules: [] as { iPAddressOrRange: string }[],
  };
}

/**
 * Blob and file encryption with a Key Vault key through a user-assigned identity. No key version:
 * the account then follows the key's newest version on its own (learn.microsoft.com/azure/storage/common/customer-managed-keys-overview,
 * "Update the key version automatically"). Object replication works with customer-managed keys
 * (object-replication-overview, "Prerequisites and caveats").
 */
export function accountEncryption(keyVaultUri: string, keyName: string, identityId: pulumi.Input<string>) {
  return {
    keySource: "Microsoft.Keyvault" as const,
    keyVaultProperties: { keyVaultUri, keyName },
    encryptionIdentity: { encryptionUserAssignedIdentity: identityId },
    services: { blob: { enabled: true, keyType: "Account" as const }, file: { enabled: true, keyType: "Account" as const } },
  };
}

/**
 * The vault URI and key name of a Key Vault key's resource ID, for the account's keyVaultProperties.
 * The URI is the public cloud's (`https://<vault>.vault.azure.net`); sovereign clouds are not handled.
 */
export function keyVaultUriOf(keyId: string): { keyVaultUri: string; keyName: string } {
  const parsed = parseKeyVaultKeyId(keyId);
  // The config schema admits only key resource IDs; a component user passing something else learns here.
  if (!parsed) throw new Error(`customerManagedKeyId must be a Key Vault key resource ID (…/providers/Microsoft.KeyVault/vaults/<vault>/keys/<key>), got ${keyId}`);
  return { keyVaultUri: `https://${parsed.vaultName}.vault.azure.net`, keyName: parsed.keyName };
}
