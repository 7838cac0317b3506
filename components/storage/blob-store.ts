// The regional Azure Blob store for model weights and checkpoints (one container each): private,
// TLS 1.2+, HTTPS only, no shared keys (Entra ID only), versioning, change feed and soft delete,
// optionally geo-redundant (RA-GZRS) to the location's pair; reachable only from the AKS node subnet
// (network rules, default Deny), optionally encrypted with a customer-managed key; serving pods reach
// both containers through workload identity. Replication to the DR peer's account: object-replication.ts.
import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as storage from "@pulumi/azure-native/storage";
import * as pulumi from "@pulumi/pulumi";
import { dataProtection } from "../core/storage-plan";
import { accountEncryption, accountNetworkRules, CRYPTO_SERVICE_ENCRYPTION_USER, keyVaultUriOf } from "./account-security";

/** Built-in role "Storage Blob Data Contributor". */
export const BLOB_DATA_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
/** Audience AKS workload identity tokens are exchanged for. */
export const WORKLOAD_IDENTITY_AUDIENCE = "api://AzureADTokenExchange";

export interface CheckpointStoreArgs {
  /** Globally unique storage account name (3–24 lowercase letters and digits). */
  readonly accountName: string;
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure location. */
  readonly location: string;
  /** Container holding checkpoints. @default "checkpoints" */
  readonly container?: string;
  /** Container holding model weights. @default "models" */
  readonly modelContainer?: string;
  /** Days deleted blobs, versions and containers stay recoverable (soft delete). @default 30 */
  readonly softDeleteDays?: number;
  /** Geo-redundant (RA-GZRS: zone-redundant here, copied to the location's pair) instead of ZRS. @default false */
  readonly geoRedundant?: boolean;
  /** Drop protect/retainOnDelete on the account and container. @default false */
  readonly allowDataLoss?: boolean;
  /**
   * Subnets whose traffic may reach the account's data plane (each needs the Microsoft.Storage service
   * endpoint); everything else is denied, trusted Azure services excepted.
   * @default [] - no network: only trusted Azure services and the management plane reach the account
   */
  readonly allowedSubnetIds?: pulumi.Input<string>[];
  /**
   * Encrypt the account with this Key Vault key (resource ID, unversioned) through a user-assigned
   * identity created here and granted "Key Vault Crypto Service Encryption User" on the key.
   * @default - Microsoft-managed keys
   */
  readonly customerManagedKeyId?: string;
  /** Give this Kubernetes service account blob data access through workload identity. @default - no pod access */
  readonly podAccess?: { readonly oidcIssuerUrl: pulumi.Input<string>; readonly namespace: string; readonly serviceAccount: string };
  /** Tags on every resource that takes them. @default {} */
  readonly tags?: Record<string, string>;
}

/** Pass the region's azure-native provider as `providers: [provider]`: every child goes through it. */
export class CheckpointStore extends pulumi.ComponentResource {
  public readonly account: storage.StorageAccount;
  public readonly container: storage.BlobContainer;
  public readonly modelContainer: storage.BlobContainer;
  /** The blob service settings (versioning, change feed) object replication requires on both accounts. */
  public readonly blobService: storage.BlobServiceProperties;
  /** `https://<account>.blob.core.windows.net/<container>`. */
  public readonly url: pulumi.Output<string>;
  /** Client ID of the pods' managed identity (the service account's `azure.workload.identity/client-id`). */
  public readonly clientId?: pulumi.Output<string>;

  constructor(name: string, args: CheckpointStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:azure:CheckpointStore", name, {}, opts);
    const containerName = args.container ?? "checkpoints";
    const modelContainerName = args.modelContainer ?? "models";
    const days = args.softDeleteDays ?? 30;
    const tags = args.tags ?? {};
    const rg = args.resourceGroupName;
    const keep = { parent: this, ...dataProtection(args.allowDataLoss ?? false) };
    const cmk = args.customerManagedKeyId !== undefined ? this.keyAccess(name, args.customerManagedKeyId, rg, args.location, tags, keep) : undefined;

    this.account = new storage.StorageAccount(
      `${name}-account`,
      {
        accountName: args.accountName,
        resourceGroupName: rg,
        location: args.location,
        kind: "StorageV2",
        sku: { name: args.geoRedundant ? "Standard_RAGZRS" : "Standard_ZRS" },
        allowBlobPublicAccess: false,
        minimumTlsVersion: "TLS1_2",
        enableHttpsTrafficOnly: true,
        // Pods authenticate with Entra ID; account keys would bypass the role assignment below.
        allowSharedKeyAccess: false,
        defaultToOAuthAuthentication: true,
        // Object replication to the DR peer uses full resource IDs, so it needs no cross-tenant policies
        // (Azure "Object replication for block blobs", "Prevent replication across Microsoft Entra tenants").
        allowCrossTenantReplication: false,
        networkRuleSet: accountNetworkRules(args.allowedSubnetIds ?? []),
        ...(cmk ? { identity: { type: "UserAssigned", userAssignedIdentities: [cmk.identityId] }, encryption: accountEncryption(cmk.keyVaultUri, cmk.keyName, cmk.identityId) } : {}),
        tags,
      },
      // The account can only wrap its key once the identity may use it.
      { ...keep, dependsOn: cmk ? [cmk.grant] : [] },
    );
    this.blobService = new storage.BlobServiceProperties(
      `${name}-blob-service`,
      {
        accountName: this.account.name,
        resourceGroupName: rg,
        blobServicesName: "default",
        // Object replication needs versioning on both accounts and the change feed on the source; both
        // are on everywhere, so either account of a DR pair can be the source after a failover.
        // Source: Azure "Object replication for block blobs", prerequisites.
        isVersioningEnabled: true,
        changeFeed: { enabled: true, retentionInDays: days },
        deleteRetentionPolicy: { enabled: true, days },
        containerDeleteRetentionPolicy: { enabled: true, days },
      },
      // Versioning and soft delete are the account's undo: kept with it.
      keep,
    );
    const container = (resourceName: string, containerName: string) =>
      new storage.BlobContainer(resourceName, { accountName: this.account.name, resourceGroupName: rg, containerName, publicAccess: "None" }, { ...keep, dependsOn: [this.blobService] });
    this.container = container(`${name}-container`, containerName);
    this.modelContainer = container(`${name}-models`, modelContainerName);
    // From the chosen name, so the URL is known before the account exists (plans show it).
    this.url = pulumi.output(`https://${args.accountName}.blob.core.windows.net/${containerName}`);
    if (args.podAccess) this.clientId = this.grantPods(name, args.podAccess, rg, args.location, tags);
    this.registerOutputs({ account: this.account.name, accountId: this.account.id, url: this.url });
  }

  /**
   * The account's key identity and its grant on the key. Both are kept like the account: without them
   * Azure Storage cannot unwrap the account key and the data is unreadable
   * (learn.microsoft.com/azure/storage/common/customer-managed-keys-overview, "Revoke access").
   */
  private keyAccess(
    name: string,
    keyId: string,
    rg: pulumi.Input<string>,
    location: string,
    tags: Record<string, string>,
    keep: { parent: pulumi.Resource; protect: boolean; retainOnDelete: boolean },
  ): { identityId: pulumi.Output<string>; keyVaultUri: string; keyName: string; grant: authorization.RoleAssignment } {
    const { keyVaultUri, keyName } = keyVaultUriOf(keyId);
    const identity = new managedidentity.UserAssignedIdentity(`${name}-encryption`, { resourceGroupName: rg, location, tags }, keep);
    const subscription = keyId.split("/")[2];
    const grant = new authorization.RoleAssignment(
      `${name}-encryption-key-user`,
      {
        principalId: identity.principalId,
        principalType: "ServicePrincipal",
        roleDefinitionId: `/subscriptions/${subscription}/providers/Microsoft.Authorization/roleDefinitions/${CRYPTO_SERVICE_ENCRYPTION_USER}`,
        scope: keyId,
      },
      keep,
    );
    return { identityId: identity.id, keyVaultUri, keyName, grant };
  }

  private grantPods(name: string, a: NonNullable<CheckpointStoreArgs["podAccess"]>, rg: pulumi.Input<string>, location: string, tags: Record<string, string>): pulumi.Output<string> {
    const child = { parent: this };
    const identity = new managedidentity.UserAssignedIdentity(`${name}-pods`, { resourceGroupName: rg, location, tags }, child);
    new managedidentity.FederatedIdentityCredential(
      `${name}-pods`,
      {
        resourceGroupName: rg,
        resourceName: identity.name,
        issuer: a.oidcIssuerUrl,
        subject: `system:serviceaccount:${a.namespace}:${a.serviceAccount}`,
        audiences: [WORKLOAD_IDENTITY_AUDIENCE],
      },
      child,
    );
    // Scoped to the two containers, not the account: the pods need nothing else.
    const roleDefinitionId = this.account.id.apply((id) => `/subscriptions/${id.split("/")[2]}/providers/Microsoft.Authorization/roleDefinitions/${BLOB_DATA_CONTRIBUTOR}`);
    for (const [resourceName, c] of [[`${name}-pods`, this.container], [`${name}-pods-models`, this.modelContainer]] as const) {
      new authorization.RoleAssignment(
        resourceName,
        { principalId: identity.principalId, principalType: "ServicePrincipal", roleDefinitionId, scope: pulumi.interpolate`${this.account.id}/blobServices/default/containers/${c.name}` },
        child,
      );
    }
    return identity.clientId;
  }
}
