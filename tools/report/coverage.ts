// PDB and zone-spread coverage per workload, read from the captured records the way the cluster
// would see them: a PDB covers a workload when its selector matches the workload's pod labels in the
// same namespace; zone spread is a zone topology spread constraint or required zone anti-affinity.
import { DGD_COMPONENT_LABEL, DGD_NAME_LABEL, HOST_KEY, ZONE_KEY } from "../../components/core/labels";
import { kubernetesObjects, ResourceRecord } from "../plan/records";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strings = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(obj(v)).filter((e): e is [string, string] => typeof e[1] === "string"));

export type Spread = "zone" | "host-only" | "none";

export interface Workload {
  urn: string;
  /** "Deployment", "StatefulSet", or "DynamoGraphDeployment/<component>". */
  kind: string;
  name: string;
  namespace: string;
  /** Undefined when unknown until deploy. */
  replicas: number | undefined;
  podLabels: Record<string, string>;
  spread: Spread;
}

export interface Selector {
  matchLabels: Record<string, string>;
  matchExpressions: { key: string; operator: string; values: string[] }[];
}

export interface Pdb {
  urn: string;
  name: string;
  namespace: string;
  selector: Selector;
}

export interface Coverage {
  workload: Workload;
  /** Names of the PDBs that select the workload's pods. */
  pdbs: string[];
  /** A workload with ≥ 2 replicas is meant to survive a node or zone loss. */
  replicated: boolean;
}

const nameOf = (r: ResourceRecord) => (typeof obj(r.inputs.metadata).name === "string" ? (obj(r.inputs.metadata).name as string) : r.name);
const namespaceOf = (r: ResourceRecord) => (typeof obj(r.inputs.metadata).namespace === "string" ? (obj(r.inputs.metadata).namespace as string) : "default");
const replicasOf = (v: unknown, dflt: number): number | undefined => (v === undefined ? dflt : typeof v === "number" ? v : undefined);

/** Zone spread of a pod spec: a zone topology spread constraint or required anti-affinity on the zone key. */
export function spreadOf(podSpec: unknown): Spread {
  const spec = obj(podSpec);
  const tscKeys = arr(spec.topologySpreadConstraints).map((c) => obj(c).topologyKey);
  const antiKeys = arr(obj(obj(spec.affinity).podAntiAffinity).requiredDuringSchedulingIgnoredDuringExecution).map((t) => obj(t).topologyKey);
  const keys = [...tscKeys, ...antiKeys];
  if (keys.includes(ZONE_KEY)) return "zone";
  return keys.includes(HOST_KEY) ? "host-only" : "none";
}

function dgdComponents(r: ResourceRecord): Workload[] {
  const dgd = nameOf(r);
  const spec = obj(r.inputs.spec);
  const graphLabels = strings(spec.labels);
  const base = (component: string) => ({ ...graphLabels, [DGD_NAME_LABEL]: dgd, [DGD_COMPONENT_LABEL]: component });
  const common = { urn: r.urn, name: dgd, namespace: namespaceOf(r) };
  if (String(r.inputs.apiVersion).endsWith("/v1alpha1")) {
    return Object.entries(obj(spec.services)).map(([component, s]) => ({
      ...common,
      kind: `DynamoGraphDeployment/${component}`,
      replicas: replicasOf(obj(s).replicas, 1),
      podLabels: { ...strings(obj(obj(s).extraPodMetadata).labels), ...base(component) },
      spread: spreadOf(obj(s).extraPodSpec),
    }));
  }
  return arr(spec.components).map((c) => {
    const component = String(obj(c).name);
    const template = obj(obj(c).podTemplate);
    return {
      ...common,
      kind: `DynamoGraphDeployment/${component}`,
      replicas: replicasOf(obj(c).replicas, 1),
      podLabels: { ...strings(obj(template.metadata).labels), ...base(component) },
      spread: spreadOf(template.spec),
    };
  });
}

export function workloads(records: readonly ResourceRecord[]): Workload[] {
  const out: Workload[] = [];
  for (const r of kubernetesObjects(records)) {
    const kind = r.inputs.kind;
    if (kind === "Deployment" || kind === "StatefulSet") {
      const spec = obj(r.inputs.spec);
      const template = obj(spec.template);
      out.push({
        urn: r.urn,
        kind,
        name: nameOf(r),
        namespace: namespaceOf(r),
        replicas: replicasOf(spec.replicas, 1),
        podLabels: strings(obj(template.metadata).labels),
        spread: spreadOf(template.spec),
      });
    } else if (kind === "DynamoGraphDeployment" && String(r.inputs.apiVersion).startsWith("nvidia.com/")) {
      out.push(...dgdComponents(r));
    }
  }
  return out;
}

export function pdbs(records: readonly ResourceRecord[]): Pdb[] {
  return kubernetesObjects(records)
    .filter((r) => r.inputs.kind === "PodDisruptionBudget")
    .map((r) => {
      const sel = obj(obj(r.inputs.spec).selector);
      return {
        urn: r.urn,
        name: nameOf(r),
        namespace: namespaceOf(r),
        selector: {
          matchLabels: strings(sel.matchLabels),
          matchExpressions: arr(sel.matchExpressions).map((e) => ({
            key: String(obj(e).key),
            operator: String(obj(e).operator),
            values: arr(obj(e).values).map(String),
          })),
        },
      };
    });
}

/** Kubernetes label-selector semantics; an empty selector in a policy/v1 PDB selects every pod of the namespace. */
export function selects(s: Selector, labels: Record<string, string>): boolean {
  const labelsOk = Object.entries(s.matchLabels).every(([k, v]) => labels[k] === v);
  const exprOk = s.matchExpressions.every((e) => {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case "In":
        return has && e.values.includes(labels[e.key]);
      case "NotIn":
        return !has || !e.values.includes(labels[e.key]);
      case "Exists":
        return has;
      case "DoesNotExist":
        return !has;
      default:
        return false;
    }
  });
  return labelsOk && exprOk;
}

export function coverage(records: readonly ResourceRecord[]): Coverage[] {
  const budgets = pdbs(records);
  return workloads(records).map((w) => ({
    workload: w,
    pdbs: budgets.filter((b) => b.namespace === w.namespace && selects(b.selector, w.podLabels)).map((b) => b.name),
    replicated: (w.replicas ?? 0) >= 2,
  }));
}
