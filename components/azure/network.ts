// The region's resource group, virtual network and node subnet.
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import * as pulumi from "@pulumi/pulumi";
import { nodeSubnetCidr } from "./naming";

export interface AksNetworkArgs {
  /** Azure location of every resource. */
  readonly location: string;
  /** Name of the resource group to create. */
  readonly resourceGroupName: string;
  /** Address space of the virtual network; the node subnet takes its first half. */
  readonly vnetCidr: string;
  /**
   * Tags on every resource.
   * @default {}
   */
  readonly tags?: Record<string, string>;
  /**
   * Protect the resource group against `pulumi destroy` (it holds the cluster and its disks).
   * @default true
   */
  readonly protect?: boolean;
}

export class AksNetwork extends pulumi.ComponentResource {
  readonly resourceGroup: resources.ResourceGroup;
  readonly vnet: network.VirtualNetwork;
  readonly subnet: network.Subnet;

  constructor(name: string, args: AksNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:azure:Network", name, {}, opts);
    const tags = args.tags ?? {};
    this.resourceGroup = new resources.ResourceGroup(
      `${name}-rg`,
      { resourceGroupName: args.resourceGroupName, location: args.location, tags },
      { parent: this, protect: args.protect ?? true },
    );
    this.vnet = new network.VirtualNetwork(
      `${name}-vnet`,
      {
        resourceGroupName: this.resourceGroup.name,
        virtualNetworkName: `${name}-vnet`,
        location: args.location,
        addressSpace: { addressPrefixes: [args.vnetCidr] },
        tags,
      },
      // Subnets are separate resources; an inline list here would fight them on every update.
      { parent: this, ignoreChanges: ["subnets"] },
    );
    this.subnet = new network.Subnet(
      `${name}-nodes`,
      {
        resourceGroupName: this.resourceGroup.name,
        virtualNetworkName: this.vnet.name,
        subnetName: "nodes",
        addressPrefix: nodeSubnetCidr(args.vnetCidr),
        // The storage account's virtual network rule admits this subnet; such a rule needs the
        // Microsoft.Storage service endpoint on it (learn.microsoft.com/azure/storage/common/storage-network-security,
        // "Grant access from a virtual network").
        serviceEndpoints: [{ service: "Microsoft.Storage" }],
      },
      { parent: this },
    );
    this.registerOutputs({ resourceGroupName: this.resourceGroup.name, vnetId: this.vnet.id, subnetId: this.subnet.id });
  }
}
