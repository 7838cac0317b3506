// What each GPU node group is: zone, capacity type, instance types, labels, taint, tags and scaling
// bounds. Pure: the node-group component and the plan's capacity section both read these values.
import { resolveGpuShape, sizingInput } from "../core/config/checks";
import { RegionalConfig } from "../core/config/stack-config";
import { GpuShape } from "../core/gpu-catalog";
import { GPU_TAINT, LABEL_CAPACITY, LABEL_GPU_CLASS, LABEL_POOL_ROLE, LABEL_ZONE } from "../core/labels";
import { CapacityReport, capacityReport, CapacityType, sizeZones, SizingInput } from "../core/sizing";
import { gpuNodeGroupPrefix, labelValue } from "./naming";

/** Every GPU node carries this label (as the GPU Operator's feature discovery would set it). */
export const GPU_PRESENT_LABEL = { key: "nvidia.com/gpu.present", value: "true" } as const;

/** The node group taint in EKS's spelling of the effect. */
export const EKS_GPU_TAINT = { key: GPU_TAINT.key, value: GPU_TAINT.value, effect: "NO_SCHEDULE" } as const;

export interface GpuNodeGroupSpec {
  /** Pulumi name of the group's resource, e.g. `gpu-spot-us-east-1a`. */
  readonly name: string;
  /** EKS node group name prefix, e.g. `gpu-spot-us-east-1a-`; the capacity rows name the pool by it. */
  readonly namePrefix: string;
  readonly zone: string;
  readonly capacityType: CapacityType;
  /** EKS's spelling: SPOT or ON_DEMAND. */
  readonly eksCapacityType: "SPOT" | "ON_DEMAND";
  readonly instanceTypes: string[];
  readonly gpuClass: string;
  readonly gpusPerNode: number;
  readonly minNodes: number;
  readonly maxNodes: number;
  readonly labels: Record<string, string>;
  readonly tags: Record<string, string>;
}

export interface GpuPoolPlan {
  readonly shape: GpuShape;
  readonly sizing: SizingInput;
  readonly groups: GpuNodeGroupSpec[];
  readonly capacity: CapacityReport;
}

/** Spot groups take every configured type; on-demand groups the fallback types (default: the first type). */
export function instanceTypesFor(c: RegionalConfig, capacityType: CapacityType): string[] {
  if (capacityType === "spot") return [...c.gpuPool.instanceTypes];
  return c.gpuPool.fallbackInstanceTypes?.length ? [...c.gpuPool.fallbackInstanceTypes] : [c.gpuPool.instanceTypes[0]];
}

export function gpuLabels(zone: string, capacityType: CapacityType, gpuClass: string): Record<string, string> {
  return {
    [LABEL_GPU_CLASS]: labelValue(gpuClass),
    [LABEL_CAPACITY]: capacityType,
    [LABEL_ZONE]: zone,
    [LABEL_POOL_ROLE]: "gpu",
    [GPU_PRESENT_LABEL.key]: GPU_PRESENT_LABEL.value,
  };
}

/**
 * Tags of a node group: our zone tag, and the cluster-autoscaler node-template tags that describe a
 * node of an empty group (labels, taint, GPUs) so it can scale that group up from zero.
 */
export function gpuTags(clusterName: string, zone: string, labels: Record<string, string>, gpusPerNode: number, common: Record<string, string>): Record<string, string> {
  const tpl = "k8s.io/cluster-autoscaler/node-template";
  const tags: Record<string, string> = { ...common, [LABEL_ZONE]: zone, "k8s.io/cluster-autoscaler/enabled": "true", [`k8s.io/cluster-autoscaler/${clusterName}`]: "owned" };
  for (const [k, v] of Object.entries(labels)) tags[`${tpl}/label/${k}`] = v;
  tags[`${tpl}/taint/${GPU_TAINT.key}`] = `${GPU_TAINT.value}:${GPU_TAINT.effect}`;
  tags[`${tpl}/resources/nvidia.com/gpu`] = String(gpusPerNode);
  tags[`${tpl}/label/topology.kubernetes.io/zone`] = zone;
  return tags;
}

/** The GPU node groups of a region: one per zone per capacity type, bounds from the zone-loss sizing. */
export function planGpuPools(c: RegionalConfig, clusterName: string): GpuPoolPlan {
  const shape = resolveGpuShape(c);
  const input = sizingInput(c, shape);
  const sizing = sizeZones(input);
  const groups = sizing.pools.map((p): GpuNodeGroupSpec => {
    const labels = gpuLabels(p.zone, p.capacityType, shape.gpuClass);
    const namePrefix = gpuNodeGroupPrefix(p.zone, p.capacityType);
    return {
      name: namePrefix.slice(0, -1),
      namePrefix,
      zone: p.zone,
      capacityType: p.capacityType,
      eksCapacityType: p.capacityType === "spot" ? "SPOT" : "ON_DEMAND",
      instanceTypes: instanceTypesFor(c, p.capacityType),
      gpuClass: shape.gpuClass,
      gpusPerNode: shape.gpus,
      minNodes: p.minNodes,
      maxNodes: p.maxNodes,
      labels,
      tags: gpuTags(clusterName, p.zone, labels, shape.gpus, c.labels),
    };
  });
  const capacity = capacityReport(input, sizing, (p) => ({ name: gpuNodeGroupPrefix(p.zone, p.capacityType), instanceTypes: instanceTypesFor(c, p.capacityType) }));
  return { shape, sizing: input, groups, capacity };
}
