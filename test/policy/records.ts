// Hand-built captured records (the shape the offline plan produces) for protocol tests: a healthy
// regional stack in miniature, and seeded random resources for the fuzz test.
import { COMPUTED, ResourceRecord } from "../../tools/plan/records";
import { adversarialResources, HOSTILE_SCALARS, PROTO_KEYS, rng } from "./adversarial";
import { aksPool, AWS_INTERNAL, defaultDeny, deployment, dgdBeta, dgdLabels, eksPool, lbService, namespace, pdb, platform, spread, subnet } from "./fixtures";
import { Res } from "./helpers";

const STACK = "t";
const PROVIDER_URN = `urn:pulumi:${STACK}::dynamo-ha::pulumi:providers:kubernetes::k8s`;

export function record(r: Res, extra: Partial<ResourceRecord> = {}): ResourceRecord {
  const urn = `urn:pulumi:${STACK}::dynamo-ha::${r.type}::${r.name}`;
  return {
    urn,
    type: r.type,
    name: r.name,
    parent: "",
    provider: r.type.startsWith("kubernetes:") ? `${PROVIDER_URN}::k8s-id` : "",
    custom: true,
    inputs: r.props,
    protect: r.protect ?? false,
    retainOnDelete: false,
    dependsOn: [],
    propertyDependencies: r.propertyDependencies ?? {},
    ignoreChanges: [],
    ...extra,
  };
}

/** A miniature regional stack that satisfies every policy, as prod config demands. */
export function healthyStack(): ResourceRecord[] {
  const web = { app: "router" };
  const graph = dgdBeta("llm", [
    { name: "frontend", type: "frontend", replicas: 2, podSpec: spread(dgdLabels("llm", "frontend")) },
    { name: "decode", type: "decode", replicas: 3, podSpec: spread(dgdLabels("llm", "decode")) },
  ]);
  const comp = { urn: `urn:pulumi:${STACK}::dynamo-ha::dynamo-ha:k8s:DynamoGraph::graph`, type: "dynamo-ha:k8s:DynamoGraph", name: "graph" };
  return [
    record({ type: "pulumi:providers:kubernetes", name: "k8s", props: { kubeconfig: "[secret]", enableServerSideApply: "true" } }),
    record(namespace("dynamo")),
    record(defaultDeny("dynamo")),
    record(lbService("llm-frontend-lb", AWS_INTERNAL)),
    { ...record({ type: comp.type, name: comp.name, props: {} }), custom: false },
    record(deployment("router", 3, spread(web), web)),
    record(pdb("router", { matchLabels: web }, { maxUnavailable: 1 })),
    record(graph, { parent: comp.urn }),
    record(pdb("llm-frontend", { matchLabels: dgdLabels("llm", "frontend") }, { maxUnavailable: 1 }), { parent: comp.urn }),
    record(pdb("llm-decode", { matchLabels: dgdLabels("llm", "decode") }, { maxUnavailable: "34%" }), { parent: comp.urn }),
    record(platform({ "dynamo-operator": { controllerManager: { replicas: 2 } }, global: { etcd: { install: false } } })),
    record({ type: "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", name: "dgd-crd", props: { metadata: { name: "dynamographdeployments.nvidia.com" } }, protect: true }),
    record({ type: "aws:s3/bucketV2:BucketV2", name: "checkpoints", props: { bucket: COMPUTED }, protect: true }),
    record(subnet("a", "us-east-1a")),
    record(subnet("b", "us-east-1b")),
    record({ ...subnet("c", "x"), props: { availabilityZone: COMPUTED } }),
    ...["a", "b"].flatMap((z) => [record(eksPool(`od-${z}`, { subnets: [z], gpuClass: "L40S" })), record(eksPool(`spot-${z}`, { subnets: [z], gpuClass: "L40S", capacity: "SPOT" }))]),
    record(eksPool("od-c", { subnets: ["c"], gpuClass: "L40S", zoneTag: "us-east-1c" })),
  ];
}

export function aksExtras(): ResourceRecord[] {
  return [record(aksPool("gpu", { gpuClass: "A100", autoscale: true, count: 1, minCount: 1 })), record(aksPool("gpuspot", { gpuClass: "A100", spot: true, autoscale: true, count: 0, minCount: 0 }))];
}

const TYPES = [
  "kubernetes:apps/v1:Deployment",
  "kubernetes:apps/v1:StatefulSet",
  "kubernetes:policy/v1:PodDisruptionBudget",
  "kubernetes:nvidia.com/v1alpha1:DynamoGraphDeployment",
  "kubernetes:nvidia.com/v1beta1:DynamoGraphDeployment",
  "kubernetes:helm.sh/v3:Release",
  "kubernetes:helm.sh/v4:Chart",
  "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition",
  "aws:eks/nodeGroup:NodeGroup",
  "aws:ec2/subnet:Subnet",
  "azure-native:containerservice:AgentPool",
  "aws:s3/bucketV2:BucketV2",
  "kubernetes:core/v1:Service",
  "kubernetes:core/v1:Namespace",
  "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  "random:index/randomPet:RandomPet",
];
const KEYS = ["metadata", "spec", "replicas", "template", "labels", "selector", "matchLabels", "matchExpressions", "components", "services", "podTemplate", "extraPodSpec",
  "topologySpreadConstraints", "affinity", "podAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "topologyKey", "labelSelector", "containers", "args",
  "values", "dynamo-operator", "controllerManager", "global", "etcd", "nats", "install", "replicaCount", "config", "cluster", "enabled", "minAvailable", "maxUnavailable",
  "capacityType", "subnetIds", "tags", "availabilityZones", "scaleSetPriority", "nodeLabels", "vmSize", "amiType", "instanceTypes", "availabilityZone", "chart", "name", "namespace",
  "dynamo-ha.io/gpu-class", "dynamo-ha.io/zone", "topology.kubernetes.io/zone", "control-plane", "operator", "key",
  "type", "annotations", "loadBalancerSourceRanges", "securityContext", "capabilities", "drop", "add", "seccompProfile", "podSelector", "policyTypes", "pod-security.kubernetes.io/enforce"];
const SCALARS = ["LoadBalancer", "ALL", "RuntimeDefault", "baseline", "frontend", 0, 1, 2, 3, -1, 1.5, 1e308, "", "3", "50%", "100%", "0%", "abc%", "--leader-elect=false", "SPOT", "Spot", "topology.kubernetes.io/zone", "In", "Exists", true, false, null, COMPUTED, "[secret]", "controller-manager", "dynamo-platform", ...HOSTILE_SCALARS];

export { rng };

export function randomValue(r: () => number, depth = 0): unknown {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const roll = r();
  if (depth > 5 || roll < 0.35) return pick(SCALARS);
  if (roll < 0.55) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 5); i > 0; i--) {
    const k = r() < 0.1 ? pick(PROTO_KEYS) : pick(KEYS);
    Object.defineProperty(o, k, { value: randomValue(r, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return o;
}

/**
 * Random resources: mostly adversarial resources of the types the pack reads (./adversarial.ts), the
 * rest random property bags of known types; random parents. The same seed gives the same records.
 */
export function randomRecords(seed: number, n: number): ResourceRecord[] {
  const r = rng(seed ^ 0x5eed);
  const shaped = adversarialResources(seed, n);
  const out: ResourceRecord[] = [];
  for (let i = 0; i < n; i++) {
    let res = shaped[i];
    if (r() < 0.15) {
      const props = randomValue(r);
      res = { type: TYPES[Math.floor(r() * TYPES.length)], name: res.name, props: props && typeof props === "object" && !Array.isArray(props) ? (props as Record<string, unknown>) : { value: props }, protect: r() < 0.3 };
    }
    const rec = record(res);
    if (out.length && r() < 0.1) {
      const dep = out[Math.floor(r() * out.length)].urn;
      rec.propertyDependencies = { ...rec.propertyDependencies, [r() < 0.5 ? "subnetIds" : "spec"]: [dep] };
      rec.dependsOn = [dep];
    }
    if (out.length && r() < 0.2) rec.parent = out[Math.floor(r() * out.length)].urn;
    out.push(rec);
  }
  return out;
}
