import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import { ConfigError, Field, keyText, loadStackConfig, TOP_LEVEL, walk } from "../../components/core/config";
import { bundledStacks, parseStackText, SECRET_VALUE, STACKS_DIR } from "../../tools/plan/stack-file";
import { prng } from "../support/prng";

// A seeded fuzz of the bundled stack files through the plan's own config path (stack-file parsing,
// then loadStackConfig: every rule runs before any resource is registered). Each case mutates one
// bundled stack by one class of bad input; a case known invalid must be refused with one ConfigError
// line that names the key. Reproduce a failure with STACK_FUZZ_SEED=<seed> (and the case number
// printed beside it); STACK_FUZZ_CASES changes the count.

const SEED = Number(process.env.STACK_FUZZ_SEED ?? 19_019);
const CASES = Number(process.env.STACK_FUZZ_CASES ?? 1000);

type Config = Record<string, unknown>;
type Kind = "regional" | "global" | "governance";
type Cloud = "aws" | "azure";

interface Base {
  stack: string;
  kind: Kind;
  cloud?: Cloud;
  config: Config;
}

interface Mutation {
  cls: string;
  text: string;
  /** "reject": known invalid, must be refused; "any": either outcome, but a refusal is one clean line. */
  expect: "reject" | "any";
  /** Prefixes one of which a refusal must start with: the key (or, for whole-file problems, the file). */
  names: string[];
  what: string;
}

const BASES: Base[] = bundledStacks().map((stack) => {
  const config = (parse(fs.readFileSync(path.join(STACKS_DIR, `Pulumi.${stack}.yaml`), "utf8")) as { config: Config }).config;
  const kind = (config["dynamo-ha:kind"] as Kind | undefined) ?? "regional";
  return { stack, kind, cloud: config["dynamo-ha:cloud"] as Cloud | undefined, config };
});

const SECTIONS_OF: Record<Kind, string[]> = {
  regional: ["kind", "env", "cloud", "region", "zones", "haMode", "labels", "cluster", "gpuPool", "capacity", "platform", "graph", "exposure", "observability", "storage", "dr"],
  global: ["kind", "env", "haMode", "labels", "global"],
  governance: ["kind", "env", "haMode", "labels", "governance"],
};

/** Schema leaves (`cluster.name` → its field), leaving out the inside of lists of objects. */
const LEAVES: [string, Field<unknown>][] = [];
for (const [key, field] of Object.entries(TOP_LEVEL)) {
  for (const [p, f] of walk(key, field)) {
    if (p.startsWith("global.regions.")) continue;
    if (!f.fields || f.type.startsWith("list")) LEAVES.push([p, f]);
  }
}

type LeafKind = "bool" | "int" | "num" | "list" | "map" | "object" | "secret" | "string";
function leafKind(f: Field<unknown>): LeafKind {
  if (f.secret) return "secret";
  if (f.type === "boolean") return "bool";
  if (f.type.startsWith("integer")) return "int";
  if (f.type.startsWith("number")) return "num";
  if (f.type.startsWith("list")) return "list";
  if (f.type.startsWith("map")) return "map";
  if (f.type === "object") return "object";
  return "string";
}

/** Bounds of a numeric field, read back from its documented type ("integer from 1 to 10", "number ≥ 0 and ≤ 1"). */
function bounds(f: Field<unknown>): { min?: number; max?: number } {
  const range = /from (-?[\d.]+) to (-?[\d.]+)/.exec(f.type);
  if (range) return { min: Number(range[1]), max: Number(range[2]) };
  const min = /≥ (-?[\d.]+)/.exec(f.type);
  const max = /≤ (-?[\d.]+)/.exec(f.type);
  return { min: min ? Number(min[1]) : undefined, max: max ? Number(max[1]) : undefined };
}

/** Valid values of string leaves the bundled stacks leave unset, per cloud. */
const SAMPLES: Record<Cloud | "any", Record<string, string>> = {
  aws: {
    "cluster.name": "dynamo-east",
    "cluster.adminPrincipals[0]": "arn:aws:iam::123456789012:role/admin",
    "cluster.systemNodeSize": "m6i.xlarge",
    "cluster.existingSubnetIds[0]": "subnet-0abc1234",
    "storage.name": "dynamo-ha-east-checkpoints",
    "storage.pvcStorageClass": "efs-sc",
  },
  azure: {
    "cluster.name": "dynamo-east",
    "cluster.adminPrincipals[0]": "8d0f3b5e-1c2a-4e7b-9f60-3a4b5c6d7e8f",
    "cluster.systemNodeSize": "Standard_D4ds_v5",
    "storage.name": "dynhaeast",
    "storage.pvcStorageClass": "azurefile-csi-premium",
  },
  any: {
    "cluster.publicAccessCidrs[0]": "203.0.113.0/24",
    "exposure.loadBalancerSourceRanges[0]": "203.0.113.0/24",
    "graph.image": "nvcr.io/nvidia/ai-dynamo/vllm-runtime:0.6.1",
    "labels.team": "ml-platform",
    "governance.stacks[0]": "eks-us-east-1",
  },
};

// Look-alikes of the characters names are made of.
const LOOKALIKES: Record<string, string[]> = {
  a: ["\u0430", "\u0251"], e: ["\u0435"], o: ["\u043e", "\u03bf"], c: ["\u0441"], p: ["\u0440"], i: ["\u0456"], s: ["\u0455"], x: ["\u0445"],
  "-": ["\u2010", "\u2011", "\u2013", "\u2212"], ".": ["\u2024", "\uff0e"], "/": ["\u2215", "\uff0f"], "1": ["\u0661", "\uff11"], "0": ["\u041e"],
  _: ["\uff3f"], ":": ["\u02d0"],
};
const CONTROL = ["\n", "\r", "\t", "\u0000", "\u0007", "\u001b[31m", "\u007f", "\u0085", "\u200b", "\u202e", "\u2028", "\ufeff"];

class Case {
  constructor(readonly rnd: () => number) {}
  int(n: number): number {
    return Math.floor(this.rnd() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
}

/** `cluster.adminPrincipals[0]` → ["dynamo-ha:cluster", "adminPrincipals", 0]. */
function segments(leaf: string): (string | number)[] {
  const [top, ...rest] = leaf.split(".");
  const out: (string | number)[] = [];
  const push = (s: string) => {
    const m = /^(.*)\[(\d+)\]$/.exec(s);
    if (m) out.push(m[1], Number(m[2]));
    else out.push(s);
  };
  push(`dynamo-ha:${top}`);
  rest.forEach(push);
  return out;
}

function getAt(c: Config, leaf: string): unknown {
  let v: unknown = c;
  for (const s of segments(leaf)) v = v !== null && typeof v === "object" ? (v as Record<string | number, unknown>)[s] : undefined;
  return v;
}

function setAt(c: Config, leaf: string, value: unknown): void {
  const segs = segments(leaf);
  let v = c as Record<string | number, unknown>;
  segs.forEach((s, i) => {
    if (i === segs.length - 1) v[s] = value;
    else {
      const next = segs[i + 1];
      if (v[s] === null || typeof v[s] !== "object") v[s] = typeof next === "number" ? [] : {};
      v = v[s] as Record<string | number, unknown>;
    }
  });
}

/** The message prefix a leaf is named by: `dynamo-ha:cluster.adminPrincipals[0]` and its list. */
function namesOf(leaf: string): string[] {
  const full = `dynamo-ha:${leaf}`;
  const list = full.replace(/\[\d+\]$/, "");
  return list === full ? [full] : [full, list];
}

/** String leaves of a base with a valid value: set in the file, a schema default, or a sample. */
function stringLeaves(b: Base): [string, string][] {
  const out = new Map<string, string>();
  const sections = SECTIONS_OF[b.kind];
  for (const [leaf, f] of LEAVES) {
    if (!sections.includes(leaf.split(".")[0])) continue;
    const k = leafKind(f);
    const current = getAt(b.config, leaf);
    if (k === "string") {
      if (typeof current === "string") out.set(leaf, current);
      else if (f.defaultText !== undefined && /^".*"$/.test(f.defaultText)) out.set(leaf, JSON.parse(f.defaultText) as string);
    } else if (k === "list" && Array.isArray(current)) {
      current.forEach((x, i) => typeof x === "string" && out.set(`${leaf}[${i}]`, x));
    }
  }
  for (const [leaf, v] of Object.entries(SAMPLES.any)) if (sections.includes(leaf.split(/[.[]/)[0])) out.set(leaf, v);
  if (b.cloud) for (const [leaf, v] of Object.entries(SAMPLES[b.cloud])) out.set(leaf, v);
  if (b.kind === "global") {
    (getAt(b.config, "global.regions") as Config[]).forEach((r, i) => out.set(`global.regions[${i}].stack`, r.stack as string));
  }
  return [...out];
}

function leavesOf(b: Base): [string, Field<unknown>][] {
  return LEAVES.filter(([leaf]) => SECTIONS_OF[b.kind].includes(leaf.split(".")[0]));
}

const fileOf = (b: Base) => `Pulumi.${b.stack}.yaml`;
const clone = (c: Config): Config => structuredClone(c);
const text = (c: Config) => stringify({ config: c });

// ---- mutation classes -------------------------------------------------------------------------

const wrongTypes: Record<LeafKind, unknown[]> = {
  bool: ["maybe", "yes", 1, 0, [], {}, "TRUE"],
  int: ["eight", true, 1.5, [], {}, "1e3x", "0x10"],
  num: ["half", true, [], {}, "1/2"],
  list: ["x", { a: 1 }, 7, true],
  map: ["x", [1, 2], 7, true],
  object: ["x", [1], 5, true],
  secret: [5, true, [], {}],
  string: [true, false, [], ["x"], { a: "b" }],
};

function wrongType(b: Base, r: Case): Mutation {
  const [leaf, f] = r.pick(leavesOf(b));
  const v = r.pick(wrongTypes[leafKind(f)]);
  const c = clone(b.config);
  setAt(c, leaf, v);
  return { cls: "wrong type", text: text(c), expect: "reject", names: namesOf(leaf), what: `${leaf} = ${JSON.stringify(v)}` };
}

function boundary(b: Base, r: Case): Mutation {
  const numeric = leavesOf(b).filter(([, f]) => ["int", "num"].includes(leafKind(f)));
  if (numeric.length === 0) return wrongType(b, r);
  const [leaf, f] = r.pick(numeric);
  const { min, max } = bounds(f);
  const options: [number, boolean][] = [];
  if (min !== undefined) options.push([min, false], [min - 1, true], [min - 0.5, true]);
  if (max !== undefined) options.push([max, false], [max + 1, true], [Number.MAX_SAFE_INTEGER * 4, true]);
  if (leafKind(f) === "int") options.push([(min ?? 0) + 0.5, true]);
  options.push([-1e308 * 10, true]);
  const [v, bad] = r.pick(options);
  const c = clone(b.config);
  setAt(c, leaf, v);
  return { cls: "boundary", text: text(c), expect: bad ? "reject" : "any", names: namesOf(leaf), what: `${leaf} = ${v}` };
}

function nonFinite(b: Base, r: Case): Mutation {
  const [leaf] = r.pick(leavesOf(b).filter(([, f]) => leafKind(f) !== "object" && leafKind(f) !== "map" && leafKind(f) !== "list"));
  const v = r.pick([Infinity, -Infinity, NaN]);
  const c = clone(b.config);
  setAt(c, leaf, v);
  let t = text(c);
  // 1e999 is read as Infinity too: the same value spelled as a plain number.
  if (r.chance(0.3) && v === Infinity) t = t.replace(/(:\s*)\.inf\b/, "$11e999");
  return { cls: "non-finite", text: t, expect: "reject", names: namesOf(leaf), what: `${leaf} = ${v}` };
}

function control(b: Base, r: Case): Mutation {
  const [leaf, valid] = r.pick(stringLeaves(b));
  const ch = r.pick(CONTROL);
  const at = r.int(valid.length + 1);
  const v = r.chance(0.2) ? ` ${valid}` : r.chance(0.1) ? " ".repeat(1 + r.int(3)) : `${valid.slice(0, at)}${ch}${valid.slice(at)}`;
  const c = clone(b.config);
  setAt(c, leaf, v);
  return { cls: "control characters", text: text(c), expect: "reject", names: namesOf(leaf), what: `${leaf} = ${JSON.stringify(v)}` };
}

function lookalike(b: Base, r: Case): Mutation {
  const candidates = stringLeaves(b).filter(([, v]) => [...v].some((ch) => LOOKALIKES[ch.toLowerCase()]));
  const [leaf, valid] = r.pick(candidates);
  const spots = [...valid].map((ch, i) => [ch, i] as const).filter(([ch]) => LOOKALIKES[ch.toLowerCase()]);
  const [ch, i] = r.pick(spots);
  const v = `${valid.slice(0, i)}${r.pick(LOOKALIKES[ch.toLowerCase()])}${valid.slice(i + 1)}`;
  const c = clone(b.config);
  setAt(c, leaf, v);
  return { cls: "unicode look-alike", text: text(c), expect: "reject", names: namesOf(leaf), what: `${leaf} = ${JSON.stringify(v)}` };
}

function tooLong(b: Base, r: Case): Mutation {
  const [leaf] = r.pick(stringLeaves(b));
  const v = r.pick(["a", "x-", "1."]).repeat(3000).slice(0, 3000);
  const c = clone(b.config);
  setAt(c, leaf, v);
  return { cls: "too long", text: text(c), expect: "reject", names: namesOf(leaf), what: `${leaf} = <3000 characters>` };
}

function deepNesting(b: Base, r: Case): Mutation {
  const top = `dynamo-ha:${r.pick(SECTIONS_OF[b.kind].filter((s) => !["kind", "env"].includes(s)))}`;
  const depth = r.chance(0.04) ? 700 + r.int(600) : 33 + r.int(90);
  const flow = r.chance(0.5);
  const c = clone(b.config);
  c[top] = "__DEEP__";
  const deep = flow ? `${"[".repeat(depth)}${"]".repeat(depth)}` : `\n${Array.from({ length: depth }, (_, i) => `${" ".repeat(4 + 2 * i)}k:`).join("\n")} 1`;
  return { cls: "deep nesting", text: text(c).replace("__DEEP__", deep), expect: "reject", names: [top, fileOf(b)], what: `${top} nested ${depth} (${flow ? "flow" : "block"})` };
}

function aliases(b: Base, r: Case): Mutation {
  const c = clone(b.config);
  const which = r.int(4);
  if (which === 0) {
    // An alias bomb: nine aliases per level, nine levels.
    const levels = 6 + r.int(4);
    let bomb = `\n    a0: &a0 [${Array(9).fill('"lol"').join(",")}]`;
    for (let i = 1; i <= levels; i++) bomb += `\n    a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(",")}]`;
    c["dynamo-ha:labels"] = "__BOMB__";
    return { cls: "alias bomb", text: text(c).replace("__BOMB__", bomb), expect: "reject", names: [fileOf(b)], what: `${levels}-level alias bomb` };
  }
  if (which === 1) {
    // An alias as a key.
    const t = `${text(c)}  &k dynamo-ha:haMode: true\n  *k : false\n`;
    return { cls: "alias key", text: t, expect: "reject", names: [fileOf(b), "dynamo-ha:haMode"], what: "alias used as a key" };
  }
  if (which === 2) {
    // Anchors parked under an unknown top-level key: the key is refused.
    const t = text(c).replace(/^config:\n/, "x-anchors: &env prod\nconfig:\n");
    return { cls: "alias", text: t.replace(/dynamo-ha:env: prod/, "dynamo-ha:env: *env"), expect: "reject", names: [fileOf(b)], what: "unknown top-level key holding an anchor" };
  }
  // A harmless alias: one label value spelled through an anchor.
  c["dynamo-ha:labels"] = "__LABELS__";
  return { cls: "alias", text: text(c).replace("__LABELS__", "\n    team: &v ml\n    owner: *v"), expect: "any", names: ["dynamo-ha:labels"], what: "label value through an alias" };
}

const TYPO = (s: string, r: Case): string => {
  const i = r.int(s.length);
  switch (r.int(4)) {
    case 0:
      return s.slice(0, i) + s.slice(i + 1);
    case 1:
      return `${s.slice(0, i)}${s[i] ?? ""}${s.slice(i)}`;
    case 2:
      return `${s.slice(0, i)}${r.pick(["\n", "\u202e", " ", "-", "\u0430"])}${s.slice(i)}`;
    default:
      return `${s}x`;
  }
};

function unknownKey(b: Base, r: Case): Mutation {
  const c = clone(b.config);
  const objects = Object.keys(c).filter((k) => k.startsWith("dynamo-ha:") && c[k] !== null && typeof c[k] === "object" && !Array.isArray(c[k]));
  if (objects.length > 0 && r.chance(0.6)) {
    const top = r.pick(objects);
    const obj = c[top] as Config;
    const keys = Object.keys(obj);
    const k = keys.length > 0 && r.chance(0.7) ? TYPO(r.pick(keys), r) : r.pick(["constructor", "__proto__", "toString", "hasOwnProperty", "unknown"]);
    const known = (TOP_LEVEL as Record<string, Field<unknown>>)[top.slice("dynamo-ha:".length)]?.fields ?? {};
    if (Object.prototype.hasOwnProperty.call(obj, k) || Object.prototype.hasOwnProperty.call(known, k)) return unknownKey(b, r);
    Object.defineProperty(obj, k, { value: 1, enumerable: true, configurable: true, writable: true });
    return { cls: "unknown key", text: text(c), expect: "reject", names: [top], what: `${top} . ${JSON.stringify(k)}` };
  }
  const top = r.pick(Object.keys(c).filter((k) => k.startsWith("dynamo-ha:")));
  const k = `dynamo-ha:${TYPO(top.slice("dynamo-ha:".length), r)}`;
  if (Object.prototype.hasOwnProperty.call(TOP_LEVEL, k.slice("dynamo-ha:".length)) || k in c) return unknownKey(b, r);
  c[k] = c[top];
  return { cls: "unknown key", text: text(c), expect: "reject", names: [keyText(k)], what: JSON.stringify(k) };
}

function mistypedNamespace(b: Base, r: Case): Mutation {
  const c = clone(b.config);
  const top = r.pick(Object.keys(c).filter((k) => k.startsWith("dynamo-ha:")));
  const ns = r.pick(["dynamoha", "dynamo_ha", "Dynamo-ha", "dynamo-hа", "dynamo-ha ", "dynamo", "aws-native", "azure", "k8s", "", "dynamo-ha\n"]);
  const k = ns === "" ? top.slice("dynamo-ha:".length) : `${ns}:${top.slice("dynamo-ha:".length)}`;
  const value = c[top];
  delete c[top];
  c[k] = value;
  return { cls: "mistyped namespace", text: text(c), expect: "reject", names: [keyText(k)], what: JSON.stringify(k) };
}

/** The issue's invalid values, each on the stacks it applies to. */
function knownInvalid(b: Base, r: Case): Mutation {
  const c = clone(b.config);
  const options: [string, unknown][] = [
    ["labels", { ["k".repeat(600)]: "v" }],
    ["labels", { "a<b>%": "v" }],
    ["labels", { team: "x".repeat(64) }],
  ];
  if (b.kind === "regional") {
    const zones = c["dynamo-ha:zones"] as string[];
    options.push(
      ["graph.hfTokenSecret", "Bad_Secret"],
      ["graph.namespace", "../x"],
      ["observability.namespace", "../x"],
      ["storage.pvcSize", r.pick(["0Gi", "0", "-1Gi", "0.0Ti", "1 Gi", "1GB"])],
      ["platform.etcd.storageSize", r.pick(["0Mi", "+0", "ten"])],
      ["dr.healthPath", r.pick(["/he alth", "health", "/a#b", "/x?y"])],
      ["region", "zz-fake-9"],
      ["cluster.vpcCidr", r.pick(["999.1.1.0/16", "10.40.0.1/16", "10.40.0.0/33", "010.40.0.0/16"])],
      ["cluster.systemNodeSize", r.pick([" ", "\t", "  "])],
      ["gpuPool.gpusPerNode", r.pick([2, 4, 8])],
      ["storage.replicateToRegion", "zz-fake-9"],
    );
    options.push(b.cloud === "aws" ? ["zones", [...zones.slice(0, -1), `${c["dynamo-ha:region"] as string}z`]] : ["zones", [...zones.slice(0, -1), "4"]]);
  }
  if (b.kind === "global") options.push(["global.zoneName", "bad zone"], ["global.recordName", "a b"], ["global.azureLocation", "zz-fake-9"]);
  if (b.kind === "governance") options.push(["governance.organization", "my org"]);
  const [leaf, v] = r.pick(options);
  setAt(c, leaf, v);
  // Each cloud check names the key it refuses; a CIDR/region problem may be caught by the schema or the cloud rule.
  const names = namesOf(leaf);
  if (leaf === "storage.replicateToRegion") names.push("dynamo-ha:storage.replicateToRegion");
  return { cls: "known invalid", text: text(c), expect: "reject", names, what: `${leaf} = ${JSON.stringify(v)?.slice(0, 40)}` };
}

function prodFloor(b: Base, r: Case): Mutation {
  if (b.kind !== "regional") return knownInvalid(b, r);
  const c = clone(b.config);
  setAt(c, "capacity.onDemandFloor", r.pick([0, 0, 0.0]));
  setAt(c, "gpuPool.requireFallback", r.chance(0.7) ? false : true);
  c["dynamo-ha:env"] = "prod";
  return { cls: "prod floor", text: text(c), expect: "reject", names: ["dynamo-ha:capacity.onDemandFloor"], what: "onDemandFloor 0 in prod" };
}

function secureValue(b: Base, r: Case): Mutation {
  const c = clone(b.config);
  const [leaf] = r.pick(leavesOf(b));
  setAt(c, leaf, { secure: "v1:AAABAHunter2CipherText" });
  return { cls: "secure value", text: text(c), expect: "any", names: namesOf(leaf), what: `${leaf} = secure` };
}

function syntax(b: Base, r: Case): Mutation {
  const t = text(b.config);
  const i = r.int(t.length);
  const cut = r.pick([
    () => t.slice(0, i),
    () => `${t.slice(0, i)}${r.pick(["\t", "[", "{", "]", ":", "&", "*", "!", "%", '"', "'", "|", ">", "\u0000", "\ufeff", "---\n"])}${t.slice(i)}`,
    () => t.replace(/\n  /g, r.chance(0.5) ? "\n\t" : "\n   "),
    () => `${t}${t.split("\n").slice(1, 3).join("\n")}\n`,
  ])();
  return { cls: "syntax", text: cut, expect: "any", names: [], what: `syntax edit at ${i}` };
}

const CLASSES: [number, (b: Base, r: Case) => Mutation][] = [
  [12, wrongType],
  [8, boundary],
  [8, nonFinite],
  [12, control],
  [10, lookalike],
  [6, tooLong],
  [6, deepNesting],
  [5, aliases],
  [8, unknownKey],
  [6, mistypedNamespace],
  [10, knownInvalid],
  [3, prodFloor],
  [3, secureValue],
  [3, syntax],
];
/** A message starts with what it is about: a config key (plain or quoted, with its path) or the file. */
// A malformed key is named as written, empty namespace segment included (`dynamo-ha::region`).
const KEY_FIRST = /^(?:"(?:[^"\\]|\\.)*"|[\w.-]+(?::[\w.-]*)*)(?:\[[^\]]*\]|\.[\w-]+)*: /;

const TOTAL = CLASSES.reduce((s, [w]) => s + w, 0);

function mutate(r: Case): { base: Base; m: Mutation } {
  const base = r.pick(BASES);
  let x = r.rnd() * TOTAL;
  for (const [w, f] of CLASSES) {
    if ((x -= w) < 0) return { base, m: f(base, r) };
  }
  return { base, m: CLASSES[0][1](base, r) };
}

describe("stack-file fuzz (seeded, through the plan's config path)", function () {
  this.timeout(60_000);

  it(`${CASES} mutated stack files: no trace, one line, the key named, nothing invalid accepted (seed ${SEED})`, () => {
    const started = Date.now();
    const counts: Record<string, { rejected: number; accepted: number }> = {};
    const failures: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const r = new Case(prng(SEED + i));
      const { base, m } = mutate(r);
      const where = `seed ${SEED}, case ${i} (STACK_FUZZ_SEED=${SEED + i} STACK_FUZZ_CASES=1 reproduces it): ${m.cls}: ${base.stack}: ${m.what}`;
      const count = (counts[m.cls] ??= { rejected: 0, accepted: 0 });
      let message: string | undefined;
      try {
        const { config, secretKeys } = parseStackText(m.text, fileOf(base));
        loadStackConfig(config, base.stack, secretKeys);
      } catch (e) {
        if (!(e instanceof ConfigError)) {
          failures.push(`${where}: not a ConfigError: ${(e as Error)?.stack ?? String(e)}`);
          continue;
        }
        message = e.message;
      }
      if (message === undefined) {
        count.accepted++;
        if (m.expect === "reject") failures.push(`${where}: accepted`);
        continue;
      }
      count.rejected++;
      if (/[\n\r\u0085\u2028\u2029]/.test(message)) failures.push(`${where}: multi-line message ${JSON.stringify(message)}`);
      if (/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(message)) failures.push(`${where}: raw control characters in ${JSON.stringify(message)}`);
      if (message.length > 700) failures.push(`${where}: a ${message.length}-character message`);
      if (message.includes(SECRET_VALUE) || message.includes("Hunter2")) failures.push(`${where}: a secret in ${JSON.stringify(message)}`);
      if (!KEY_FIRST.test(message)) failures.push(`${where}: names no key: ${JSON.stringify(message)}`);
      // A refusal of a known-invalid value names that value's key; other refusals may name a related key.
      if (m.expect === "reject" && m.names.length > 0 && !m.names.some((n) => message!.startsWith(`${n}:`) || message!.startsWith(`${n}[`) || message!.startsWith(`${n}.`) || message!.startsWith(`${n} `))) {
        failures.push(`${where}: should name ${m.names.join(" or ")}: ${JSON.stringify(message)}`);
      }
    }
    const elapsed = Date.now() - started;
    assert.deepStrictEqual(failures.slice(0, 15), [], `${failures.length} of ${CASES} cases failed (seed ${SEED})`);
    // Every class ran, and the known-invalid ones were all refused.
    if (CASES >= 1000) {
      assert.ok(Object.keys(counts).length >= CLASSES.length, `classes exercised: ${Object.keys(counts).join(", ")}`);
      // About 2 s on an idle machine; the guard is loose because test machines are shared.
      assert.ok(elapsed < 15_000, `took ${elapsed} ms`);
    }
  });
});
