// What a planned stack would look like to kube-state-metrics and the scraped exporters: the nodes its
// pools start with, the graph's pods spread over zones, the platform's Deployment, Lease and stores.
// Everything is read from the plan's records (pools, DGD, PDBs, Helm values), never from the rules under test.
import { DGD_COMPONENT_LABEL, DGD_COMPONENT_TYPE_LABEL, DGD_NAME_LABEL, ZONE_KEY } from "../../../components/core/labels";
import { CapacityReport } from "../../../components/core/sizing";
import { Plan } from "../../../tools/plan/run";
import { ResourceRecord } from "../../../tools/plan/records";

export type Labels = Readonly<Record<string, string>>;

export interface RuleDoc {
  readonly alert?: string;
  readonly record?: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Labels;
  readonly annotations?: Labels;
}
export interface GroupDoc {
  readonly name: string;
  readonly rules: readonly RuleDoc[];
}

export interface NodeModel {
  readonly name: string;
  readonly zone: string;
  /** Kubernetes labels of the node (kube-state-metrics exports them as `label_*`). */
  readonly labels: Labels;
  readonly gpus: number;
}

export interface ComponentModel {
  readonly name: string;
  readonly type: string;
  readonly replicas: number;
}

export interface PodModel {
  readonly name: string;
  readonly component: string;
  readonly zone: string;
  readonly node: string;
  readonly labels: Labels;
}

export interface PdbModel {
  readonly namespace: string;
  readonly name: string;
  /** Component whose pods the selector picks. */
  readonly component: string;
  readonly minAvailable?: number;
  readonly maxUnavailable?: number;
}

export interface StoreModel {
  /** StatefulSet pods in zone order: member i runs in zone i mod zones (the charts spread them). */
  readonly pods: readonly { name: string; zone: string }[];
}

export interface StackModel {
  readonly stack: string;
  readonly groups: readonly GroupDoc[];
  readonly zones: readonly string[];
  readonly gpuNodes: readonly NodeModel[];
  readonly systemNodes: readonly NodeModel[];
  readonly graph: { readonly namespace: string; readonly name: string; readonly components: readonly ComponentModel[] };
  readonly pods: readonly PodModel[];
  readonly pdbs: readonly PdbModel[];
  readonly capacity: CapacityReport;
  readonly platform: {
    readonly namespace: string;
    /** Operator Deployment name and its pods' zones. */
    readonly operator: { readonly deployment: string; readonly zones: readonly string[] };
    readonly lease: { readonly namespace: string; readonly name: string };
    readonly etcd?: StoreModel;
    readonly nats?: StoreModel;
  };
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown, what: string): string => {
  if (typeof v !== "string" || v === "") throw new Error(`${what}: expected a non-empty string, got ${JSON.stringify(v)}`);
  return v;
};
const int = (v: unknown, what: string): number => {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw new Error(`${what}: expected a whole number, got ${JSON.stringify(v)}`);
  return v;
};

function kubeObjects(p: Plan, kind: string): Obj[] {
  return p.resources.filter((r) => r.inputs.kind === kind).map((r) => r.inputs);
}

/** The PrometheusRule's groups, as a rule file holds them. */
export function ruleGroups(p: Plan): GroupDoc[] {
  const rules = kubeObjects(p, "PrometheusRule");
  if (rules.length === 0) throw new Error(`${p.stack}: the plan has no PrometheusRule`);
  return rules.flatMap((r) => (obj(r.spec).groups ?? []) as GroupDoc[]);
}

/**
 * GPU node pools of the plan and the labels every node of the pool carries. A pool is a GPU pool by its
 * machine image or VM family, not by our own labels: EKS GPU node groups run the `*_NVIDIA` AMI, and Azure's
 * GPU VM sizes are the N-series (`Standard_N…`).
 */
function gpuPoolLabels(records: readonly ResourceRecord[]): Labels[] {
  const out: Labels[] = [];
  for (const r of records) {
    if (r.type === "aws:eks/nodeGroup:NodeGroup" && /NVIDIA/.test(String(r.inputs.amiType))) out.push(obj(r.inputs.labels) as Labels);
    if (r.type === "azure-native:containerservice:AgentPool" && /^Standard_N/.test(String(r.inputs.vmSize))) out.push(obj(r.inputs.nodeLabels) as Labels);
  }
  return out;
}

function systemPoolLabels(records: readonly ResourceRecord[]): Labels {
  for (const r of records) {
    if (r.type === "aws:eks/nodeGroup:NodeGroup" && !/NVIDIA/.test(String(r.inputs.amiType))) return obj(r.inputs.labels) as Labels;
    if (r.type === "azure-native:containerservice:ManagedCluster") {
      const sys = ((r.inputs.agentPoolProfiles ?? []) as Obj[]).find((x) => x.mode === "System");
      if (sys) return obj(sys.nodeLabels) as Labels;
    }
  }
  throw new Error("no system node pool in the plan");
}

/** Labels every GPU pool sets (the ones a rule may rely on for any GPU node). */
function commonLabels(pools: readonly Labels[]): Labels {
  if (pools.length === 0) throw new Error("no GPU node pool in the plan");
  return Object.fromEntries(Object.entries(pools[0]).filter(([k, v]) => pools.every((p) => p[k] === v)));
}

/** `topology.kubernetes.io/zone` as the kubelet sets it: the AZ name on AWS, `<region>-<n>` on Azure. */
function zoneValue(cloud: string, region: string, zone: string): string {
  return cloud === "azure" ? `${region}-${zone}` : zone;
}

/** DGD components, in either CRD shape (`spec.components` list or `spec.services` map). */
function graphComponents(dgd: Obj): ComponentModel[] {
  const spec = obj(dgd.spec);
  if (Array.isArray(spec.components)) {
    return (spec.components as Obj[]).map((c) => ({ name: str(c.name, "DGD component name"), type: str(c.componentType ?? c.type, `DGD component ${String(c.name)} type`), replicas: int(c.replicas ?? 1, `DGD component ${String(c.name)} replicas`) }));
  }
  return Object.entries(obj(spec.services)).map(([name, c]) => ({ name, type: str(obj(c).componentType, `DGD service ${name} componentType`), replicas: int(obj(c).replicas ?? 1, `DGD service ${name} replicas`) }));
}

/**
 * The operator Deployment's name: the subchart names it `{{ include "dynamo-operator.fullname" . }}-controller-manager`
 * (ai-dynamo/dynamo deploy/cloud/helm/platform/components/operator/templates/deployment.yaml @ b090dc9fb832ba4b8edc59c7d511061c2c12dc80),
 * and the fullname of subchart `dynamo-operator` in release R is `R-dynamo-operator`.
 */
function operatorDeployment(release: string): string {
  return `${release.includes("dynamo-operator") ? release : `${release}-dynamo-operator`}-controller-manager`;
}

function spreadOver(zones: readonly string[], n: number, name: (i: number) => string): { name: string; zone: string }[] {
  return Array.from({ length: n }, (_, i) => ({ name: name(i), zone: zones[i % zones.length] }));
}

export function stackModel(p: Plan, stackConfig: Readonly<Record<string, string>>): StackModel {
  const capacity = p.capacity;
  if (!capacity) throw new Error(`${p.stack}: the plan has no capacity report`);
  const cloud = str(stackConfig["dynamo-ha:cloud"], "dynamo-ha:cloud");
  const region = str(stackConfig["dynamo-ha:region"], "dynamo-ha:region");
  const zoneOf = (z: string) => zoneValue(cloud, region, z);
  const zones = [...new Set(capacity.pools.map((x) => x.zone))].map(zoneOf);

  // Each capacity pool at its minimum: the fleet a healthy region runs with before any scale-up.
  const gpuLabels = commonLabels(gpuPoolLabels(p.resources));
  const gpuNodes: NodeModel[] = capacity.pools.flatMap((pool) =>
    Array.from({ length: pool.minNodes }, (_, i) => ({
      name: `${pool.name.replace(/-$/, "")}-${i}`,
      zone: zoneOf(pool.zone),
      labels: { ...gpuLabels, [ZONE_KEY]: zoneOf(pool.zone), "dynamo-ha.io/capacity-type": pool.capacityType, "node.kubernetes.io/instance-type": pool.instanceTypes[0] },
      gpus: pool.gpusPerNode,
    })),
  );
  const sysLabels = systemPoolLabels(p.resources);
  const systemNodes: NodeModel[] = zones.map((z, i) => ({ name: `system-${i}`, zone: z, labels: { ...sysLabels, [ZONE_KEY]: z }, gpus: 0 }));

  const dgds = kubeObjects(p, "DynamoGraphDeployment");
  if (dgds.length !== 1) throw new Error(`${p.stack}: expected one DynamoGraphDeployment, found ${dgds.length}`);
  const meta = obj(dgds[0].metadata);
  const graph = { namespace: str(meta.namespace, "DGD namespace"), name: str(meta.name, "DGD name"), components: graphComponents(dgds[0]) };

  // Topology spread puts replica i in zone i mod zones; GPU workers land on that zone's GPU nodes, one per node.
  const used = new Map<string, number>();
  const pods: PodModel[] = graph.components.flatMap((c) =>
    spreadOver(zones, c.replicas, (i) => `${graph.name}-${c.name.toLowerCase()}-${i}`).map(({ name, zone }) => {
      const pool = c.type === "frontend" ? systemNodes : gpuNodes;
      const inZone = pool.filter((n) => n.zone === zone);
      const k = used.get(`${c.type === "frontend"}/${zone}`) ?? 0;
      used.set(`${c.type === "frontend"}/${zone}`, k + 1);
      const node = inZone[k % inZone.length];
      return { name, component: c.name, zone, node: node.name, labels: { [DGD_NAME_LABEL]: graph.name, [DGD_COMPONENT_LABEL]: c.name, [DGD_COMPONENT_TYPE_LABEL]: c.type } };
    }),
  );

  const pdbs: PdbModel[] = [];
  for (const pdb of kubeObjects(p, "PodDisruptionBudget")) {
    const m = obj(pdb.metadata);
    const sel = obj(obj(obj(pdb.spec).selector).matchLabels);
    const component = graph.components.find((c) => sel[DGD_COMPONENT_LABEL] === c.name && sel[DGD_NAME_LABEL] === graph.name);
    if (!component || m.namespace !== graph.namespace) continue;
    const spec = obj(pdb.spec);
    pdbs.push({
      namespace: graph.namespace,
      name: str(m.name, "PDB name"),
      component: component.name,
      ...(spec.minAvailable !== undefined ? { minAvailable: int(spec.minAvailable, `PDB ${String(m.name)} minAvailable`) } : {}),
      ...(spec.maxUnavailable !== undefined ? { maxUnavailable: int(spec.maxUnavailable, `PDB ${String(m.name)} maxUnavailable`) } : {}),
    });
  }

  const release = p.resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && /dynamo-platform/.test(String(r.inputs.chart)));
  if (!release) throw new Error(`${p.stack}: no dynamo-platform Helm release in the plan`);
  const releaseName = str(release.inputs.name, "platform release name");
  const values = obj(release.inputs.values);
  const op = obj(values["dynamo-operator"]);
  const cm = obj(op.controllerManager);
  const leader = obj(cm.leaderElection ?? op.leaderElection);
  const operatorReplicas = int(cm.replicas ?? 1, "dynamo-operator.controllerManager.replicas");
  const etcd = obj(values.etcd);
  const nats = obj(values.nats);
  const natsReplicas = obj(obj(obj(nats).config).cluster).replicas;
  // The platform chart installs a bundled store when `global.<store>.install` is set.
  const storeEnabled = (name: string) => obj(obj(values.global)[name]).install === true;
  return {
    stack: p.stack,
    groups: ruleGroups(p),
    zones,
    gpuNodes,
    systemNodes,
    graph,
    pods,
    pdbs,
    capacity,
    platform: {
      namespace: str(release.inputs.namespace, "platform release namespace"),
      operator: { deployment: operatorDeployment(releaseName), zones: spreadOver(zones, operatorReplicas, String).map((x) => x.zone) },
      lease: { namespace: str(leader.namespace, "dynamo-operator leaderElection.namespace"), name: str(leader.id, "dynamo-operator leaderElection.id") },
      ...(storeEnabled("etcd") ? { etcd: { pods: spreadOver(zones, int(etcd.replicaCount, "etcd.replicaCount"), (i) => `${releaseName}-etcd-${i}`) } } : {}),
      ...(storeEnabled("nats") ? { nats: { pods: spreadOver(zones, int(natsReplicas, "nats.config.cluster.replicas"), (i) => `${releaseName}-nats-${i}`) } } : {}),
    },
  };
}
