// GPU node groups: one per zone per capacity type, so the autoscaler can grow exactly the zone that
// needs nodes and keep zones balanced; bounds come from the zone-loss sizing.
import * as eks from "@pulumi/aws/eks";
import * as pulumi from "@pulumi/pulumi";
import { EKS_GPU_TAINT, GpuNodeGroupSpec } from "./gpu-pools";
import { nodeLaunchTemplate } from "./launch-template";

export interface GpuNodeGroupsArgs {
  readonly clusterName: pulumi.Input<string>;
  readonly nodeRoleArn: pulumi.Input<string>;
  /** The node groups to create (from `planGpuPools`). */
  readonly groups: readonly GpuNodeGroupSpec[];
  /** Private subnets per zone; each group gets only its zone's. */
  readonly subnetIdsByZone: Readonly<Record<string, pulumi.Input<pulumi.Input<string>[]>>>;
  /** EKS AMI type with NVIDIA drivers. @default "AL2023_x86_64_NVIDIA" */
  readonly amiType?: string;
  /** Root volume size in GiB (inference images are large). @default 200 */
  readonly diskSizeGb?: number;
  /**
   * What the node groups wait for (the node role's policies, the VPC CNI add-on): a component's
   * dependsOn does not reach its children, so it is passed to each group.
   * @default []
   */
  readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
}

export class GpuNodeGroups extends pulumi.ComponentResource {
  readonly nodeGroups: eks.NodeGroup[];

  constructor(name: string, args: GpuNodeGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:aws:GpuNodeGroups", name, {}, opts);
    const amiType = args.amiType ?? "AL2023_x86_64_NVIDIA";
    // One template for every group: they differ in zone, capacity and instance types, not in their nodes' hardening.
    const launchTemplate = nodeLaunchTemplate(`${name}-nodes`, amiType, args.diskSizeGb ?? 200, {}, { parent: this });
    this.nodeGroups = args.groups.map(
      (g) =>
        new eks.NodeGroup(
          `${name}-${g.name}`,
          {
            clusterName: args.clusterName,
            // A prefix, not a fixed name: a replacement group is created before the old one goes.
            nodeGroupNamePrefix: g.namePrefix,
            nodeRoleArn: args.nodeRoleArn,
            subnetIds: args.subnetIdsByZone[g.zone],
            capacityType: g.eksCapacityType,
            instanceTypes: g.instanceTypes,
            amiType,
            launchTemplate,
            scalingConfig: { minSize: g.minNodes, desiredSize: g.minNodes, maxSize: g.maxNodes },
            updateConfig: { maxUnavailable: 1 },
            labels: g.labels,
            taints: [{ ...EKS_GPU_TAINT }],
            tags: g.tags,
          },
          // The autoscaler owns the desired size; a later `pulumi up` must not reset it.
          { parent: this, dependsOn: args.dependsOn, ignoreChanges: ["scalingConfig.desiredSize"] },
        ),
    );
    this.registerOutputs({ nodeGroupNames: this.nodeGroups.map((n) => n.nodeGroupName) });
  }
}
