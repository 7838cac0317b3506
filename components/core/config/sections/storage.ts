import { parseKeyVaultKeyId } from "../../storage-plan";
import { DNS_SUBDOMAIN, Grammar, SIZE } from "../grammar";
import { bool, enumOf, int, obj, str } from "../schema";

/** S3 key prefixes here double as Azure container names: 3–63 lowercase letters, digits or "-". */
const CONTAINER = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const CONTAINER_TEXT = "3–63 lowercase letters, digits or '-'";

export const STORAGE_BACKENDS = ["object", "pvc", "none"] as const;

/** A Key Vault key's resource ID (parseKeyVaultKeyId: vault 3–24, key 1–127 letters, digits and "-"). */
const KEY_VAULT_KEY_ID: Grammar = {
  text: "a Key Vault key resource ID like /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<vault>/keys/<key>",
  test: (s) => parseKeyVaultKeyId(s) !== undefined,
};

/** `dynamo-ha:storage.azure` — Azure-only storage account settings. */
const azureStorageSection = obj(
  {
    customerManagedKeyId: str({
      doc: "Azure: encrypt the storage account with this Key Vault key (a customer-managed key) instead of a Microsoft-managed one. The resource ID of the key, unversioned (the account follows the key's newest version). The stack creates a user-assigned identity and grants it \"Key Vault Crypto Service Encryption User\" on the key; the vault must use Azure RBAC and have soft delete and purge protection on, and the key must never be deleted (the account's data becomes unreadable).",
      defaultText: "Microsoft-managed keys",
      grammar: KEY_VAULT_KEY_ID,
    }),
  },
  { doc: "Azure-only storage account settings.", optional: true },
);

/** `dynamo-ha:storage` — model weights and checkpoints, and their replication to the DR peer. */
export const storageSection = obj(
  {
    backend: enumOf(STORAGE_BACKENDS, { doc: "S3 / Azure Blob (object), a ReadWriteMany PVC, or none.", default: "object" }),
    allowDataLoss: bool({ doc: "Allow `pulumi destroy` to delete stored data (removes protect/retain). Only ever set explicitly.", default: false }),
    name: str({
      doc: "Bucket (AWS) or storage account (Azure) name; both are globally unique.",
      defaultText: "dynamo-ha-<stack>-checkpoints (AWS), dynha<stack> (Azure, 24 characters)",
      pattern: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      patternText: "3–63 lowercase letters, digits, '.' or '-'",
    }),
    prefix: str({ doc: "Key prefix (AWS) or container (Azure) holding checkpoints; serving pods may touch only it and modelPrefix.", default: "checkpoints", pattern: CONTAINER, patternText: CONTAINER_TEXT }),
    modelPrefix: str({ doc: "Key prefix (AWS) or container (Azure) holding model weights; replicated to the DR peer with the checkpoints.", default: "models", pattern: CONTAINER, patternText: CONTAINER_TEXT }),
    noncurrentVersionDays: int({ doc: "Days old object versions (AWS) / deleted blobs (Azure soft delete) are kept.", default: 30, min: 1, max: 365 }),
    pvcStorageClass: str({
      doc: "Storage class of the ReadWriteMany PVC (backend pvc). Required on AWS: EKS ships no ReadWriteMany class (install the EFS CSI driver and an EFS-backed class, then name it here).",
      defaultText: "azurefile-premium-retain (Azure Files premium, Retain; created by the stack); none on AWS",
      grammar: DNS_SUBDOMAIN,
    }),
    pvcSize: str({ doc: "Size of the ReadWriteMany PVC.", default: "1Ti", grammar: SIZE }),
    replicateToRegion: str({
      doc: "Primary only: copy this store's checkpoint and model prefixes/containers into the DR peer's store (dr.peerStack, which must be in this region). AWS: S3 replication; Azure: object replication. The peer's bucket/account identity is read from its stack outputs: deploy the peer first.",
      defaultText: "no replication",
    }),
    geoRedundant: bool({ doc: "Azure: RA-GZRS instead of ZRS, an extra asynchronous copy in the location's Azure pair region (the pair is fixed by Azure), independent of replication to the DR peer.", default: false }),
    replicationTimeControl: bool({ doc: "AWS: S3 Replication Time Control (15-minute SLA) with replication metrics.", default: false }),
    accessLogDays: int({ doc: "AWS: days S3 server access logs of the bucket are kept in its log bucket (<bucket>-logs, SSE-S3, protected like the bucket).", default: 365, min: 1, max: 3650 }),
    azure: azureStorageSection,
  },
  { doc: "Model and checkpoint storage.", optional: true },
);
