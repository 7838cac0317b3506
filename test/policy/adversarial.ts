// Seeded adversarial resources for the pack's fuzz tests: the shapes the policies read (workloads,
// PDBs, graphs, platform charts, node pools, subnets), with any value swapped for a hostile one:
// objects where strings belong, arrays, nulls, huge and negative numbers, NaN-like strings, odd
// percentages, control characters, prototype-named keys, unknowns. Labels, namespaces and selectors
// come from small pools, so selectors really match workloads and the stack policies do real work.
import { COMPUTED } from "../../tools/plan/records";
import { prng } from "../support/prng";
import { Res, urnOf } from "./helpers";

/** Deterministic PRNG so a failing fuzz case can be replayed from its seed. */
export const rng = prng;

/** Keys that name members of Object.prototype (or the SDK proxy's hooks) rather than data. */
export const PROTO_KEYS = ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "__defineGetter__", "__getSpecialProxyTarget", "__isSpecialProxy", "0"] as const;

/** Finite JSON scalars that break naive code: what the engine can send. */
export const HOSTILE_SCALARS: readonly unknown[] = [
  null, true, false, 0, -0, -1, 1.5, -2.5, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 1e21, 1e308, -1e308, Number.MIN_VALUE,
  "", " ", "NaN", "Infinity", "-Infinity", "1e309", "0x10", "-5", "+3", "3 ", "07", "99999999999999999999",
  "-5%", "150%", "0%", "100%", "1e3%", "%", "50%%", " 34%", "99999999999999999999%",
  "a\nb", "tab\there", "\u0000", "\u202e", "line\u2028sep", "ｃｏｎｓｔｒｕｃｔｏｒ", "${x}", "<b>", "[secret]",
  ...PROTO_KEYS, COMPUTED,
];

const NAMESPACES: readonly unknown[] = ["dynamo", "dynamo", "other", undefined, undefined, "constructor", COMPUTED];
const LABEL_KEYS = ["app", "tier", "nvidia.com/dynamo-graph-deployment-name", "nvidia.com/dynamo-component", "control-plane", "constructor", "__proto__", "toString"];
const LABEL_VALUES = ["web", "api", "db", "llm", "decode", "controller-manager", "constructor", "toString", ""];
const OPERATORS: readonly unknown[] = ["In", "NotIn", "Exists", "DoesNotExist", "in", "", null, COMPUTED, "constructor"];
const TOPOLOGY_KEYS: readonly unknown[] = ["topology.kubernetes.io/zone", "topology.kubernetes.io/zone", "kubernetes.io/hostname", { a: 1 }, ["topology.kubernetes.io/zone"], null, 7, COMPUTED, "constructor"];
const WHEN: readonly unknown[] = ["DoNotSchedule", "DoNotSchedule", "ScheduleAnyway", { toString: "DoNotSchedule" }, [], null, COMPUTED, "a\nb"];
const REPLICAS: readonly unknown[] = [0, 1, 2, 2, 3, 3, 5, "3", -1, 1e308, 2 ** 53, "abc", null, {}, [], COMPUTED, undefined];
const BUDGETS: readonly unknown[] = [0, 1, 1, 2, 3, "0%", "34%", "50%", "100%", "150%", -1, 1.5, "abc", 1e308, "99999999999999999999%", {}, null, COMPUTED];

/** Long values (overflowing digits, a long label): rarer, so stacks keep a realistic size. */
const LONG: readonly unknown[] = ["9".repeat(400), `${"9".repeat(400)}%`, "x".repeat(300), `a\n${"x".repeat(300)}`];

export type Rand = () => number;

export class Gen {
  constructor(readonly r: Rand) {}

  chance(p: number): boolean {
    return this.r() < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)];
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }

  /** Any hostile value: a scalar, or a small object or array of hostile values. */
  hostile(depth = 0): unknown {
    const roll = this.r();
    if (roll < 0.01) return this.pick(LONG);
    if (depth > 2 || roll < 0.6) return this.pick(HOSTILE_SCALARS);
    if (roll < 0.75) return Array.from({ length: this.int(0, 3) }, () => this.hostile(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = this.int(0, 3); i > 0; i--) own(o, this.chance(0.5) ? this.pick(PROTO_KEYS) : this.pick(LABEL_KEYS), this.hostile(depth + 1));
    return o;
  }

  /** A plausible value most of the time, a hostile one otherwise. */
  v(plausible: unknown, p = 0.15): unknown {
    return this.chance(p) ? this.hostile() : plausible;
  }

  /** An object of the given entries (undefined ones left out), sometimes with prototype-named keys. */
  obj(entries: Record<string, unknown>, p = 0.15): unknown {
    if (this.chance(p / 3)) return this.hostile();
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(entries)) if (x !== undefined && !this.chance(0.05)) own(o, k, x);
    if (this.chance(p)) own(o, this.pick(PROTO_KEYS), this.hostile());
    return o;
  }

  labels(): unknown {
    const o: Record<string, unknown> = {};
    for (let i = this.int(0, 3); i > 0; i--) own(o, this.pick(LABEL_KEYS), this.v(this.pick(LABEL_VALUES)));
    return this.v(o, 0.08);
  }

  selector(): unknown {
    const roll = this.r();
    if (roll < 0.1) return this.obj({});
    if (roll < 0.15) return this.hostile();
    const matchLabels = this.chance(0.7) ? this.labels() : undefined;
    const matchExpressions = this.chance(0.4)
      ? this.v(Array.from({ length: this.int(0, 3) }, () => this.obj({ key: this.v(this.pick(LABEL_KEYS)), operator: this.pick(OPERATORS), values: this.v(Array.from({ length: this.int(0, 3) }, () => this.v(this.pick(LABEL_VALUES)))) })))
      : undefined;
    return this.obj({ matchLabels, matchExpressions });
  }

  metadata(name: string): unknown {
    return this.obj({ name: this.v(name), namespace: this.pick(NAMESPACES) });
  }

  podSpec(): unknown {
    const tsc = () => this.obj({ maxSkew: this.v(1), topologyKey: this.pick(TOPOLOGY_KEYS), whenUnsatisfiable: this.pick(WHEN), labelSelector: this.selector() });
    const term = () => this.obj({ topologyKey: this.pick(TOPOLOGY_KEYS), labelSelector: this.selector() });
    const args = () => this.v(Array.from({ length: this.int(0, 3) }, () => this.v(this.pick(["--leader-elect", "--leader-elect=false", "--leader-election=0", "--config=/c", "--x", "--leader-elect=NO"]))));
    return this.obj({
      topologySpreadConstraints: this.chance(0.6) ? this.v(Array.from({ length: this.int(0, 3) }, tsc)) : undefined,
      affinity: this.chance(0.3)
        ? this.obj({
            podAntiAffinity: this.obj({
              requiredDuringSchedulingIgnoredDuringExecution: this.v(Array.from({ length: this.int(0, 2) }, term)),
              preferredDuringSchedulingIgnoredDuringExecution: this.v(Array.from({ length: this.int(0, 2) }, () => this.obj({ weight: this.v(100), podAffinityTerm: term() }))),
            }),
          })
        : undefined,
      containers: this.v([this.obj({ name: "main", image: "img:1", args: args(), command: args() })]),
      initContainers: this.chance(0.1) ? this.hostile() : undefined,
    });
  }
}

/** Resource inputs are always an object: a hostile value in their place is wrapped. */
function top(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
}

/** Sets an own property, also for `__proto__` (plain assignment would replace the prototype instead). */
function own(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

const T = {
  deployment: "kubernetes:apps/v1:Deployment",
  statefulSet: "kubernetes:apps/v1:StatefulSet",
  pdb: "kubernetes:policy/v1:PodDisruptionBudget",
  dgdAlpha: "kubernetes:nvidia.com/v1alpha1:DynamoGraphDeployment",
  dgdBeta: "kubernetes:nvidia.com/v1beta1:DynamoGraphDeployment",
  release: "kubernetes:helm.sh/v3:Release",
  chart: "kubernetes:helm.sh/v4:Chart",
  eks: "aws:eks/nodeGroup:NodeGroup",
  subnet: "aws:ec2/subnet:Subnet",
  aks: "azure-native:containerservice:AgentPool",
};
const OTHER_TYPES = ["kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", "kubernetes:core/v1:PersistentVolumeClaim", "aws:s3/bucketV2:BucketV2", "kubernetes:core/v1:Service", "kubernetes:core/v1:Namespace", "kubernetes:networking.k8s.io/v1:NetworkPolicy", "kubernetes:core/v1:Secret", "random:index/randomPet:RandomPet"];

type Maker = (g: Gen, name: string, earlier: readonly Res[]) => Res;

const workload = (kind: "Deployment" | "StatefulSet"): Maker => (g, name) => {
  const labels = g.labels();
  return {
    type: kind === "Deployment" ? T.deployment : T.statefulSet,
    name,
    props: top(g.obj({
      metadata: g.metadata(name),
      spec: g.obj({ replicas: g.pick(REPLICAS), selector: g.obj({ matchLabels: labels }), template: g.obj({ metadata: g.obj({ labels }), spec: g.podSpec() }) }),
    })),
  };
};

const pdb: Maker = (g, name) => {
  const budget = g.chance(0.5) ? { maxUnavailable: g.pick(BUDGETS) } : g.chance(0.9) ? { minAvailable: g.pick(BUDGETS) } : { minAvailable: g.pick(BUDGETS), maxUnavailable: g.pick(BUDGETS) };
  return { type: T.pdb, name, props: top(g.obj({ metadata: g.metadata(name), spec: g.obj({ selector: g.selector(), ...budget }) })) };
};

const dgd = (beta: boolean): Maker => (g, name) => {
  const comp = () => ({ replicas: g.pick(REPLICAS), podTemplate: beta ? g.obj({ metadata: g.obj({ labels: g.labels() }), spec: g.podSpec() }) : undefined });
  let spec: unknown;
  if (beta) {
    spec = g.obj({ labels: g.chance(0.2) ? g.labels() : undefined, components: g.v(Array.from({ length: g.int(0, 3) }, () => g.obj({ name: g.v(g.pick(LABEL_VALUES)), type: "worker", ...comp() }))) });
  } else {
    const services: Record<string, unknown> = {};
    for (let i = g.int(0, 3); i > 0; i--) own(services, g.chance(0.3) ? g.pick(PROTO_KEYS) : g.pick(LABEL_VALUES), g.obj({ ...comp(), extraPodSpec: g.podSpec(), extraPodMetadata: g.obj({ labels: g.labels() }) }));
    spec = g.obj({ services: g.v(services) });
  }
  return { type: beta ? T.dgdBeta : T.dgdAlpha, name, props: top(g.obj({ metadata: g.metadata(name), spec })) };
};

const platform: Maker = (g, name) => {
  const b = () => g.v(g.pick([true, false, "true", "false", undefined]));
  const values = g.obj({
    "dynamo-operator": g.obj({ enabled: b(), controllerManager: g.obj({ replicas: g.pick(REPLICAS), leaderElection: g.obj({ enabled: b() }), manager: g.obj({ args: g.v(["--leader-elect=false"]) }) }) }),
    global: g.obj({ etcd: g.obj({ install: b() }), nats: g.obj({ install: b() }) }),
    etcd: g.obj({ replicaCount: g.pick(REPLICAS), persistence: g.obj({ enabled: b() }), pdb: g.obj({ create: b() }) }),
    nats: g.obj({ config: g.obj({ cluster: g.obj({ enabled: b(), replicas: g.pick(REPLICAS) }), jetstream: g.obj({ enabled: b(), fileStore: g.obj({ pvc: g.obj({ enabled: b() }) }) }) }), podDisruptionBudget: g.obj({ enabled: b() }) }),
  });
  return { type: g.chance(0.5) ? T.release : T.chart, name, props: top(g.obj({ chart: g.v(g.pick(["dynamo-platform", "oci://x/dynamo-platform", "other"])), values })) };
};

const CLASSES = ["L40S", "H100", "A100", "constructor"];
const ZONES: readonly unknown[] = ["us-east-1a", "us-east-1b", "us-east-1c", "", COMPUTED];

const subnet: Maker = (g, name) => ({ type: T.subnet, name, props: top(g.obj({ vpcId: "v", availabilityZone: g.v(g.pick(ZONES)), availabilityZoneId: g.chance(0.2) ? g.v("use1-az1") : undefined })) });

const eksPool: Maker = (g, name, earlier) => {
  const subnets = earlier.filter((r) => r.type === T.subnet);
  const deps = subnets.length ? Array.from({ length: g.int(0, 2) }, () => urnOf(T.subnet, g.pick(subnets).name)) : [];
  const tags: Record<string, unknown> = {};
  if (g.chance(0.5)) own(tags, "dynamo-ha.io/zone", g.v(g.pick(ZONES)));
  if (g.chance(0.5)) own(tags, "k8s.io/cluster-autoscaler/node-template/resources/nvidia.com/gpu", g.v(g.pick(["1", "8", "0", "-1", "x"])));
  return {
    type: T.eks,
    name,
    props: top(g.obj({
      capacityType: g.v(g.pick(["SPOT", "ON_DEMAND", undefined])),
      amiType: g.v(g.pick(["AL2023_x86_64_NVIDIA", "AL2_x86_64", undefined])),
      instanceTypes: g.v([g.v(g.pick(["p5.48xlarge", "g6e.2xlarge", "m5.large"]))]),
      labels: g.obj({ "dynamo-ha.io/gpu-class": g.chance(0.7) ? g.v(g.pick(CLASSES)) : undefined }),
      tags: g.v(tags),
      subnetIds: deps.map((u) => `${u}-id`),
      scalingConfig: g.obj({ minSize: g.pick(REPLICAS), desiredSize: g.pick(REPLICAS), maxSize: g.pick(REPLICAS) }),
    })),
    propertyDependencies: g.chance(0.9) ? { subnetIds: deps } : { subnetIds: [urnOf(T.eks, "nowhere")] },
  };
};

const aksPool: Maker = (g, name) => ({
  type: T.aks,
  name,
  props: top(g.obj({
    vmSize: g.v(g.pick(["Standard_NC24ads_A100_v4", "Standard_D4s_v5"])),
    scaleSetPriority: g.v(g.pick(["Spot", "Regular", undefined])),
    availabilityZones: g.v([g.v("1"), g.v("2")]),
    nodeLabels: g.obj({ "dynamo-ha.io/gpu-class": g.chance(0.7) ? g.v(g.pick(CLASSES)) : undefined }),
    enableAutoScaling: g.v(g.pick([true, false, undefined])),
    minCount: g.pick(REPLICAS),
    count: g.pick(REPLICAS),
    gpuProfile: g.chance(0.3) ? g.hostile() : undefined,
  })),
});

const other: Maker = (g, name) => ({ type: g.pick(OTHER_TYPES), name, props: top(g.obj({ metadata: g.metadata(name), spec: g.hostile(), value: g.hostile() })), protect: g.chance(0.5) });

/** Shares of each kind: many workloads and PDBs, so selector matching is the hot path. */
const MAKERS: [number, Maker][] = [
  [20, workload("Deployment")],
  [8, workload("StatefulSet")],
  [25, pdb],
  [8, dgd(true)],
  [6, dgd(false)],
  [6, platform],
  [6, subnet],
  [8, eksPool],
  [5, aksPool],
  [8, other],
];
const TOTAL = MAKERS.reduce((s, [w]) => s + w, 0);

/** `n` adversarial resources from `seed`: the same seed always gives the same resources. */
export function adversarialResources(seed: number, n: number): Res[] {
  const g = new Gen(rng(seed));
  const out: Res[] = [];
  for (let i = 0; i < n; i++) {
    let roll = g.r() * TOTAL;
    const make = MAKERS.find(([w]) => (roll -= w) < 0)?.[1] ?? other;
    out.push(make(g, `r${seed}-${i}`, out));
  }
  return out;
}
