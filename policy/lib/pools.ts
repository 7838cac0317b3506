// GPU node pools of a stack: EKS managed node groups and AKS agent pools, with their zones, capacity
// type, GPU class and the GPUs their minimum size guarantees.
import { LABEL_GPU_CLASS, LABEL_ZONE, T } from "./keys";
import { StackItem } from "./stack";
import { at, bool, int, isUnknown, list, own, str, strMap, text, UNKNOWN, Unknown } from "./values";

export type Capacity = "spot" | "on-demand";

export interface GpuPool {
  urn: string;
  label: string;
  cloud: "aws" | "azure";
  gpuClass: string;
  /** Spot, or on-demand (EKS ON_DEMAND, AKS Regular, or unset: both APIs' default); UNKNOWN in a preview. */
  capacity: Capacity | Unknown;
  spot: boolean;
  /** Zones the pool's nodes land in; UNKNOWN when only the update can tell. */
  zones: string[] | Unknown;
  /** Nodes the pool never scales below (EKS scalingConfig.minSize, AKS minCount or count). */
  minNodes: number | Unknown;
  /** GPUs per node: what the pool declares, else 1 (a GPU node has at least one), see `gpusDeclared`. */
  gpusPerNode: number;
  gpusDeclared: boolean;
}

/** The types gpuPools reads: pools and the subnets their zones come from. */
export const POOL_TYPES: readonly string[] = [T.eksNodeGroup, T.aksAgentPool, T.awsSubnet];

/**
 * The cluster-autoscaler's node-template tag for a resource of an empty group; the stacks set it to
 * the GPUs per node (kubernetes/autoscaler cluster-autoscaler/cloudprovider/aws/README.md,
 * commit 604ab4523699128ca9bcb8288d087d49988540f8: `k8s.io/cluster-autoscaler/node-template/resources/<resource-name>`).
 */
export const GPU_RESOURCE_TAG = "k8s.io/cluster-autoscaler/node-template/resources/nvidia.com/gpu";

const GPU_INSTANCE = /^(p\d|g\d)/i;
const GPU_VM = /^Standard_N/i;

function stringsOf(v: unknown): string[] | Unknown {
  const l = list(v);
  if (isUnknown(l)) return UNKNOWN;
  if (l.some(isUnknown)) return UNKNOWN;
  return l.filter((x): x is string => typeof x === "string");
}

/** A node count: a non-negative integer, UNKNOWN when unknown or not a count at all (not judged). */
function count(v: unknown): number | Unknown {
  const n = int(v);
  return typeof n === "number" && n >= 0 ? n : UNKNOWN;
}

function capacityOf(v: unknown, spotValue: string): Capacity | Unknown {
  const s = str(v);
  if (isUnknown(s)) return UNKNOWN;
  return s === spotValue ? "spot" : "on-demand";
}

/** EKS zones: the Subnets `subnetIds` depends on, else the node group's dynamo-ha.io/zone tag or label. */
function eksZones(r: StackItem, byUrn: Map<string, StackItem>): string[] | Unknown {
  const deps = own(r.propertyDependencies, "subnetIds");
  const urns = Array.isArray(deps) ? deps.filter((u): u is string => typeof u === "string") : [];
  const subnets = urns.map((u) => byUrn.get(u)).filter((s): s is StackItem => s?.type === T.awsSubnet);
  const fromSubnets: string[] = [];
  let unknown = subnets.length === 0;
  for (const s of subnets) {
    const az = str(at(s.props, "availabilityZone"));
    const azId = str(at(s.props, "availabilityZoneId"));
    if (typeof az === "string") fromSubnets.push(az);
    else if (typeof azId === "string") fromSubnets.push(azId);
    else unknown = true;
  }
  if (!unknown) return [...new Set(fromSubnets)];
  const tagged = [own(strMap(at(r.props, "tags")), LABEL_ZONE), own(strMap(at(r.props, "labels")), LABEL_ZONE)].find((z): z is string => typeof z === "string" && z !== "");
  if (tagged) return [tagged];
  return fromSubnets.length ? [...new Set(fromSubnets)] : UNKNOWN;
}

export function gpuPools(items: readonly StackItem[]): GpuPool[] {
  const byUrn = new Map(items.map((i) => [i.urn, i]));
  const out: GpuPool[] = [];
  for (const r of items) {
    if (r.type === T.eksNodeGroup) {
      const cls = own(strMap(at(r.props, "labels")), LABEL_GPU_CLASS);
      const ami = str(at(r.props, "amiType"));
      const types = stringsOf(at(r.props, "instanceTypes"));
      const gpu = typeof cls === "string" || (typeof ami === "string" && /NVIDIA|GPU/i.test(ami)) || (!isUnknown(types) && types.some((t) => GPU_INSTANCE.test(t)));
      if (!gpu) continue;
      const capacity = capacityOf(at(r.props, "capacityType"), "SPOT");
      const declared = int(own(strMap(at(r.props, "tags")), GPU_RESOURCE_TAG));
      const gpusDeclared = typeof declared === "number" && declared >= 1;
      out.push({
        urn: r.urn,
        label: `EKS node group ${text(r.name)}`,
        cloud: "aws",
        gpuClass: typeof cls === "string" ? cls : isUnknown(types) ? `amiType ${text(ami)}` : types.join(","),
        capacity,
        spot: capacity === "spot",
        zones: eksZones(r, byUrn),
        minNodes: count(at(r.props, "scalingConfig", "minSize")),
        gpusPerNode: gpusDeclared ? declared : 1,
        gpusDeclared,
      });
    } else if (r.type === T.aksAgentPool) {
      const cls = own(strMap(at(r.props, "nodeLabels")), LABEL_GPU_CLASS);
      const vm = str(at(r.props, "vmSize"));
      const gpu = typeof cls === "string" || (typeof vm === "string" && GPU_VM.test(vm)) || at(r.props, "gpuProfile") !== undefined;
      if (!gpu) continue;
      const capacity = capacityOf(at(r.props, "scaleSetPriority"), "Spot");
      // With autoscaling on, the autoscaler may shrink the pool to minCount; without it, count holds.
      const auto = bool(at(r.props, "enableAutoScaling"));
      const minNodes = isUnknown(auto) ? UNKNOWN : count(at(r.props, auto === true ? "minCount" : "count"));
      out.push({
        urn: r.urn,
        label: `AKS agent pool ${text(r.name)}`,
        cloud: "azure",
        gpuClass: typeof cls === "string" ? cls : typeof vm === "string" ? vm : "unknown",
        capacity,
        spot: capacity === "spot",
        zones: stringsOf(at(r.props, "availabilityZones")),
        minNodes,
        gpusPerNode: 1,
        gpusDeclared: false,
      });
    }
  }
  return out;
}

/**
 * GPUs the on-demand pools of a cloud guarantee (their minimum sizes) when every spot node is gone:
 * `gpus` counts the known pools; `unknown` says whether a pool's size or capacity type is unknown.
 */
export function gpusWithoutSpot(pools: readonly GpuPool[]): { gpus: number; unknown: boolean; estimated: boolean } {
  let gpus = 0;
  let unknown = false;
  let estimated = false;
  for (const p of pools) {
    if (p.capacity === "spot") continue;
    if (isUnknown(p.capacity) || isUnknown(p.minNodes)) {
      unknown = true;
      continue;
    }
    gpus += p.minNodes * p.gpusPerNode;
    if (!p.gpusDeclared && p.minNodes > 0) estimated = true;
  }
  return { gpus, unknown, estimated };
}
