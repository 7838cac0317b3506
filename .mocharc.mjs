// The suite's mocha settings. Two workers take the spec files in this order; a file's waits (load runs
// on a clock, child processes) only overlap the other worker's work while that worker has some, so
// the files that wait most or run longest go first and the run does not end on them. The load tests
// (verify/load) time requests against a clock in the worker itself, so they run early, before the
// heaviest files start. Then the rest, sorted as the glob would list them.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const FIRST = [
  "verify/cli",
  "observability/promtool",
  "verify/load",
  "policy/protocol",
  "report/plan-report",
  "verify/run",
  "plan/cli",
  "docs/docs",
  "deploy/pack-check",
  "report/page",
].map((f) => `dist/test/${f}.spec.js`);

function specs(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.posix.join(dir, e.name);
    return e.isDirectory() ? specs(p) : e.name.endsWith(".spec.js") ? [p] : [];
  });
}

// The run's plan folder: workers share one plan per bundled stack (test/support/plans.ts). New for
// every run, so no plan outlives the code that made it; removed when the run ends.
const plans = fs.mkdtempSync(path.join(os.tmpdir(), "dynamo-ha-run-plans-"));
process.env.DYNAMO_HA_RUN_PLANS = plans;
process.once("exit", () => fs.rmSync(plans, { recursive: true, force: true }));

const all = specs("dist/test").sort((a, b) => a.localeCompare(b, "en"));

export default {
  spec: [...FIRST.filter((f) => all.includes(f)), ...all.filter((f) => !FIRST.includes(f))],
  require: ["dist/test/support/pack.js"],
  reporter: "dist/test/support/reporter.js",
  parallel: true,
  jobs: 2,
  timeout: 60000,
};
