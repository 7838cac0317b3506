// `npm run bench`: the plan against its floor, in paired cold runs (each a fresh process).
//   program / floor               the real program vs the same resources registered bare   goal ≤ 1.2
//   whole / (floor + one-rule)    program + project pack vs floor + a one-rule pack        goal ≤ 1.3
// Each ratio is the median over rounds of the ratio within a round. The two sides of a ratio run back
// to back, so a machine that slows down for a few seconds slows both; which side goes first alternates
// from round to round.
// Exits 1 when a goal is missed. BENCH_RUNS sets the rounds (default 9); BENCH_STACK the stack.
import "../compile-cache";
import { spawnSync } from "child_process";
import * as path from "path";
import { performance } from "perf_hooks";
import { PROJECT_ROOT } from "../../stacks/project-root";
import { plan } from "../plan/run";
import { DEFAULT_STACK } from "../plan/stack-file";
import { recordDeclaredKeys, writeFloorProgram, writeOneRulePack } from "./floor";
import { verdict } from "./goals";

const ONCE = path.join(__dirname, "plan-once.js");
const WORK = path.join(PROJECT_ROOT, "dist", "bench");

type Mode = "program" | "floor" | "whole" | "floor-pack";

function once(stack: string, mode: Mode): { ms: number; records: number } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [ONCE, stack, mode], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    env: { ...process.env, FLOOR_DIR: path.join(WORK, "floor"), PACK_DIR: path.join(WORK, "one-rule-pack") },
  });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${mode} run of ${stack} failed: ${r.stderr.trim()}`);
  return { ms, records: Number(r.stdout.trim()) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<number> {
  const stack = process.env.BENCH_STACK ?? DEFAULT_STACK;
  const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 9));
  const recorder = recordDeclaredKeys();
  const p = await plan(stack, { policy: false });
  recorder.stop();
  writeFloorProgram(p.resources, path.join(WORK, "floor"), recorder.declared());
  writeOneRulePack(path.join(WORK, "one-rule-pack"));
  const modes: Mode[] = ["program", "floor", "whole", "floor-pack"];
  const pairs: [Mode, Mode][] = [
    ["program", "floor"],
    ["whole", "floor-pack"],
  ];
  const ms: Record<Mode, number[]> = { program: [], floor: [], whole: [], "floor-pack": [] };
  once(stack, "floor"); // warm the file cache for both sides alike
  once(stack, "program");
  for (let i = 0; i < runs; i++) {
    for (const m of pairs.flatMap(([a, b]) => (i % 2 === 0 ? [a, b] : [b, a]))) {
      const r = once(stack, m);
      if (r.records !== p.resources.length) throw new Error(`${m} registered ${r.records} resources, the plan ${p.resources.length}`);
      ms[m].push(r.ms);
    }
  }
  const med = Object.fromEntries(modes.map((m) => [m, median(ms[m])])) as Record<Mode, number>;
  const ratio = (a: Mode, b: Mode) => median(ms[a].map((x, i) => x / ms[b][i]));
  console.log(`stack ${stack}: ${p.resources.length} resources; medians of ${runs} rounds of cold runs`);
  for (const m of modes) console.log(`  ${m.padEnd(11)} ${med[m].toFixed(0).padStart(6)} ms`);
  const { lines, ok } = verdict([
    { name: "program / floor", ratio: ratio("program", "floor"), goal: 1.2 },
    { name: "whole plan / (floor + one-rule pack)", ratio: ratio("whole", "floor-pack"), goal: 1.3 },
  ]);
  for (const l of lines) console.log(l);
  return ok ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error(`bench: ${(e as Error).message}`);
    process.exitCode = 1;
  },
);
