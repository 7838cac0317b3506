// Re-baselines test/package/fixtures/plans-before.json after an INTENDED plan change (a feature that
// adds or changes resources), keeping the refactor's URN space: each record is written under the URN
// it had before the documented moves, so the moves and their aliases stay tested. It prints, per
// stack, every resource added, removed or changed, for review in the commit that re-baselines:
//   node_modules/.bin/node dist/test/package/rebaseline.js
import * as assert from "assert";
import * as fs from "fs";
import { isDeepStrictEqual } from "util";
import { plan } from "../../tools/plan/run";
import { bundledStacks } from "../../tools/plan/stack-file";
import { MOVES, movedParent, movedUrn, NEW_COMPONENTS } from "./moves";
import { PlanRecord, planRecords } from "./plan-records";
import { PLANS_BEFORE } from "./record-plans";

/** The URN a resource had before the moves (the inverse of movedUrn, checked against it). */
export function unmovedUrn(stack: string, ref: string): string {
  for (const m of MOVES) {
    if (!m.stacks.includes(stack)) continue;
    const parts = ref.split("::");
    if (parts.length < 4 || !parts[2].startsWith(`${m.under.type}$`)) continue;
    const old = [parts[0], parts[1], parts[2].slice(m.under.type.length + 1), ...parts.slice(3)].join("::");
    if (movedUrn(stack, old) === ref) return old;
  }
  return ref;
}

function unmove(stack: string, v: unknown): unknown {
  if (typeof v === "string") return unmovedUrn(stack, v);
  if (Array.isArray(v)) return v.map((x) => unmove(stack, x));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unmove(stack, x)]));
  return v;
}

/** A record of today's plan in the URN space before the refactor; undefined for the refactor's new components. */
export function beforeRefactor(stack: string, r: PlanRecord): PlanRecord | undefined {
  if ((NEW_COMPONENTS[stack] ?? []).includes(r.type)) return undefined;
  const old = unmove(stack, r) as PlanRecord;
  const rootUnderMove = MOVES.some((m) => m.stacks.includes(stack) && m.roots.some((x) => x.type === r.type && x.name === r.name) && r.parent === `urn:pulumi:${stack}::dynamo-ha::${m.under.type}::${m.under.name}`);
  old.parent = rootUnderMove ? "" : old.parent;
  // The test maps it forward again: it must land exactly on today's record.
  assert.strictEqual(movedParent(stack, old.type, old.name, old.parent), r.parent, `${r.urn}: parent does not map back`);
  return old;
}

async function main(): Promise<void> {
  const previous = JSON.parse(fs.readFileSync(PLANS_BEFORE, "utf8")) as Record<string, PlanRecord[]>;
  const out: Record<string, PlanRecord[]> = {};
  for (const stack of bundledStacks()) {
    out[stack] = planRecords(await plan(stack, { policy: false })).flatMap((r) => beforeRefactor(stack, r) ?? []);
    const was = new Map((previous[stack] ?? []).map((r) => [r.urn, r]));
    const now = new Map(out[stack].map((r) => [r.urn, r]));
    const short = (urn: string) => urn.split("::").slice(2).join("::");
    for (const urn of now.keys()) if (!was.has(urn)) console.log(`${stack}: + ${short(urn)}`);
    for (const urn of was.keys()) if (!now.has(urn)) console.log(`${stack}: - ${short(urn)}`);
    for (const [urn, r] of now) if (was.has(urn) && !isDeepStrictEqual(was.get(urn), r)) console.log(`${stack}: ~ ${short(urn)}`);
  }
  fs.writeFileSync(PLANS_BEFORE, `${JSON.stringify(out)}\n`);
}

if (require.main === module) void main();
