// Each bundled stack planned once per test process (no pack): a plan takes a second or two, and dozens
// of specs read the same records. Callers get their own deep copy, so a test that breaks a record to
// see a policy fire cannot leak into another test.
// The SDK loads on first use (mocha's main process loads the support files for root hooks only).
import type { Plan } from "../../tools/plan/run";

const cache = new Map<string, Promise<Plan>>();

export async function plannedStack(stack: string): Promise<Plan> {
  let p = cache.get(stack);
  if (!p) {
    p = import("../../tools/plan/run").then(({ plan }) => plan(stack, { policy: false }));
    cache.set(stack, p);
    // A failed plan is not cached: the next caller sees the error afresh.
    p.catch(() => cache.delete(stack));
  }
  return structuredClone(await p);
}
