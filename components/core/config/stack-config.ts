import { LABEL_KEY, LABEL_VALUE } from "./grammar";
import { checkConfigNamespaces, keyText } from "./namespaces";
import { bool, ConfigError, enumOf, Field, list, record, SecretString, show, str, unknownKey } from "./schema";
import { capacitySection } from "./sections/capacity";
import { clusterSection } from "./sections/cluster";
import { drSection } from "./sections/dr";
import { exposureSection } from "./sections/exposure";
import { globalSection } from "./sections/global";
import { governanceSection } from "./sections/governance";
import { gpuPoolSection } from "./sections/gpu-pool";
import { graphSection } from "./sections/graph";
import { observabilitySection } from "./sections/observability";
import { platformSection } from "./sections/platform";
import { storageSection } from "./sections/storage";

export const PROJECT = "dynamo-ha";
export const STACK_KINDS = ["regional", "global", "governance"] as const;
export const CLOUDS = ["aws", "azure"] as const;
export const ENVS = ["prod", "dev"] as const;

export type StackKind = (typeof STACK_KINDS)[number];
export type Cloud = (typeof CLOUDS)[number];
export type Env = (typeof ENVS)[number];

/** Makes a required section optional at schema level; the stack kind decides later whether it must be there. */
function perKind<T>(f: Field<T>, defaultText: string): Field<T | undefined> {
  return { ...f, defaultText, parse: (v, p) => (v === undefined || v === null ? undefined : f.parse(v, p)) };
}

/** Every `dynamo-ha:*` key, with its documentation and default. A key absent here is a typo. */
export const TOP_LEVEL = {
  kind: enumOf(STACK_KINDS, { doc: "Stack kind: one region, the global DR stack, or policy governance.", default: "regional" }),
  env: enumOf(ENVS, { doc: "Environment: selects the policy pack config (policy/config/<env>.json).", default: "prod" }),
  cloud: perKind(enumOf(CLOUDS, { doc: "Regional stacks: the cloud (EKS or AKS)." }), "required for regional stacks"),
  region: perKind(str({ doc: "Regional stacks: AWS region or Azure location (one with availability zones).", patternText: "a region of the pinned list (components/core/regions.ts)" }), "required for regional stacks"),
  zones: perKind(
    list(str({ doc: "zone", patternText: "a zone of the region" }), {
      doc: 'Regional stacks: availability zones (AWS names like "us-east-1a"; Azure "1"–"3").',
      minItems: 2,
      distinct: true,
      what: "zones",
    }),
    "required for regional stacks",
  ),
  haMode: bool({ doc: "Enforce HA rules (≥ 2 replicas per component, PDBs, zone spread).", default: true }),
  labels: record(str({ doc: "value", grammar: LABEL_VALUE }), {
    doc: "Tags / labels added to every cloud resource. Keys are Kubernetes label keys of ≤ 128 characters (no '/' prefix on Azure, whose tag names refuse it); values are label values (≤ 63).",
    default: {},
    keys: LABEL_KEY,
    type: "map of label key → label value",
  }),
  cluster: clusterSection,
  gpuPool: perKind(gpuPoolSection, "required for regional stacks"),
  capacity: perKind(capacitySection, "required for regional stacks"),
  platform: platformSection,
  graph: graphSection,
  exposure: exposureSection,
  observability: observabilitySection,
  storage: storageSection,
  dr: drSection,
  global: perKind(globalSection, "required for global stacks"),
  governance: perKind(governanceSection, "required for governance stacks"),
};

type Top = typeof TOP_LEVEL;
type ParsedTop = { [K in keyof Top]: Top[K] extends Field<infer T> ? T : never };
type Req<T> = Exclude<T, undefined>;

interface Common {
  stack: string;
  env: Env;
  haMode: boolean;
  labels: Record<string, string>;
}

export interface RegionalConfig extends Common {
  kind: "regional";
  cloud: Cloud;
  region: string;
  zones: string[];
  cluster: ParsedTop["cluster"];
  gpuPool: Req<ParsedTop["gpuPool"]>;
  capacity: Req<ParsedTop["capacity"]>;
  platform: ParsedTop["platform"];
  graph: ParsedTop["graph"];
  exposure: ParsedTop["exposure"];
  observability: ParsedTop["observability"];
  storage: ParsedTop["storage"];
  dr: ParsedTop["dr"];
}

export interface GlobalConfig extends Common {
  kind: "global";
  global: Req<ParsedTop["global"]>;
}

export interface GovernanceConfig extends Common {
  kind: "governance";
  governance: Req<ParsedTop["governance"]>;
}

export type StackConfig = RegionalConfig | GlobalConfig | GovernanceConfig;

/** Sections that only one kind of stack reads; setting them elsewhere is a mistake worth naming. */
const ONLY_FOR: Partial<Record<keyof Top, StackKind>> = {
  cloud: "regional",
  region: "regional",
  zones: "regional",
  cluster: "regional",
  gpuPool: "regional",
  capacity: "regional",
  platform: "regional",
  graph: "regional",
  exposure: "regional",
  observability: "regional",
  storage: "regional",
  dr: "regional",
  global: "global",
  governance: "governance",
};

/**
 * Decodes raw Pulumi config (`{"dynamo-ha:zones": "[\"a\",\"b\"]", ...}`, every value a string as the
 * engine passes it; structured values JSON-encoded) into plain values for the schema.
 * Keys of the provider namespaces (`aws:region`, …) are ignored; unknown `dynamo-ha:` keys and keys of
 * any other namespace are errors.
 */
export function decodeRaw(raw: Record<string, string | SecretString>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const known = Object.keys(TOP_LEVEL);
  checkConfigNamespaces(Object.keys(raw), PROJECT, known);
  for (const [fullKey, value] of Object.entries(raw)) {
    if (!fullKey.startsWith(`${PROJECT}:`)) continue;
    const key = fullKey.slice(PROJECT.length + 1);
    if (!known.includes(key)) {
      // The value is not shown: a mistyped key may well hold a secret.
      throw new ConfigError(`${keyText(fullKey)}: ${unknownKey(key, known)}`);
    }
    const field = (TOP_LEVEL as Record<string, Field<unknown>>)[key];
    if (value instanceof SecretString || field.rawString) {
      out[key] = value;
      continue;
    }
    try {
      out[key] = JSON.parse(value);
    } catch {
      throw new ConfigError(`${fullKey}: must be ${field.type} (JSON), got ${show(value)}`);
    }
  }
  return out;
}

/** Parses decoded config into a typed stack config. Throws ConfigError (one line) on any problem. */
export function parseStackConfig(values: Record<string, unknown>, stack: string): StackConfig {
  const p = {} as Record<string, unknown>;
  for (const [key, field] of Object.entries(TOP_LEVEL)) p[key] = (field as Field<unknown>).parse(values[key], `${PROJECT}:${key}`);
  const v = p as ParsedTop;
  for (const [key, kind] of Object.entries(ONLY_FOR)) {
    if (values[key] !== undefined && kind !== v.kind) {
      throw new ConfigError(`${PROJECT}:${key}: only ${kind} stacks read this key, got it on a ${v.kind} stack`);
    }
  }
  const common: Common = { stack, env: v.env, haMode: v.haMode, labels: v.labels };
  const need = <T>(key: keyof Top, value: T | undefined): T => {
    if (value === undefined) throw new ConfigError(`${PROJECT}:${String(key)}: is required for ${v.kind} stacks, got nothing`);
    return value;
  };
  switch (v.kind) {
    case "global":
      return { ...common, kind: "global", global: need("global", v.global) };
    case "governance":
      return { ...common, kind: "governance", governance: need("governance", v.governance) };
    case "regional":
      return {
        ...common,
        kind: "regional",
        cloud: need("cloud", v.cloud),
        region: need("region", v.region),
        zones: need("zones", v.zones),
        cluster: v.cluster,
        gpuPool: need("gpuPool", v.gpuPool),
        capacity: need("capacity", v.capacity),
        platform: v.platform,
        graph: v.graph,
        exposure: v.exposure,
        observability: v.observability,
        storage: v.storage,
        dr: v.dr,
      };
  }
}
