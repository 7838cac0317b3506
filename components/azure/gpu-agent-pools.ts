// GPU agent pools: one containerservice.AgentPool per zone per priority. Separate resources, never
// inline agentPoolProfiles: inline and separate pools fight each other on every cluster update.
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as pulumi from "@pulumi/pulumi";
import { AgentPoolPlan } from "./gpu-pool-plan";
import { KEEP_POOL_ENCRYPTION, NODE_ENCRYPTION } from "./security-profiles";

export interface AksGpuPoolsArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** Name of the ManagedCluster the pools join. */
  readonly clusterName: pulumi.Input<string>;
  readonly subnetId: pulumi.Input<string>;
  /** The pools to declare (gpu-pool-plan.ts planGpuPools). */
  readonly pools: readonly AgentPoolPlan[];
  /**
   * Node OS disk size in GiB (model images are large).
   * @default 256
   */
  readonly osDiskSizeGB?: number;
  /**
   * Tags on every pool.
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

/** Azure tag carrying a pool's Kubernetes zone (tag names may not contain "/", so not the label key). */
export const ZONE_TAG = "dynamo-ha-zone";

export class AksGpuPools extends pulumi.ComponentResource {
  readonly pools: containerservice.AgentPool[];

  constructor(name: string, args: AksGpuPoolsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:azure:GpuPools", name, {}, opts);
    this.pools = [];
    for (const p of args.pools) {
      // AKS runs one agent-pool operation per cluster at a time and rejects the rest ("Another
      // agentpool operation is in progress"): each pool waits for the one before it.
      const previous = this.pools[this.pools.length - 1];
      this.pools.push(
        new containerservice.AgentPool(
          `${name}-${p.name}`,
          {
            resourceGroupName: args.resourceGroupName,
            resourceName: args.clusterName,
            agentPoolName: p.name,
            mode: "User",
            type: "VirtualMachineScaleSets",
            osType: "Linux",
            vmSize: p.vmSize,
            osDiskSizeGB: args.osDiskSizeGB ?? 256,
            ...NODE_ENCRYPTION,
            availabilityZones: [p.zone],
            vnetSubnetID: args.subnetId,
            enableAutoScaling: true,
            count: p.minCount,
            minCount: p.minCount,
            maxCount: p.maxCount,
            nodeLabels: { ...p.nodeLabels },
            nodeTaints: [...p.nodeTaints],
            gpuProfile: { driver: p.driver },
            scaleSetPriority: p.priority,
            // Delete, not Deallocate: deallocated spot nodes keep counting against quota and block scaling.
            ...(p.priority === "Spot" ? { scaleSetEvictionPolicy: "Delete", spotMaxPrice: -1 } : {}),
            tags: { ...(args.tags ?? {}), [ZONE_TAG]: p.topologyZone },
          },
          // The autoscaler owns the node count once the pool exists.
          { parent: this, ignoreChanges: ["count", KEEP_POOL_ENCRYPTION], dependsOn: previous ? [previous] : [] },
        ),
      );
    }
    this.registerOutputs({ pools: this.pools.map((p) => p.id) });
  }
}
