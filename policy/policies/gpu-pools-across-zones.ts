import { StackValidationPolicy } from "@pulumi/policy";
import { GpuPool, gpuPools, gpusWithoutSpot, POOL_TYPES } from "../lib/pools";
import { cfgInt, stackItems } from "../lib/stack";
import { isUnknown, text } from "../lib/values";

export interface GpuPoolsConfig {
  minZones?: number;
  minOnDemandGpus?: number;
}

const KIND = { aws: "EKS GPU node groups", azure: "AKS GPU agent pools" } as const;

/**
 * The on-demand floor: GPUs the on-demand (AKS Regular) pools guarantee at their minimum size, which is
 * all that is left when every spot node is reclaimed at once. Below the floor, or with a floor of 0,
 * a spot storm takes the service down whatever the zone spread.
 */
function floorProblem(cloud: "aws" | "azure", ps: readonly GpuPool[], floor: number): string | undefined {
  if (floor < 1) return `minOnDemandGpus is ${floor}: a floor of 0 lets every GPU go with the spot capacity; configure 1 or more.`;
  const left = gpusWithoutSpot(ps);
  // Sizes or capacity types only the update knows cannot fail the check; the known ones may pass it.
  if (left.gpus >= floor || left.unknown) return undefined;
  const est = left.estimated ? ", counting 1 GPU per node where a pool does not declare its GPUs" : "";
  return `${KIND[cloud]} keep ${left.gpus} GPU(s) at their minimum size when every spot node is reclaimed${est}; the on-demand floor is ${floor}.`;
}

/**
 * GPU capacity in one zone is lost with that zone; spot capacity can vanish across a region at once,
 * so each spot GPU class needs an on-demand pool to fall back on, and the on-demand pools must keep
 * a floor of GPUs by themselves.
 */
export const gpuPoolsAcrossZones: StackValidationPolicy = {
  name: "gpu-pools-across-zones",
  description:
    "EKS GPU node groups and AKS GPU agent pools together span the required number of zones, every spot GPU pool has an on-demand (Regular) pool of the same GPU class, and the on-demand pools alone guarantee the on-demand floor of GPUs.",
  remediationSteps:
    "Create one GPU node group per zone (EKS: one subnet each, tagged dynamo-ha.io/zone; AKS: availabilityZones) over at least minZones zones, pair each spot pool with an on-demand pool carrying the same dynamo-ha.io/gpu-class label, and give the on-demand pools minimum sizes (EKS scalingConfig.minSize, AKS minCount) that hold at least minOnDemandGpus GPUs (raise capacity.onDemandFloor).",
  enforcementLevel: "advisory",
  severity: "high",
  configSchema: {
    properties: {
      minZones: { type: "integer", minimum: 1, default: 2 },
      minOnDemandGpus: { type: "integer", minimum: 1, default: 1, description: "GPUs the on-demand pools must guarantee at their minimum size when every spot node is reclaimed." },
    },
  },
  validateStack: (args, report) => {
    const cfg = args.getConfig<GpuPoolsConfig>() as Record<string, unknown>;
    const minZones = cfgInt(cfg, "minZones", 2);
    const floor = cfgInt(cfg, "minOnDemandGpus", 1);
    const pools = gpuPools(stackItems(args.resources, POOL_TYPES));
    for (const cloud of ["aws", "azure"] as const) {
      const ps = pools.filter((p) => p.cloud === cloud);
      if (ps.length === 0) continue;
      const zones = new Set<string>();
      let unknown = false;
      for (const p of ps) {
        if (isUnknown(p.zones)) unknown = true;
        else p.zones.forEach((z) => zones.add(z));
      }
      // Zones that only the update knows cannot fail the check; the known ones may already pass it.
      if (zones.size < minZones && !unknown) {
        const sorted = [...zones].sort();
        const shown = sorted.slice(0, 10).map((z) => text(z)).join(", ") + (sorted.length > 10 ? ` and ${sorted.length - 10} more` : "");
        report(`${KIND[cloud]} span ${zones.size} zone(s) (${shown || "none"}); at least ${minZones} are required to survive a zone outage.`);
      }
      const floorMsg = floorProblem(cloud, ps, floor);
      // Named on an on-demand pool (or the first pool when there is none): the one to resize.
      if (floorMsg) report(floorMsg, (ps.find((p) => p.capacity === "on-demand") ?? ps[0]).urn);
    }
    // On-demand pools by cloud and class, so each spot pool's lookup is one set read.
    const onDemand = new Set(pools.filter((o) => !o.spot).map((o) => `${o.cloud}\u0000${o.gpuClass}`));
    for (const p of pools.filter((x) => x.spot)) {
      if (!onDemand.has(`${p.cloud}\u0000${p.gpuClass}`)) {
        report(`${p.label} is a spot pool of GPU class ${text(p.gpuClass)} with no on-demand pool of the same class to fall back on when spot capacity is reclaimed.`, p.urn);
      }
    }
  },
};
