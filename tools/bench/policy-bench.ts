// `npm run bench:policy`: time 1,000 and 10,000 random resources through the pack over the analyzer
// protocol (Analyze per resource + one AnalyzeStack), with the pack started once by the SDK's launcher.
// Goals on a 2-core machine: 10,000 resources within 10 s, and a 10k/1k ratio of at most 12 (linear).
import { performance } from "perf_hooks";
import { randomRecords } from "../../test/policy/records";
import { AnalyzerSession } from "../plan/analyzer/session";
import { analyzeWithPack } from "../plan/policy";

async function main(): Promise<void> {
  const t0 = performance.now();
  const session = await AnalyzerSession.start({ project: "dynamo-ha", stack: "bench" });
  process.stdout.write(`pack startup (launcher, type-checked): ${((performance.now() - t0) / 1000).toFixed(2)} s\n`);
  try {
    const o = { env: "prod", project: "dynamo-ha", stack: "bench" };
    await analyzeWithPack(session, randomRecords(1, 200), o); // warm-up: JIT and the gRPC channel
    const time = async (n: number) => {
      const records = randomRecords(42, n);
      const t = performance.now();
      const { diagnostics } = await analyzeWithPack(session, records, o);
      const s = (performance.now() - t) / 1000;
      process.stdout.write(`${n.toLocaleString("en-US")} resources: ${s.toFixed(2)} s (${diagnostics.length} diagnostics)\n`);
      return s;
    };
    const one = await time(1_000);
    const ten = await time(10_000);
    process.stdout.write(`ratio 10,000 / 1,000: ${(ten / one).toFixed(2)} (goals: 10,000 within 10 s, ratio <= 12)\n`);
  } finally {
    await session.close();
  }
}

main().catch((e) => {
  process.stderr.write(`bench:policy: ${(e as Error).message}\n`);
  process.exit(1);
});
