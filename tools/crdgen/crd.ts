// Reads the vendored upstream CRDs (tools/crdgen/upstream): their versions and OpenAPI v3 schemas.
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { PROJECT_ROOT } from "../../stacks/project-root";

export const UPSTREAM_DIR = path.join(PROJECT_ROOT, "tools", "crdgen", "upstream");

/** The OpenAPI v3 subset structural CRD schemas use, plus the markers of the vendored extracts. */
export interface Schema {
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  required?: string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  anyOf?: Schema[];
  default?: unknown;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-embedded-resource"?: boolean;
  /** A core/v1 subtree resolved from the Kubernetes API model of @kubernetes/client-node. */
  "x-crdgen-core"?: string;
  /** A subtree not vendored: any value there is refused. */
  "x-crdgen-pruned"?: boolean;
  [k: string]: unknown;
}

export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated: boolean;
  schema: Schema;
}

export interface VendoredCrd {
  file: string;
  /** From the header: where the text was read. */
  source: { repo: string; path: string; commit: string };
  group: string;
  kind: string;
  plural: string;
  versions: CrdVersion[];
}

function header(text: string, key: string, file: string): string {
  const m = new RegExp(`^#\\s+${key}:\\s+(\\S+)`, "m").exec(text);
  if (!m) throw new Error(`${file}: header has no "${key}:" line (record repo, path and commit of the upstream text)`);
  return m[1];
}

export function parseCrd(text: string, file: string): VendoredCrd {
  const docs = parseAllDocuments(text).map((d) => d.toJS()).filter((d) => d && d.kind === "CustomResourceDefinition");
  if (docs.length !== 1) throw new Error(`${file}: expected one CustomResourceDefinition, found ${docs.length}`);
  const spec = docs[0].spec;
  const commit = header(text, "commit", file);
  if (!/^[0-9a-f]{40}$/.test(commit)) throw new Error(`${file}: commit ${JSON.stringify(commit)} is not a 40-hex commit`);
  return {
    file,
    source: { repo: header(text, "repo", file), path: header(text, "path", file), commit },
    group: spec.group,
    kind: spec.names.kind,
    plural: spec.names.plural,
    versions: spec.versions.map((v: Record<string, unknown>) => ({
      name: String(v.name),
      served: v.served === true,
      storage: v.storage === true,
      deprecated: v.deprecated === true,
      schema: ((v.schema as Record<string, unknown>)?.openAPIV3Schema ?? {}) as Schema,
    })),
  };
}

/** Every vendored CRD, sorted by file name. */
export function loadVendoredCrds(dir = UPSTREAM_DIR): VendoredCrd[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => parseCrd(fs.readFileSync(path.join(dir, f), "utf8"), f));
}

export function crdForKind(crds: readonly VendoredCrd[], group: string, kind: string): VendoredCrd | undefined {
  return crds.find((c) => c.group === group && c.kind === kind);
}

/**
 * The version the generator types and objects should use: the newest served version that is not
 * deprecated (upstream makes it the storage version once the conversion settles), else the storage one.
 */
export function typedVersion(crd: VendoredCrd): CrdVersion {
  const served = crd.versions.filter((v) => v.served);
  const newest = served.filter((v) => !v.deprecated);
  return newest[newest.length - 1] ?? served.find((v) => v.storage) ?? served[served.length - 1];
}
