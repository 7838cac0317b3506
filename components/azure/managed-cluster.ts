// The AKS control plane: its identity, its right to use the node subnet, and the ManagedCluster with
// the zone-spanning System pool. GPU pools are separate AgentPool resources (gpu-agent-pools.ts).
import * as authorization from "@pulumi/azure-native/authorization";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as pulumi from "@pulumi/pulumi";
import { AUTOSCALER_PROFILE, NETWORK_PROFILE, ROLE, SystemPoolValues } from "./cluster-profiles";

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
  /**
   * Give the identity running Pulumi "Azure Kubernetes Service RBAC Cluster Admin" on the cluster,
   * so the same `pulumi up` can create Kubernetes objects with local accounts disabled.
   * @default true
   */
  readonly grantDeployerClusterAdmin?: boolean;
  /**
   * Tags on every resource.
   * @default {}
   */
  readonly tags?: Record<string, string>;
  /**
   * Protect the cluster against `pulumi destroy`.
   * @default true
   */
  readonly protect?: boolean;
}

export class AksCluster extends pulumi.ComponentResource {
  readonly cluster: containerservice.ManagedCluster;
  readonly identity: managedidentity.UserAssignedIdentity;
  /** Role assignments the Kubernetes provider must wait for. */
  readonly accessGrants: pulumi.Resource[];
  readonly oidcIssuerUrl: pulumi.Output<string>;

  constructor(name: string, args: AksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:azure:Cluster", name, {}, opts);
    const tags = args.tags ?? {};
    const client = authorization.getClientConfigOutput({ parent: this });
    const roleId = (role: string) => pulumi.interpolate`/subscriptions/${client.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role}`;

    // A user-assigned control-plane identity can be granted the subnet before the cluster exists;
    // with a custom VNet AKS needs Network Contributor there for load balancers and node NICs.
    this.identity = new managedidentity.UserAssignedIdentity(
      `${name}-identity`,
      { resourceGroupName: args.resourceGroupName, resourceName: `${args.clusterName}-control-plane`, location: args.location, tags },
      { parent: this },
    );
    const subnetAccess = new authorization.RoleAssignment(
      `${name}-subnet-network-contributor`,
      { principalId: this.identity.principalId, principalType: "ServicePrincipal", roleDefinitionId: roleId(ROLE.networkContributor), scope: args.subnetId },
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
        securityProfile: { workloadIdentity: { enabled: true } },
        apiServerAccessProfile: args.apiServerAccess,
        autoScalerProfile: { ...AUTOSCALER_PROFILE },
        autoUpgradeProfile: { upgradeChannel: "patch", nodeOSUpgradeChannel: "NodeImage" },
        networkProfile: { ...NETWORK_PROFILE },
        agentPoolProfiles: [{ ...args.systemPool, vnetSubnetID: args.subnetId }],
        tags,
      },
      {
        parent: this,
        protect: args.protect ?? true,
        dependsOn: [subnetAccess],
        // The autoscaler owns the System pool's node count after creation.
        ignoreChanges: ["agentPoolProfiles[0].count"],
      },
    );

    this.accessGrants = [];
    if (args.grantDeployerClusterAdmin ?? true) {
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
