// Workloads whose pods the HA policies judge: Deployments, StatefulSets (also rendered chart children)
// and every component of a DynamoGraphDeployment (v1beta1 components list, v1alpha1 services map).
import { DGD_COMPONENT_LABEL, DGD_NAME_LABEL, T } from "./keys";
import { Labels, labelsOf } from "./selectors";
import { at, dict, int, isObj, isUnknown, own, str, text, UNKNOWN, Unknown } from "./values";

export interface Workload {
  /** "Deployment web", "DynamoGraphDeployment llm component decode". */
  label: string;
  namespace: string | undefined | Unknown;
  /** Absent replicas mean 1 (the Kubernetes and operator default). */
  replicas: number | Unknown;
  podLabels: Labels;
  /** The pod spec: spread constraints, affinity, containers. */
  podSpec: unknown;
  /** A graph component's `type` (v1beta1) or `componentType` (v1alpha1); undefined for other workloads. */
  componentType?: string | Unknown;
}

export const WORKLOAD_TYPES: readonly string[] = [T.deployment, T.statefulSet, T.dgdV1alpha1, T.dgdV1beta1];

/** Absent (or null) replicas default to 1; a value that is no integer at all is not judged. */
function replicasOf(v: unknown): number | Unknown {
  if (v === undefined || v === null) return 1;
  const n = int(v);
  return n === undefined ? UNKNOWN : n;
}

function merge(...maps: Labels[]): Labels {
  const out = dict<string | Unknown>();
  for (const m of maps) {
    if (isUnknown(m)) return UNKNOWN;
    for (const k of Object.keys(m)) out[k] = m[k];
  }
  return out;
}

function componentLabel(cname: string | Unknown): Labels {
  const l = dict<string | Unknown>();
  l[DGD_COMPONENT_LABEL] = cname;
  return l;
}

/** The workloads one resource declares; empty for other types. `props` must be plain (see values.ts). */
export function workloadsOf(type: string, name: string, props: unknown): Workload[] {
  const namespace = str(at(props, "metadata", "namespace"));
  const objName = str(at(props, "metadata", "name"));
  const shown = text(typeof objName === "string" ? objName : name);
  if (type === T.deployment || type === T.statefulSet) {
    return [
      {
        label: `${type === T.deployment ? "Deployment" : "StatefulSet"} ${shown}`,
        namespace,
        replicas: replicasOf(at(props, "spec", "replicas")),
        podLabels: labelsOf(at(props, "spec", "template", "metadata", "labels")),
        podSpec: at(props, "spec", "template", "spec"),
      },
    ];
  }
  if (type !== T.dgdV1alpha1 && type !== T.dgdV1beta1) return [];
  // An auto-named graph's name is only known after create: its pods' name label is unknown.
  const graphLabel = dict<string | Unknown>();
  graphLabel[DGD_NAME_LABEL] = objName === undefined ? UNKNOWN : objName;
  const graphLabels = labelsOf(at(props, "spec", "labels"));
  const out: Workload[] = [];
  const component = (cname: string | Unknown, c: unknown, extraLabels: unknown, podSpec: unknown) => {
    const ctype = str(own(c, type === T.dgdV1beta1 ? "type" : "componentType"));
    out.push({
      componentType: ctype,
      label: `DynamoGraphDeployment ${shown} component ${text(cname)}`,
      namespace,
      replicas: replicasOf(at(c, "replicas")),
      podLabels: merge(graphLabels, labelsOf(extraLabels), graphLabel, componentLabel(cname)),
      podSpec,
    });
  };
  if (type === T.dgdV1beta1) {
    const comps = at(props, "spec", "components");
    if (!Array.isArray(comps)) return out;
    for (const c of comps) {
      if (!isObj(c)) continue;
      const cname = str(own(c, "name"));
      if (cname === undefined) continue;
      component(cname, c, at(c, "podTemplate", "metadata", "labels"), at(c, "podTemplate", "spec"));
    }
  } else {
    const services = at(props, "spec", "services");
    if (!isObj(services)) return out;
    for (const cname of Object.keys(services)) {
      const c = services[cname];
      if (!isObj(c)) continue;
      component(cname, c, at(c, "extraPodMetadata", "labels"), at(c, "extraPodSpec"));
    }
  }
  return out;
}

/** Same namespace, where an absent namespace is the provider's default and so cannot be told apart. */
export function sameNamespace(a: string | undefined | Unknown, b: string | undefined | Unknown): boolean | Unknown {
  if (isUnknown(a) || isUnknown(b)) return UNKNOWN;
  if (a === undefined || b === undefined) return true;
  return a === b;
}
