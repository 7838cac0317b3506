// One policy pack process for the whole test run: starting the pack through the SDK's launcher costs a
// second or more, and the pack is stateless between Configure calls. Stopped by the root hook below.
// First: every module this worker loads after it is compiled once per machine, not once per process.
// The SDK and the pack client load on first use: mocha's main process loads this file too, for its root
// hooks only, and the workers start after it.
import "../../tools/compile-cache";
import type { AnalyzerSession } from "../../tools/plan/analyzer/session";
import type { Plan } from "../../tools/plan/run";
import { plannedStack } from "./plans";
import { teardown } from "./teardown";

let session: Promise<AnalyzerSession> | undefined;

export function sharedPack(): Promise<AnalyzerSession> {
  if (!session) {
    session = import("../../tools/plan/analyzer/session").then(async ({ AnalyzerSession }) => {
      const s = await AnalyzerSession.start({ project: "dynamo-ha", stack: "fixture" });
      // A parallel worker keeps its pack across files and ends it as the worker exits ('exit' runs
      // synchronous code only).
      process.once("exit", () => s.terminate());
      return s;
    });
  }
  return session;
}

// A parallel worker starts its pack as it starts: nearly every worker needs one, and the launcher's
// second or two then overlaps the worker's first files (the first run their clocks: verify, promtool).
if (process.env.MOCHA_WORKER_ID !== undefined) sharedPack().catch(() => undefined);

/**
 * Mocha root hooks (loaded through the `require` of .mocharc.mjs). In a serial run, stop the shared pack after the
 * last test; in a parallel worker root hooks run per file, so the pack stays until the worker exits.
 */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    if (process.env.MOCHA_WORKER_ID !== undefined) return;
    const s = session;
    session = undefined;
    if (s) await (await s).close();
    await teardown();
  },
};

/** A plan made without the pack, given the shared pack's verdict as `npm run plan` gives it. */
export async function withSharedPack(p: Plan): Promise<Plan> {
  const { analyzeWithPack } = await import("../../tools/plan/policy");
  const env = typeof p.outputs.env === "string" ? p.outputs.env : "prod";
  const { pack, diagnostics } = await analyzeWithPack(await sharedPack(), p.resources, { env, project: p.project, stack: p.stack });
  return { ...p, policy: { pack, ran: true, diagnostics } };
}

/** A bundled stack's plan with the pack's verdict, as `npm run plan` makes it, from the shared plan and pack. */
export async function plannedWithPolicy(stack: string): Promise<Plan> {
  return withSharedPack(await plannedStack(stack));
}
