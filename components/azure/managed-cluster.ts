// The AKS control plane: its identity, its right to use the node subnet, its etcd encryption key, the
// ManagedCluster with the zone-spanning System pool, and its control-plane logs. GPU pools are separate
// AgentPool resources (gpu-agent-pools.ts).
import * as authorization from "@pulumi/azure-native/authorization";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as monitor from "@pulumi/azure-native/monitor";
import * as pulumi from "@pulumi/pulumi";
import { dataProtection } from "../core/storage-plan";
import { AUTOSCALER_PROFILE, NETWORK_PROFILE, ROLE, SystemPoolValues } from "./cluster-profiles";
import { AksEtcdKms } from "./etcd-kms";
import { ADDON_PROFILES, controlPlaneLogs, defenderProfile, KEEP_POOL_ENCRYPTION, kmsProfile, LOG_DESTINATION_TYPE } from "./security-profiles";

export interface AksClusterArgs {
  readonly location: string;
  readonly resourceGroupName: pulumi.Input<string>;
  /** Cluster name, also its DNS prefix. */
  readonly clusterName: string;
  readonly kubernetesVersion: string;
  /** Subnet of every node pool. */
  readonly subnetId: pulumi.Input<string>;
  /** The System pool (see cluster-profiles.ts systemPool). */
  readonly systemPool: SystemPoolValues;
  /** Entra ID settings (see cluster-profiles.ts aadProfile). */
  readonly aad: { managed: boolean; enableAzureRBAC: boolean; adminGroupObjectIDs: string[] };
  /** API server access (see cluster-profiles.ts apiServerAccess). */
  readonly apiServerAccess: { enablePrivateCluster: boolean; authorizedIPRanges?: string[] };
  /** Log Analytics workspace (resource id) of the control-plane and audit logs and of Defender. */
  readonly logWorkspaceId: pulumi.Input<string>;
  /**
   * Give the identity running Pulumi a standing "Azure Kubernetes Service RBAC Cluster Admin" grant on
   * the cluster. Off: it reaches the cluster as a member of an `aad.adminGroupObjectIDs` group.
   * @default false
   */
  readonly grantDeployerClusterAdmin?: boolean;
  /**
   * Tags on every resource.
   * @default {}
   */
  readonly tags?: Record<string, string>;
  /**
   * Protect the cluster against `pulumi destroy`, and protect and retain what its data depends on
   * (identity, etcd key and vault, the key grant, the log setting).
   * @default true
   */
  readonly protect?: boolean;
}

export class AksCluster extends pulumi.ComponentResource {
  readonly cluster: containerservice.ManagedCluster;
  readonly identity: managedidentity.UserAssignedIdentity;
  readonly kms: AksEtcdKms;
  /** Sends the control-plane and audit logs to the workspace. */
  readonly controlPlaneLogs: monitor.DiagnosticSetting;
  /** Role assignments the Kubernetes provider must wait for. */
  readonly accessGrants: pulumi.Resource[];
  readonly oidcIssuerUrl: pulumi.Output<string>;

  constructor(name: string, args: AksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:azure:Cluster", name, {}, opts);
    const tags = args.tags ?? {};
    const protect = args.protect ?? true;
    const keep = { parent: this, ...dataProtection(!protect) };
    const client = authorization.getClientConfigOutput({ parent: this });
    const roleId = (role: string) => pulumi.interpolate`/subscriptions/${client.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role}`;

    // A user-assigned control-plane identity can be granted the subnet and the etcd key before the
    // cluster exists; with a custom VNet AKS needs Network Contributor there for load balancers and
    // node NICs. KMS cannot outlive it, so it is kept like the key.
    this.identity = new managedidentity.UserAssignedIdentity(
      `${name}-identity`,
      { resourceGroupName: args.resourceGroupName, resourceName: `${args.clusterName}-control-plane`, location: args.location, tags },
      keep,
    );
    const subnetAccess = new authorization.RoleAssignment(
      `${name}-subnet-network-contributor`,
      { principalId: this.identity.principalId, principalType: "ServicePrincipal", roleDefinitionId: roleId(ROLE.networkContributor), scope: args.subnetId },
      { parent: this },
    );
    this.kms = new AksEtcdKms(
      `${name}-kms`,
      { location: args.location, resourceGroupName: args.resourceGroupName, clusterName: args.clusterName, controlPlanePrincipalId: this.identity.principalId, tags, allowDataLoss: !protect },
      { parent: this },
    );

    this.cluster = new containerservice.ManagedCluster(
      `${name}-aks`,
      {
        resourceGroupName: args.resourceGroupName,
        resourceName: args.clusterName,
        location: args.location,
        dnsPrefix: args.clusterName,
        kubernetesVersion: args.kubernetesVersion,
        sku: { name: "Base", tier: "Standard" },
        identity: { type: "UserAssigned", userAssignedIdentities: [this.identity.id] },
        enableRBAC: true,
        aadProfile: args.aad,
        disableLocalAccounts: true,
        oidcIssuerProfile: { enabled: true },
        securityProfile: { workloadIdentity: { enabled: true }, defender: defenderProfile(args.logWorkspaceId), azureKeyVaultKms: kmsProfile(this.kms.versionedKeyId) },
        addonProfiles: { azurepolicy: { ...ADDON_PROFILES.azurepolicy } },
        apiServerAccessProfile: args.apiServerAccess,
        autoScalerProfile: { ...AUTOSCALER_PROFILE },
        autoUpgradeProfile: { upgradeChannel: "patch", nodeOSUpgradeChannel: "NodeImage" },
        networkProfile: { ...NETWORK_PROFILE },
        agentPoolProfiles: [{ ...args.systemPool, vnetSubnetID: args.subnetId }],
        tags,
      },
      {
        parent: this,
        protect,
        // KMS is checked at create time: the identity must already be able to use the key.
        dependsOn: [subnetAccess, this.kms.keyAccess],
        // The autoscaler owns the System pool's node count after creation.
        ignoreChanges: ["agentPoolProfiles[0].count", `agentPoolProfiles[*].${KEEP_POOL_ENCRYPTION}`],
      },
    );

    this.controlPlaneLogs = new monitor.DiagnosticSetting(
      `${name}-control-plane-logs`,
      { name: "control-plane-logs", resourceUri: this.cluster.id, workspaceId: args.logWorkspaceId, logAnalyticsDestinationType: LOG_DESTINATION_TYPE, logs: controlPlaneLogs() },
      keep,
    );

    // No standing cluster-admin by default: admins (the deploying identity among them) come from the
    // Entra groups in aadProfile; this grant is the dev-only shortcut (checks/azure.ts).
    this.accessGrants = [];
    if (args.grantDeployerClusterAdmin ?? false) {
      this.accessGrants.push(
        new authorization.RoleAssignment(
          `${name}-deployer-cluster-admin`,
          { principalId: client.objectId, roleDefinitionId: roleId(ROLE.aksRbacClusterAdmin), scope: this.cluster.id },
          { parent: this },
        ),
      );
    }
    // Known only once the cluster exists (tied to its id, so a preview shows it as unknown).
    this.oidcIssuerUrl = pulumi.all([this.cluster.id, this.cluster.oidcIssuerProfile]).apply(([, p]) => p?.issuerURL ?? "");
    this.registerOutputs({ clusterId: this.cluster.id, oidcIssuerUrl: this.oidcIssuerUrl });
  }
}
