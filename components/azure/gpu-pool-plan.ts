// What the GPU agent pools of an AKS region look like, as plain values: one pool per zone per priority,
// sized by the shared zone-loss sizing. The component (gpu-agent-pools.ts) only declares these.
import { resolveGpuShape, sizingInput } from "../core/config/checks";
import { RegionalConfig } from "../core/config";
import { GpuShape } from "../core/gpu-catalog";
import { AKS_SPOT_TAINT, GPU_TAINT, LABEL_CAPACITY, LABEL_GPU_CLASS, LABEL_POOL_ROLE } from "../core/labels";
import { CapacityReport, capacityReport, CapacityType, PoolSize, sizeZones } from "../core/sizing";
import { Toleration } from "../core/cluster-facts";
import { agentPoolName, topologyZone } from "./naming";

export type GpuDriver = "None" | "Install";

/** Label value every GPU node carries under LABEL_POOL_ROLE; the system pool carries "system". */
export const GPU_ROLE = "gpu";
export const SYSTEM_ROLE = "system";

/** One `containerservice.AgentPool` to declare. */
export interface AgentPoolPlan {
  readonly name: string;
  /** Azure zone ("1"–"3"). */
  readonly zone: string;
  /** Kubernetes zone label value (`eastus2-1`), set on the nodes by AKS. */
  readonly topologyZone: string;
  readonly capacityType: CapacityType;
  readonly priority: "Spot" | "Regular";
  readonly vmSize: string;
  readonly gpuClass: string;
  readonly gpusPerNode: number;
  readonly minCount: number;
  readonly maxCount: number;
  readonly nodeLabels: Readonly<Record<string, string>>;
  /** `key=value:Effect`, as the AKS API spells taints. */
  readonly nodeTaints: readonly string[];
  readonly driver: GpuDriver;
}

export interface GpuPoolPlan {
  readonly shape: GpuShape;
  readonly spotVmSize: string;
  readonly fallbackVmSize: string;
  readonly pools: readonly AgentPoolPlan[];
  readonly capacity: CapacityReport;
}

export const taintString = (t: { key: string; value: string; effect: string }): string => `${t.key}=${t.value}:${t.effect}`;

/** Label values allow [A-Za-z0-9._-] only; a custom class like `custom:Standard_X` must be cleaned. */
export function labelValue(v: string): string {
  return v.replace(/[^A-Za-z0-9._-]/g, "-").replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "").slice(0, 63);
}

/**
 * Who installs the NVIDIA driver. `None` leaves it to the GPU Operator; `Install` lets AKS do it.
 * Exactly one of the two must, or nodes come up without a working `nvidia` runtime.
 */
export function gpuDriverMode(c: RegionalConfig): GpuDriver {
  const owner = c.gpuPool.azureGpuDriver ?? (c.gpuPool.gpuSoftware === "gpu-operator" ? "gpu-operator" : "aks");
  return owner === "gpu-operator" ? "None" : "Install";
}

/** The spot VM size (the first listed) and the regular fallback VM size (same GPU class). */
export function vmSizes(c: RegionalConfig): { spot: string; fallback: string | undefined } {
  const fallbacks = c.gpuPool.fallbackInstanceTypes;
  return { spot: c.gpuPool.instanceTypes[0], fallback: fallbacks === undefined ? c.gpuPool.instanceTypes[0] : fallbacks[0] };
}

function poolPlan(c: RegionalConfig, p: PoolSize, vmSize: string, shape: GpuShape, driver: GpuDriver): AgentPoolPlan {
  const spot = p.capacityType === "spot";
  const zone = topologyZone(c.region, p.zone);
  // No zone label of our own: balanceSimilarNodeGroups treats pools with different labels as
  // different, and AKS's autoscaler profile has no balancing-ignore-label to except it. The platform
  // sets topology.kubernetes.io/zone, which the autoscaler already ignores when comparing pools.
  const nodeLabels: Record<string, string> = {
    [LABEL_POOL_ROLE]: GPU_ROLE,
    [LABEL_GPU_CLASS]: labelValue(shape.gpuClass),
    [LABEL_CAPACITY]: p.capacityType,
  };
  const nodeTaints = [taintString(GPU_TAINT)];
  if (spot) {
    // AKS puts this label and taint on every spot node itself; declaring them keeps updates free of
    // a permanent diff (and of "changing property nodeTaints is not allowed" failures).
    nodeLabels[AKS_SPOT_TAINT.key] = AKS_SPOT_TAINT.value;
    nodeTaints.push(taintString(AKS_SPOT_TAINT));
  }
  return {
    name: agentPoolName(p.capacityType, p.zone),
    zone: p.zone,
    topologyZone: zone,
    capacityType: p.capacityType,
    priority: spot ? "Spot" : "Regular",
    vmSize,
    gpuClass: shape.gpuClass,
    gpusPerNode: shape.gpus,
    minCount: p.minNodes,
    maxCount: p.maxNodes,
    nodeLabels,
    nodeTaints,
    driver,
  };
}

/** Pools and the plan's capacity rows from one sizing run (components/core/sizing.ts). */
export function planGpuPools(c: RegionalConfig): GpuPoolPlan {
  const shape = resolveGpuShape(c);
  const input = sizingInput(c, shape);
  const sizing = sizeZones(input);
  const sizes = vmSizes(c);
  const fallback = sizes.fallback ?? sizes.spot;
  const driver = gpuDriverMode(c);
  const pools = sizing.pools.map((p) => poolPlan(c, p, p.capacityType === "spot" ? sizes.spot : fallback, shape, driver));
  const capacity = capacityReport(input, sizing, (p) => ({
    name: agentPoolName(p.capacityType, p.zone),
    instanceTypes: [p.capacityType === "spot" ? sizes.spot : fallback],
  }));
  return { shape, spotVmSize: sizes.spot, fallbackVmSize: fallback, pools, capacity };
}

/** A GPU workload needs both: the GPU taint on every GPU pool, the AKS spot taint on spot pools. */
export function aksGpuTolerations(): Toleration[] {
  return [
    { key: GPU_TAINT.key, operator: "Equal", value: GPU_TAINT.value, effect: GPU_TAINT.effect },
    { key: AKS_SPOT_TAINT.key, operator: "Equal", value: AKS_SPOT_TAINT.value, effect: AKS_SPOT_TAINT.effect },
  ];
}
