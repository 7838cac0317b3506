// Each bundled stack planned once per test run (no pack): a plan takes a second or two, and dozens of
// specs read the same records. Callers get their own deep copy, so a test that breaks a record to see a
// policy fire cannot leak into another test.
//
// In a parallel run the workers share the plans through the run's plan folder (.mocharc.mjs sets
// DYNAMO_HA_RUN_PLANS, new for every run): the first worker to need a stack plans it and writes it
// there; another that needs it meanwhile waits for the file instead of planning it again. Without the
// folder (one spec run by hand), each process plans for itself.
// The SDK loads on first use (mocha's main process loads the support files for root hooks only).
import * as path from "path";
import type { Plan } from "../../tools/plan/run";
import { builtOnce } from "./built-once";

const cache = new Map<string, Promise<Plan>>();

const planHere = (stack: string): Promise<Plan> => import("../../tools/plan/run").then(({ plan }) => plan(stack, { policy: false }));

export async function plannedStack(stack: string): Promise<Plan> {
  let p = cache.get(stack);
  if (!p) {
    const dir = process.env.DYNAMO_HA_RUN_PLANS;
    // Every worker reads the same JSON document, the planning one included.
    p = dir ? builtOnce(path.join(dir, `${stack}.json`), async () => JSON.stringify(await planHere(stack))).then((text) => JSON.parse(text) as Plan) : planHere(stack);
    cache.set(stack, p);
    // A failed plan is not cached: the next caller sees the error afresh.
    p.catch(() => cache.delete(stack));
  }
  return structuredClone(await p);
}
