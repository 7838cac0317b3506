// `npm run bench:policy`: the project's pack against a compiled one-rule pack over the same random
// resources (Analyze per resource + one AnalyzeStack, over the analyzer protocol, each pack started once
// by the SDK's launcher), in paired runs. Goals: ours / one-rule at 10,000 resources ≤ 1.5 (what the
// policies cost beyond the protocol), and ours 10,000 / 1,000 ≤ 12 (linear). Exits 1 on a miss.
import "../compile-cache";
import * as path from "path";
import { performance } from "perf_hooks";
import { PROJECT_ROOT } from "../../stacks/project-root";
import { randomRecords } from "../../test/policy/records";
import { AnalyzerSession } from "../plan/analyzer/session";
import { analyzeWithPack } from "../plan/policy";
import { writeOneRulePack } from "./floor";
import { verdict } from "./goals";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<number> {
  const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
  const oneRuleDir = writeOneRulePack(path.join(PROJECT_ROOT, "dist", "bench", "one-rule-pack"));
  const ours = await AnalyzerSession.start({ project: "dynamo-ha", stack: "bench" });
  const floor = await AnalyzerSession.start({ project: "dynamo-ha", stack: "bench", packDir: oneRuleDir });
  try {
    const o = { env: "prod", project: "dynamo-ha", stack: "bench" };
    let stackSeconds = 0;
    let analyzerErrors = 0;
    const time = async (s: AnalyzerSession, packDir: string | undefined, n: number) => {
      const records = randomRecords(42, n);
      const t = performance.now();
      const { diagnostics } = await analyzeWithPack(s, records, { ...o, packDir });
      const seconds = (performance.now() - t) / 1000;
      if (s === ours && n === 10_000) {
        stackSeconds = Math.max(stackSeconds, s.lastAnalyzeStackMs / 1000);
        // A policy that throws fails the call (analyzeWithPack rejects); one that reads an unknown value
        // unguarded is reported by the library as "can't run policy … during preview".
        analyzerErrors += diagnostics.filter((d) => /can't run policy/.test(d.message)).length;
      }
      return seconds;
    };
    // Warm-up: JIT and the gRPC channels, both sides alike.
    await time(ours, undefined, 500);
    await time(floor, oneRuleDir, 500);
    const t: Record<string, number[]> = { ours1k: [], ours10k: [], floor10k: [] };
    for (let i = 0; i < runs; i++) {
      t.ours1k.push(await time(ours, undefined, 1_000));
      t.ours10k.push(await time(ours, undefined, 10_000));
      t.floor10k.push(await time(floor, oneRuleDir, 10_000));
    }
    const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)]));
    console.log(`median of ${runs} paired runs: ours 1,000: ${m.ours1k.toFixed(2)} s; ours 10,000: ${m.ours10k.toFixed(2)} s; one-rule 10,000: ${m.floor10k.toFixed(2)} s`);
    const { lines, ok } = verdict([
      { name: "ours / one-rule pack (10,000 resources)", ratio: m.ours10k / m.floor10k, goal: 1.5 },
      { name: "ours 10,000 / 1,000", ratio: m.ours10k / m.ours1k, goal: 12 },
    ]);
    for (const l of lines) console.log(l);
    console.log(`AnalyzeStack over 10,000 resources: ${stackSeconds.toFixed(2)} s at worst (goal ≤ 2 s) ${stackSeconds <= 2 ? "ok" : "MISSED"}`);
    console.log(`policy runs that failed over 10,000 adversarial resources: ${analyzerErrors} ${analyzerErrors === 0 ? "ok" : "MISSED"}`);
    return ok && stackSeconds <= 2 && analyzerErrors === 0 ? 0 : 1;
  } finally {
    await ours.close();
    await floor.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error(`bench:policy: ${(e as Error).message}`);
    process.exitCode = 1;
  },
);
