// The Kubernetes core/v1 types a vendored CRD extract points at (`x-crdgen-core`), as described by the
// API model in @kubernetes/client-node (generated from the Kubernetes OpenAPI, v1.34): field names and
// their types. Enough for a strict unknown-field and type check; required fields of core types are
// checked by the kubernetes-models validation the k8s tests already run.

export interface Attribute {
  name: string;
  baseName: string;
  type: string;
  format: string;
}
type ModelClass = { attributeTypeMap?: Attribute[] };

let models: Record<string, ModelClass> | undefined;
function load(): Record<string, ModelClass> {
  // client-node 1.x is ESM-only; Node 22+ loads it through require.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  models ??= require("@kubernetes/client-node") as Record<string, ModelClass>;
  return models;
}

/** The attributes of a model (e.g. "V1PodSpec"), or undefined when it is not a model class. */
export function coreAttributes(model: string): Attribute[] | undefined {
  const m = load()[model];
  return m && Array.isArray(m.attributeTypeMap) ? m.attributeTypeMap : undefined;
}

/** How a client-node type string reads: list, map, primitive or model. */
export type CoreType =
  | { kind: "array"; of: string }
  | { kind: "map"; of: string }
  | { kind: "primitive"; name: "string" | "number" | "boolean" | "Date" | "IntOrString" | "any" | "object" }
  | { kind: "model"; name: string };

export function parseCoreType(t: string): CoreType {
  const arr = /^Array<(.+)>$/.exec(t);
  if (arr) return { kind: "array", of: arr[1] };
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(t);
  if (map) return { kind: "map", of: map[1] };
  if (["string", "number", "boolean", "Date", "IntOrString", "any", "object"].includes(t)) return { kind: "primitive", name: t as never };
  return { kind: "model", name: t };
}
