import { StackValidationPolicy } from "@pulumi/policy";
import { gpuPools, POOL_TYPES } from "../lib/pools";
import { cfgInt, stackItems } from "../lib/stack";
import { isUnknown } from "../lib/values";

export interface GpuPoolsConfig {
  minZones?: number;
}

/**
 * GPU capacity in one zone is lost with that zone; spot capacity can vanish across a region at once,
 * so each spot GPU class needs an on-demand pool to fall back on.
 */
export const gpuPoolsAcrossZones: StackValidationPolicy = {
  name: "gpu-pools-across-zones",
  description: "EKS GPU node groups and AKS GPU agent pools together span the required number of zones, and every spot GPU pool has an on-demand (Regular) pool of the same GPU class.",
  remediationSteps:
    "Create one GPU node group per zone (EKS: one subnet each, tagged dynamo-ha.io/zone; AKS: availabilityZones) over at least minZones zones, and pair each spot pool with an on-demand pool carrying the same dynamo-ha.io/gpu-class label.",
  enforcementLevel: "advisory",
  severity: "high",
  configSchema: { properties: { minZones: { type: "integer", minimum: 1, default: 2 } } },
  validateStack: (args, report) => {
    const minZones = cfgInt(args.getConfig<GpuPoolsConfig>() as Record<string, unknown>, "minZones", 2);
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
        const kind = cloud === "aws" ? "EKS GPU node groups" : "AKS GPU agent pools";
        report(`${kind} span ${zones.size} zone(s) (${[...zones].sort().join(", ") || "none"}); at least ${minZones} are required to survive a zone outage.`);
      }
    }
    for (const p of pools.filter((x) => x.spot)) {
      const fallback = pools.some((o) => !o.spot && o.cloud === p.cloud && o.gpuClass === p.gpuClass);
      if (!fallback) report(`${p.label} is a spot pool of GPU class ${p.gpuClass} with no on-demand pool of the same class to fall back on when spot capacity is reclaimed.`, p.urn);
    }
  },
};
