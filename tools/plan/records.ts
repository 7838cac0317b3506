// The one capture of a program run: every registered resource with its options, as the engine sees it.
// The human plan, `--json`, `--out` YAML, the policy pack and the report all read these records.

export const SECRET_PLACEHOLDER = "[secret]";
export const COMPUTED = "<computed>";

export interface ResourceRecord {
  urn: string;
  type: string;
  name: string;
  /** Parent URN; "" for top-level resources. */
  parent: string;
  /** Provider reference `urn::id`; "" when the default provider is used. */
  provider: string;
  custom: boolean;
  /** Inputs with secrets as "[secret]" and unknown values as "<computed>". */
  inputs: Record<string, unknown>;
  protect: boolean;
  retainOnDelete: boolean;
  dependsOn: string[];
  propertyDependencies: Record<string, string[]>;
  ignoreChanges: string[];
}

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Turns the wire form of properties into plain JSON: secrets hidden, unknowns marked, references as URNs. */
export function plainProperties(wire: unknown): unknown {
  if (wire === UNKNOWN) return COMPUTED;
  if (Array.isArray(wire)) return wire.map(plainProperties);
  if (wire && typeof wire === "object") {
    const o = wire as Record<string, unknown>;
    switch (o[SIG]) {
      case SECRET_SIG:
        return SECRET_PLACEHOLDER;
      case RESOURCE_SIG:
        return o.urn;
      case OUTPUT_SIG:
        if (o.secret) return SECRET_PLACEHOLDER;
        return "value" in o ? plainProperties(o.value) : COMPUTED;
      case ASSET_SIG:
      case ARCHIVE_SIG:
        return `<asset ${String(o.path ?? o.uri ?? "inline")}>`;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = plainProperties(v);
    return out;
  }
  return wire;
}

/** Kubernetes objects among the records: custom resources of the kubernetes provider with apiVersion/kind inputs. */
export function kubernetesObjects(records: readonly ResourceRecord[]): ResourceRecord[] {
  return records.filter((r) => r.custom && r.type.startsWith("kubernetes:") && typeof r.inputs.kind === "string" && typeof r.inputs.apiVersion === "string");
}
