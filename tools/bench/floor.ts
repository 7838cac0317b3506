// The floor a program is measured against: a plain-JS program generated from a plan's own records that
// registers the same resources (same types, names, parents, providers and inputs) through the SDK's bare
// CustomResource/ComponentResource/ProviderResource with the same resource options the engine sees
// (dependsOn, protect, retainOnDelete, ignoreChanges), and a compiled one-rule pack. Whatever the real
// program or pack costs above these is ours to explain.
//
// "The same inputs" means the property bag the program hands the SDK: a provider SDK's resource class
// (aws.eks.Cluster, …) passes every property it declares, its outputs as `undefined`, and the SDK makes
// an Output (four promises) for each. The register request drops undefined values, so the records alone
// would leave that out of the floor; the bench records each type's declared keys while it plans.
import * as fs from "fs";
import * as path from "path";
import { ResourceRecord } from "../plan/records";

/** The records the floor program registers: only what registration needs. */
interface FloorRecord {
  t: string;
  n: string;
  u: string;
  p: string;
  v: string;
  c: boolean;
  i: Record<string, unknown>;
  /** Resource options, only where set: dependsOn URNs, protect, retainOnDelete, ignoreChanges. */
  d?: string[];
  pr?: true;
  rd?: true;
  ic?: string[];
}

const PROGRAM = `// Generated from a plan's records: the same resources, registered bare. Do not edit.
"use strict";
const pulumi = require("@pulumi/pulumi");
const RECORDS = require("./records.json");
const DECLARED = require("./declared.json");
module.exports = function floorProgram() {
  const byUrn = new Map();
  for (const r of RECORDS) {
    const opts = {};
    if (r.p) opts.parent = byUrn.get(r.p);
    if (r.v) opts.provider = byUrn.get(r.v.slice(0, r.v.lastIndexOf("::")));
    if (r.d) opts.dependsOn = r.d.map((u) => { const d = byUrn.get(u); if (!d) throw new Error(r.u + " depends on " + u + ", not registered before it"); return d; });
    if (r.pr) opts.protect = true;
    if (r.rd) opts.retainOnDelete = true;
    if (r.ic) opts.ignoreChanges = r.ic;
    const props = Object.assign({}, r.i);
    for (const k of DECLARED[r.t] || []) if (!(k in props)) props[k] = undefined;
    let res;
    if (r.t.startsWith("pulumi:providers:")) res = new pulumi.ProviderResource(r.t.slice("pulumi:providers:".length), r.n, props, opts);
    else if (r.c) res = new pulumi.CustomResource(r.t, r.n, props, opts);
    else res = new pulumi.ComponentResource(r.t, r.n, {}, opts);
    byUrn.set(r.u, res);
  }
  return {};
};
`;

/**
 * Starts recording, for every custom resource type the process registers until `stop`, the property
 * keys its class hands the SDK (defined or not).
 */
export function recordDeclaredKeys(): { declared(): Record<string, string[]>; stop(): void } {
  // The SDK's own hook point: every custom resource's props pass through rpc.transferProperties
  // (runtime/resource.js, prepareResource), labelled `resource:<name>[<type>]`.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const rpc = require("@pulumi/pulumi/runtime/rpc") as { transferProperties: (onto: object, label: string, props: Record<string, unknown>) => unknown };
  const keys = new Map<string, Set<string>>();
  const original = rpc.transferProperties;
  const recording: typeof original = (onto, label, props) => {
    const type = /\[(.*)\]$/.exec(label)?.[1];
    if (type) {
      const set = keys.get(type) ?? new Set<string>();
      for (const k of Object.keys(props)) set.add(k);
      keys.set(type, set);
    }
    return original(onto, label, props);
  };
  rpc.transferProperties = recording;
  return {
    declared: () => Object.fromEntries([...keys].map(([t, ks]) => [t, [...ks].sort()])),
    stop: () => {
      if (rpc.transferProperties === recording) rpc.transferProperties = original;
    },
  };
}

/**
 * The records in an order a program can construct them in: each after its parent, its provider and
 * what it depends on. Records come in the order registrations reached the engine, which is when their
 * inputs resolved, not when the program made them. Otherwise the records' own order is kept.
 */
export function constructionOrder(records: readonly ResourceRecord[]): ResourceRecord[] {
  const byUrn = new Map(records.map((r) => [r.urn, r]));
  const placed = new Set<string>();
  const out: ResourceRecord[] = [];
  const place = (r: ResourceRecord, path: string[]) => {
    if (placed.has(r.urn)) return;
    if (path.includes(r.urn)) throw new Error(`records depend on each other in a cycle: ${[...path, r.urn].join(" → ")}`);
    const before = [r.parent, r.provider.slice(0, r.provider.lastIndexOf("::")), ...r.dependsOn];
    for (const u of before) {
      const d = byUrn.get(u);
      if (d) place(d, [...path, r.urn]);
    }
    placed.add(r.urn);
    out.push(r);
  };
  for (const r of records) place(r, []);
  return out;
}

/**
 * Writes the floor program for `records` into `dir` (index.js, records.json, declared.json: each
 * type's declared keys from recordDeclaredKeys); returns its path.
 */
export function writeFloorProgram(records: readonly ResourceRecord[], dir: string, declared: Record<string, string[]>): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "declared.json"), JSON.stringify(declared));
  const registered = records.filter((r) => r.type !== "pulumi:pulumi:Stack");
  // A dependency on something the program reads (a StackReference) is not a record: the floor reads nothing.
  const urns = new Set(registered.map((r) => r.urn));
  const floor: FloorRecord[] = constructionOrder(registered).map((r) => ({
    t: r.type,
    n: r.name,
    u: r.urn,
    p: r.parent,
    v: r.provider,
    c: r.custom,
    i: r.inputs,
    ...(r.dependsOn.some((u) => urns.has(u)) && { d: r.dependsOn.filter((u) => urns.has(u)) }),
    ...(r.protect && { pr: true as const }),
    ...(r.retainOnDelete && { rd: true as const }),
    ...(r.ignoreChanges.length > 0 && { ic: r.ignoreChanges }),
  }));
  fs.writeFileSync(path.join(dir, "records.json"), JSON.stringify(floor));
  const file = path.join(dir, "index.js");
  fs.writeFileSync(file, PROGRAM);
  return file;
}

const PACK = `// A compiled one-rule pack: the least any pack costs over the same records. Generated; do not edit.
"use strict";
const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("bench-one-rule", {
  enforcementLevel: "advisory",
  policies: [{ name: "has-type", description: "Every resource has a type.", validateResource: (args, report) => { if (!args.type) report("no type"); } }],
});
`;

/** Writes the one-rule pack into `dir` (a folder the launcher can run, as the CLI runs a pack). */
export function writeOneRulePack(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "index.js"), PACK);
  fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({ name: "bench-one-rule", version: "0.0.0", main: "index.js" }, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
  return dir;
}
