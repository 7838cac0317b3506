// `npm run bench`: a cold `plan` of the largest bundled stack against an empty program under the same
// mocks, each in a fresh process (module loading included, as a user sees it). Goal: ratio ≤ 1.5.
import { spawnSync } from "child_process";
import * as path from "path";
import { performance } from "perf_hooks";
import { bundledStacks } from "../plan/stack-file";

const root = path.join(__dirname, "..", "..");

function once(stack: string, which: "full" | "empty"): { ms: number; resources: number } {
  const t = performance.now();
  const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "tools/bench/plan-once.ts", stack, which], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
  });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`plan of ${stack} (${which}) failed: ${r.stderr.trim()}`);
  return { ms, resources: Number(r.stdout.trim()) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main(): void {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  let largest = { stack: "", resources: -1 };
  for (const s of bundledStacks()) {
    const { resources } = once(s, "full");
    if (resources > largest.resources) largest = { stack: s, resources };
  }
  const empty: number[] = [];
  const full: number[] = [];
  for (let i = 0; i < runs; i++) {
    empty.push(once(largest.stack, "empty").ms);
    full.push(once(largest.stack, "full").ms);
  }
  const e = median(empty);
  const f = median(full);
  console.log(`largest bundled stack: ${largest.stack} (${largest.resources} resources)`);
  console.log(`empty program: ${e.toFixed(0)} ms (median of ${runs} cold runs)`);
  console.log(`full program:  ${f.toFixed(0)} ms (median of ${runs} cold runs)`);
  console.log(`ratio: ${(f / e).toFixed(2)} (goal ≤ 1.5)`);
}

try {
  main();
} catch (e) {
  console.error(`bench: ${(e as Error).message}`);
  process.exit(1);
}
