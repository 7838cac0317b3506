// Wrote test/package/fixtures/plans-before.json: the plan records of every bundled stack, taken
// before the package refactor (in that URN space). Re-baseline after an intended plan change with
// rebaseline.ts, which keeps the old URN space; this writer is kept for the fixture's path.
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../../stacks/project-root";
import { plan } from "../../tools/plan/run";
import { bundledStacks } from "../../tools/plan/stack-file";
import { planRecords } from "./plan-records";

export const PLANS_BEFORE = path.join(PROJECT_ROOT, "test", "package", "fixtures", "plans-before.json");

async function main(): Promise<void> {
  const out: Record<string, unknown> = {};
  for (const stack of bundledStacks()) out[stack] = planRecords(await plan(stack, { policy: false }));
  fs.writeFileSync(PLANS_BEFORE, `${JSON.stringify(out)}\n`);
}

if (require.main === module) void main();
