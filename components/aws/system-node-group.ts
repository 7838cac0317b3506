// The on-demand system node group: operators, the autoscaler, CoreDNS and add-ons live here, spread
// over every zone, never on spot.
import * as eks from "@pulumi/aws/eks";
import * as pulumi from "@pulumi/pulumi";
import { LABEL_CAPACITY, LABEL_POOL_ROLE } from "../core/labels";
import { nodeLaunchTemplate } from "./launch-template";
import { SYSTEM_NODE_GROUP_PREFIX } from "./naming";

/** Labels of system nodes; the Kubernetes layer pins control-plane-like pods to them. */
export const SYSTEM_NODE_LABELS: Readonly<Record<string, string>> = { [LABEL_POOL_ROLE]: "system", [LABEL_CAPACITY]: "on-demand" };

export interface SystemNodeGroupArgs {
  readonly clusterName: pulumi.Input<string>;
  readonly nodeRoleArn: pulumi.Input<string>;
  /** Private subnets of every zone. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Zones the group spans; its size is per zone times this count. */
  readonly zoneCount: number;
  /** Instance type. @default "m6i.xlarge" */
  readonly instanceType?: string;
  /** Nodes per zone. @default 1 */
  readonly nodesPerZone?: number;
  /** Tags. @default {} */
  readonly tags?: Record<string, string>;
  /**
   * What the node groups wait for (the node role's policies, the VPC CNI add-on): a component's
   * dependsOn does not reach its children, so it is passed to each group.
   * @default []
   */
  readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
}

export class SystemNodeGroup extends pulumi.ComponentResource {
  readonly nodeGroup: eks.NodeGroup;

  constructor(name: string, args: SystemNodeGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:aws:SystemNodeGroup", name, {}, opts);
    const size = (args.nodesPerZone ?? 1) * args.zoneCount;
    const amiType = "AL2023_x86_64_STANDARD";
    // 20 GiB: the managed node group default the group had before it had a launch template.
    const launchTemplate = nodeLaunchTemplate(`${name}-nodes`, amiType, 20, args.tags ?? {}, { parent: this });
    this.nodeGroup = new eks.NodeGroup(
      name,
      {
        clusterName: args.clusterName,
        // A prefix, not a fixed name: a replacement group is created before the old one goes.
        nodeGroupNamePrefix: SYSTEM_NODE_GROUP_PREFIX,
        nodeRoleArn: args.nodeRoleArn,
        subnetIds: args.subnetIds,
        capacityType: "ON_DEMAND",
        amiType,
        launchTemplate,
        instanceTypes: [args.instanceType ?? "m6i.xlarge"],
        // One node per zone is the floor; twice that leaves room to replace a node during upgrades.
        scalingConfig: { minSize: size, desiredSize: size, maxSize: size * 2 },
        updateConfig: { maxUnavailable: 1 },
        labels: { ...SYSTEM_NODE_LABELS },
        tags: args.tags ?? {},
      },
      { parent: this, dependsOn: args.dependsOn, ignoreChanges: ["scalingConfig.desiredSize"] },
    );
    this.registerOutputs({ nodeGroupName: this.nodeGroup.nodeGroupName });
  }
}
