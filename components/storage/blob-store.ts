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
import { childDependsOn } from "../core/child-depends-on";
import { resolveAccountArgs } from "./store-args";
import { accountEncryption, accountNetworkRules, CRYPTO_SERVICE_ENCRYPTION_USER, keyVaultUriOf } from "./account-security";

/** Built-in role "Storage Blob Data Contributor". */
export const BLOB_DATA_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
/** Audience AKS workload identity tokens are exchanged for. */
export const WORKLOAD_IDENTITY_AUDIENCE = "api://AzureADTokenExchange";

export interface CheckpointStoreArgs {
  /**
   * Globally unique storage account name (3–24 lowercase letters and digits).
   * @default - required, no default
   */
  readonly accountName: string;
  /**
   * Resource group of the account and the identities.
   * @default - required, no default
   */
  readonly resourceGroupName: pulumi.Input<string>;
  /**
   * Azure location.
   * @default - required, no default
   */
  readonly location: string;
  /**
   * Container holding checkpoints.
   * @default "checkpoints"
   */
  readonly container?: string;
  /**
   * Container holding model weights.
   * @default "models"
   */
  readonly modelContainer?: string;
  /**
   * Days deleted blobs, versions and containers stay recoverable (soft delete), 1–365.
   * @default 30
   */
  readonly softDeleteDays?: number;
  /**
   * Geo-redundant (RA-GZRS: zone-redundant here, copied to the location's pair) instead of ZRS.
   * @default false
   */
  readonly geoRedundant?: boolean;
  /**
   * Drop protect/retainOnDelete on the account, its blob service settings and containers.
   * @default false
   */
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
  /**
   * Give this Kubernetes service account blob data access to both containers through workload identity.
   * @default - no pod access
   */
  readonly podAccess?: WorkloadIdentityAccessArgs;
  /**
   * Tags on every resource that takes them.
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

/** A Kubernetes service account given the store through AKS workload identity. */
export interface WorkloadIdentityAccessArgs {
  /**
   * OIDC issuer URL of the AKS cluster the pods run in.
   * @default - required, no default
   */
  readonly oidcIssuerUrl: pulumi.Input<string>;
  /**
   * Namespace of the service account.
   * @default - required, no default
   */
  readonly namespace: string;
  /**
   * Name of the service account.
   * @default - required, no default
   */
  readonly serviceAccount: string;
}

// What TypeScript callers read through getters: resources are not part of the package schema.
interface StoreChildren {
  account: storage.StorageAccount;
  container: storage.BlobContainer;
  modelContainer: storage.BlobContainer;
  blobService: storage.BlobServiceProperties;
}
const children = new WeakMap<CheckpointStore, StoreChildren>();

/**
 * The regional Azure Blob store for model weights and checkpoints: a private StorageV2 account (TLS
 * 1.2+, HTTPS only, Entra ID only), versioning, change feed and soft delete, ZRS or RA-GZRS, reachable
 * only from the subnets given, optionally encrypted with a customer-managed key, with one container
 * each for checkpoints and models and optional workload identity access for one service account. The
 * account, its settings and containers are protected and retained on delete unless data loss is
 * allowed. Every child goes through the azure-native provider in `opts.provider(s)`.
 */
export class CheckpointStore extends pulumi.ComponentResource {
  /** Name of the storage account. */
  readonly accountName: pulumi.Output<string>;
  /** Resource ID of the storage account (the DR primary's object replication destination when this is the peer). */
  readonly accountId: pulumi.Output<string>;
  /** Name of the checkpoints container. */
  readonly containerName: pulumi.Output<string>;
  /** Name of the model weights container. */
  readonly modelContainerName: pulumi.Output<string>;
  /** `https://<account>.blob.core.windows.net/<container>`. */
  readonly url: pulumi.Output<string>;
  /** Client ID of the pods' managed identity (the service account's `azure.workload.identity/client-id`; only with podAccess). */
  readonly clientId?: pulumi.Output<string>;

  constructor(name: string, args: CheckpointStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:azure:CheckpointStore", name, {}, opts);
    const settings = resolveAccountArgs(args);
    const containerName = settings.container;
    const modelContainerName = settings.modelContainer;
    const days = settings.softDeleteDays;
    const tags = args.tags ?? {};
    const rg = args.resourceGroupName;
    const keep = { parent: this, ...dataProtection(args.allowDataLoss ?? false) };
    const cmk = args.customerManagedKeyId !== undefined ? this.keyAccess(name, args.customerManagedKeyId, rg, args.location, tags, keep) : undefined;

    const account = new storage.StorageAccount(
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
    const blobService = new storage.BlobServiceProperties(
      `${name}-blob-service`,
      {
        accountName: account.name,
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
      new storage.BlobContainer(resourceName, { accountName: account.name, resourceGroupName: rg, containerName, publicAccess: "None" }, { ...keep, dependsOn: [blobService] });
    children.set(this, { account, blobService, container: container(`${name}-container`, containerName), modelContainer: container(`${name}-models`, modelContainerName) });
    this.accountName = account.name;
    this.accountId = account.id;
    this.containerName = pulumi.output(containerName);
    this.modelContainerName = pulumi.output(modelContainerName);
    // From the chosen name, so the URL is known before the account exists (plans show it).
    this.url = pulumi.output(`https://${args.accountName}.blob.core.windows.net/${containerName}`);
    if (args.podAccess) this.clientId = this.grantPods(name, args.podAccess, rg, args.location, tags, childDependsOn(opts));
    this.registerOutputs({ account: this.accountName, accountId: this.accountId, url: this.url });
  }

  /** The storage account (TypeScript only). */
  get account(): storage.StorageAccount {
    return children.get(this)!.account;
  }

  /** The checkpoints container (TypeScript only). */
  get container(): storage.BlobContainer {
    return children.get(this)!.container;
  }

  /** The model weights container (TypeScript only). */
  get modelContainer(): storage.BlobContainer {
    return children.get(this)!.modelContainer;
  }

  /** The blob service settings (versioning, change feed) object replication requires on both accounts (TypeScript only). */
  get blobService(): storage.BlobServiceProperties {
    return children.get(this)!.blobService;
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

  /** `waitFor`: the component's own dependencies (the cluster, for the federated credential). */
  private grantPods(
    name: string,
    a: WorkloadIdentityAccessArgs,
    rg: pulumi.Input<string>,
    location: string,
    tags: Record<string, string>,
    waitFor: pulumi.Input<pulumi.Resource>[],
  ): pulumi.Output<string> {
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
      { ...child, dependsOn: waitFor },
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
