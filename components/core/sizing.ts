// Zone-loss sizing: how many GPU nodes each zone needs so that losing any `f` zones (and, for the
// on-demand floor, every spot node as well) still leaves the GPUs the service needs.
import { ConfigError, show } from "./config/schema";

export interface SizingInput {
  /** GPUs the service needs (R). */
  readonly requiredGpus: number;
  /** Zones the pools span (Z entries, distinct). */
  readonly zones: readonly string[];
  /** GPUs per node (g). */
  readonly gpusPerNode: number;
  /** Zones that may fail at once (f < Z). */
  readonly toleratedZoneFailures: number;
  /** Share of R (0–1) that on-demand nodes alone must carry through f zone failures. */
  readonly onDemandFloor: number;
  /** Whether spot pools exist; without them every node is on-demand. */
  readonly spot: boolean;
  /** Extra nodes above the per-zone bound in each pool's max, for the autoscaler. */
  readonly headroomNodes: number;
}

export type CapacityType = "spot" | "on-demand";

export interface PoolSize {
  readonly zone: string;
  readonly capacityType: CapacityType;
  readonly minNodes: number;
  readonly maxNodes: number;
}

export interface Sizing {
  /** Nodes per zone at the bound ceil(R / ((Z − f) · g)). */
  readonly nodesPerZone: number;
  readonly onDemandNodesPerZone: number;
  readonly pools: readonly PoolSize[];
}

export function sizeZones(i: SizingInput): Sizing {
  const Z = i.zones.length;
  if (!Number.isInteger(i.requiredGpus) || i.requiredGpus <= 0) {
    throw new ConfigError(`dynamo-ha:capacity.requiredGpus: must be an integer ≥ 1, got ${i.requiredGpus}`);
  }
  if (new Set(i.zones).size !== Z || Z < 2) {
    throw new ConfigError(`dynamo-ha:zones: need at least 2 distinct zones, got ${show(i.zones)}`);
  }
  if (!Number.isInteger(i.toleratedZoneFailures) || i.toleratedZoneFailures < 0 || i.toleratedZoneFailures >= Z) {
    throw new ConfigError(
      `dynamo-ha:capacity.toleratedZoneFailures: must be an integer from 0 to ${Z - 1} (fewer than the ${Z} zones), got ${i.toleratedZoneFailures}`,
    );
  }
  if (!Number.isInteger(i.gpusPerNode) || i.gpusPerNode < 1) {
    throw new ConfigError(`dynamo-ha:gpuPool.gpusPerNode: must be an integer ≥ 1, got ${i.gpusPerNode}`);
  }
  if (!(i.onDemandFloor >= 0 && i.onDemandFloor <= 1)) {
    throw new ConfigError(`dynamo-ha:capacity.onDemandFloor: must be a number from 0 to 1, got ${i.onDemandFloor}`);
  }
  const surviving = (Z - i.toleratedZoneFailures) * i.gpusPerNode;
  const nodesPerZone = Math.ceil(i.requiredGpus / surviving);
  const onDemandNodesPerZone = i.spot ? Math.min(nodesPerZone, Math.ceil((i.onDemandFloor * i.requiredGpus) / surviving)) : nodesPerZone;
  const pools: PoolSize[] = [];
  for (const zone of i.zones) {
    if (i.spot) {
      pools.push({ zone, capacityType: "spot", minNodes: nodesPerZone - onDemandNodesPerZone, maxNodes: nodesPerZone + i.headroomNodes });
    }
    // The fallback pool may grow to the whole bound: when spot is gone the autoscaler lands here.
    pools.push({ zone, capacityType: "on-demand", minNodes: onDemandNodesPerZone, maxNodes: nodesPerZone + i.headroomNodes });
  }
  return { nodesPerZone, onDemandNodesPerZone, pools };
}

/** One pool row of the plan's `capacity` section. */
export interface CapacityPool {
  name: string;
  zone: string;
  capacityType: CapacityType;
  instanceTypes: string[];
  gpusPerNode: number;
  minNodes: number;
  maxNodes: number;
}

/** The plan's `capacity` section (stable key names, read by `plan --json` and the report). */
export interface CapacityReport {
  requiredGpus: number;
  toleratedZoneFailures: number;
  onDemandFloor: number;
  nodesPerZone: number;
  pools: CapacityPool[];
  /** Guaranteed GPUs (pool minimums) left when the named zone is lost. */
  withoutZone: Record<string, number>;
  /** Guaranteed GPUs left when every spot node is lost. */
  withoutSpot: number;
}

export function capacityReport(
  input: SizingInput,
  sizing: Sizing,
  describe: (p: PoolSize) => { name: string; instanceTypes: string[] },
): CapacityReport {
  const pools = sizing.pools.map((p) => ({ ...describe(p), zone: p.zone, capacityType: p.capacityType, gpusPerNode: input.gpusPerNode, minNodes: p.minNodes, maxNodes: p.maxNodes }));
  const gpus = (ps: CapacityPool[]) => ps.reduce((s, p) => s + p.minNodes * p.gpusPerNode, 0);
  const withoutZone: Record<string, number> = {};
  for (const z of input.zones) withoutZone[z] = gpus(pools.filter((p) => p.zone !== z));
  return {
    requiredGpus: input.requiredGpus,
    toleratedZoneFailures: input.toleratedZoneFailures,
    onDemandFloor: input.onDemandFloor,
    nodesPerZone: sizing.nodesPerZone,
    pools,
    withoutZone,
    withoutSpot: gpus(pools.filter((p) => p.capacityType === "on-demand")),
  };
}
