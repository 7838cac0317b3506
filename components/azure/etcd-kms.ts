// KMS etcd encryption's key: a key vault with Azure RBAC, an RSA key, and the control-plane identity's
// right to use that key alone. AKS does not support deleting the key, the vault or the identity (the
// cluster's Secrets become unreadable), so all of them are protected and retained unless the stack
// allows data loss. Source: learn.microsoft.com/azure/aks/use-kms-etcd-encryption.
import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as pulumi from "@pulumi/pulumi";
import { dataProtection } from "../core/storage-plan";
import { ROLE } from "./cluster-profiles";
import { keyVaultName } from "./naming";
import { ETCD_KEY, etcdKeyVaultProperties } from "./security-profiles";

export interface AksEtcdKmsArgs {
  readonly location: string;
  readonly resourceGroupName: pulumi.Input<string>;
  /** Cluster name (the vault's name derives from it). */
  readonly clusterName: string;
  /** Principal id of the cluster's user-assigned control-plane identity (KMS does not work with a system-assigned one). */
  readonly controlPlanePrincipalId: pulumi.Input<string>;
  /**
   * Tags on the vault and key.
   * @default {}
   */
  readonly tags?: Record<string, string>;
  /**
   * Let `pulumi destroy` delete the vault, key and grant, and create the vault without purge protection.
   * @default false
   */
  readonly allowDataLoss?: boolean;
}

export class AksEtcdKms extends pulumi.ComponentResource {
  readonly vault: keyvault.Vault;
  readonly key: keyvault.Key;
  /** The control-plane identity's Key Vault Crypto User grant; the cluster must wait for it. */
  readonly keyAccess: authorization.RoleAssignment;
  /** The key id with its version, as KMS requires. */
  readonly versionedKeyId: pulumi.Output<string>;

  constructor(name: string, args: AksEtcdKmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:azure:EtcdKms", name, {}, opts);
    const allowDataLoss = args.allowDataLoss ?? false;
    const keep = { parent: this, ...dataProtection(allowDataLoss) };
    const tags = args.tags ?? {};
    const client = authorization.getClientConfigOutput({ parent: this });

    const vaultName = client.subscriptionId.apply((sub) => keyVaultName(args.clusterName, args.location, sub));
    this.vault = new keyvault.Vault(
      `${name}-vault`,
      {
        resourceGroupName: args.resourceGroupName,
        vaultName,
        location: args.location,
        properties: etcdKeyVaultProperties(client.tenantId, allowDataLoss),
        tags,
      },
      keep,
    );
    // A key created through ARM: a management-plane write (Contributor), no data-plane role for the deployer.
    this.key = new keyvault.Key(
      `${name}-key`,
      { resourceGroupName: args.resourceGroupName, vaultName, keyName: "etcd-kms", properties: { kty: ETCD_KEY.kty, keySize: ETCD_KEY.keySize, keyOps: [...ETCD_KEY.keyOps] }, tags },
      { ...keep, dependsOn: [this.vault] },
    );
    // Key Vault Crypto User on the key alone, for the one identity: Key Vault RBAC takes single-key
    // scopes (learn.microsoft.com/azure/key-vault/general/rbac-guide); the AKS guide grants this role.
    this.keyAccess = new authorization.RoleAssignment(
      `${name}-crypto-user`,
      {
        principalId: args.controlPlanePrincipalId,
        principalType: "ServicePrincipal",
        roleDefinitionId: pulumi.interpolate`/subscriptions/${client.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${ROLE.keyVaultCryptoUser}`,
        scope: this.key.id,
      },
      keep,
    );
    this.versionedKeyId = this.key.keyUriWithVersion;
    this.registerOutputs({ vaultId: this.vault.id, keyId: this.versionedKeyId });
  }
}
