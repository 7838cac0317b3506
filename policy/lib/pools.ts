// GPU node pools of a stack: EKS managed node groups and AKS agent pools, with their zones, capacity
// type and GPU class.
import { LABEL_GPU_CLASS, LABEL_ZONE, T } from "./keys";
import { StackItem } from "./stack";
import { at, isUnknown, list, str, strMap, UNKNOWN, Unknown } from "./values";

export interface GpuPool {
  urn: string;
  label: string;
  cloud: "aws" | "azure";
  gpuClass: string;
  spot: boolean;
  /** Zones the pool's nodes land in; UNKNOWN when only the update can tell. */
  zones: string[] | Unknown;
}

/** The types gpuPools reads: pools and the subnets their zones come from. */
export const POOL_TYPES: readonly string[] = [T.eksNodeGroup, T.aksAgentPool, T.awsSubnet];

const GPU_INSTANCE = /^(p\d|g\d)/i;
const GPU_VM = /^Standard_N/i;

function stringsOf(v: unknown): string[] | Unknown {
  const l = list(v);
  if (isUnknown(l)) return UNKNOWN;
  if (l.some(isUnknown)) return UNKNOWN;
  return l.filter((x): x is string => typeof x === "string");
}

/** EKS zones: the Subnets `subnetIds` depends on, else the node group's dynamo-ha.io/zone tag or label. */
function eksZones(r: StackItem, byUrn: Map<string, StackItem>): string[] | Unknown {
  const subnets = (r.propertyDependencies.subnetIds ?? []).map((u) => byUrn.get(u)).filter((s): s is StackItem => s?.type === T.awsSubnet);
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
  const tags = strMap(at(r.props, "tags"));
  const labels = strMap(at(r.props, "labels"));
  const tagged = (!isUnknown(tags) && tags[LABEL_ZONE]) || (!isUnknown(labels) && labels[LABEL_ZONE]);
  if (tagged) return [tagged];
  return fromSubnets.length ? [...new Set(fromSubnets)] : UNKNOWN;
}

export function gpuPools(items: readonly StackItem[]): GpuPool[] {
  const byUrn = new Map(items.map((i) => [i.urn, i]));
  const out: GpuPool[] = [];
  for (const r of items) {
    if (r.type === T.eksNodeGroup) {
      const labels = strMap(at(r.props, "labels"));
      const cls = isUnknown(labels) ? undefined : labels[LABEL_GPU_CLASS];
      const ami = str(at(r.props, "amiType"));
      const types = stringsOf(at(r.props, "instanceTypes"));
      const gpu = cls !== undefined || (typeof ami === "string" && /NVIDIA|GPU/i.test(ami)) || (!isUnknown(types) && types.some((t) => GPU_INSTANCE.test(t)));
      if (!gpu) continue;
      out.push({
        urn: r.urn,
        label: `EKS node group ${r.name}`,
        cloud: "aws",
        gpuClass: cls ?? (isUnknown(types) ? `amiType ${String(ami)}` : types.join(",")),
        spot: str(at(r.props, "capacityType")) === "SPOT",
        zones: eksZones(r, byUrn),
      });
    } else if (r.type === T.aksAgentPool) {
      const labels = strMap(at(r.props, "nodeLabels"));
      const cls = isUnknown(labels) ? undefined : labels[LABEL_GPU_CLASS];
      const vm = str(at(r.props, "vmSize"));
      const gpu = cls !== undefined || (typeof vm === "string" && GPU_VM.test(vm)) || at(r.props, "gpuProfile") !== undefined;
      if (!gpu) continue;
      out.push({
        urn: r.urn,
        label: `AKS agent pool ${r.name}`,
        cloud: "azure",
        gpuClass: cls ?? (typeof vm === "string" ? vm : "unknown"),
        spot: str(at(r.props, "scaleSetPriority")) === "Spot",
        zones: stringsOf(at(r.props, "availabilityZones")),
      });
    }
  }
  return out;
}
