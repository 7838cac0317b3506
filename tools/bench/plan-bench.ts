// `npm run bench`: the cost of planning the largest bundled stack against an empty program under the
// same mocks (goal: ratio ≤ 1.5 — the program's own work should be small next to the SDK's).
import { performance } from "perf_hooks";
import { plan } from "../plan/run";
import { bundledStacks, loadStackFile } from "../plan/stack-file";

async function time(fn: () => Promise<unknown>, runs: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

async function main(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const stacks = bundledStacks().map((s) => ({ s, size: Object.keys(loadStackFile(s).config).length }));
  // Largest = most resources; plan each once to find it.
  let largest = { stack: "", resources: -1 };
  for (const { s } of stacks) {
    try {
      const p = await plan(s, { policy: false });
      if (p.resources.length > largest.resources) largest = { stack: s, resources: p.resources.length };
    } catch {
      // a stack that does not plan is not a benchmark subject
    }
  }
  if (!largest.stack) throw new Error("no bundled stack plans");
  const empty = await time(() => plan(largest.stack, { policy: false, program: () => ({}) }), runs);
  const full = await time(() => plan(largest.stack, { policy: false }), runs);
  console.log(`stack ${largest.stack}: ${largest.resources} resources`);
  console.log(`empty program: ${empty.toFixed(1)} ms (median of ${runs})`);
  console.log(`full program:  ${full.toFixed(1)} ms (median of ${runs})`);
  console.log(`ratio: ${(full / empty).toFixed(2)} (goal ≤ 1.5)`);
}

main().catch((e) => {
  console.error(`bench: ${(e as Error).message}`);
  process.exit(1);
});
