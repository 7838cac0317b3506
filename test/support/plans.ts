// Each bundled stack planned once per test run (no pack): a plan takes a second or two, and dozens of
// specs read the same records. Callers get their own deep copy, so a test that breaks a record to see a
// policy fire cannot leak into another test.
//
// In a parallel run the workers share the plans through the run's plan folder (.mocharc.mjs sets
// DYNAMO_HA_RUN_PLANS): the first worker to need a stack takes its lock file, plans it and writes the
// plan; another worker that needs it meanwhile waits for the file instead of planning it again. Without
// the folder (one spec run by hand), each process plans for itself.
// The SDK loads on first use (mocha's main process loads the support files for root hooks only).
import * as fs from "fs";
import * as path from "path";
import { setTimeout as sleep } from "timers/promises";
import type { Plan } from "../../tools/plan/run";

const cache = new Map<string, Promise<Plan>>();
/** How long a worker waits for another worker's plan of one stack. */
const WAIT_MS = 120_000;

const planHere = (stack: string): Promise<Plan> => import("../../tools/plan/run").then(({ plan }) => plan(stack, { policy: false }));

/** The plan of `stack` through the run's folder `dir`: planned here, or read from the worker that plans it. */
async function planShared(stack: string, dir: string): Promise<Plan> {
  const file = path.join(dir, `${stack}.json`);
  let mine = false;
  try {
    fs.closeSync(fs.openSync(`${file}.lock`, "wx"));
    mine = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  if (mine) {
    try {
      const text = JSON.stringify(await planHere(stack));
      fs.writeFileSync(`${file}.tmp`, text);
      fs.renameSync(`${file}.tmp`, file);
      // Every worker reads the same JSON document, the planning one included.
      return JSON.parse(text) as Plan;
    } catch (e) {
      fs.writeFileSync(`${file}.error`, String((e as Error).message ?? e));
      throw e;
    }
  }
  for (const end = Date.now() + WAIT_MS; Date.now() < end; await sleep(25)) {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as Plan;
    if (fs.existsSync(`${file}.error`)) throw new Error(`planning ${stack} failed in another worker: ${fs.readFileSync(`${file}.error`, "utf8")}`);
  }
  throw new Error(`planning ${stack}: no plan from the worker that took it within ${WAIT_MS / 1000} s`);
}

export async function plannedStack(stack: string): Promise<Plan> {
  let p = cache.get(stack);
  if (!p) {
    const dir = process.env.DYNAMO_HA_RUN_PLANS;
    p = dir ? planShared(stack, dir) : planHere(stack);
    cache.set(stack, p);
    // A failed plan is not cached here: the next caller sees the error afresh.
    p.catch(() => cache.delete(stack));
  }
  return structuredClone(await p);
}
