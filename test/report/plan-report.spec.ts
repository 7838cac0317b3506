// The report of every bundled stack, end to end: `npm run plan -- --json` and `npm run report` run as
// the user runs them, the page opened in Chromium, its figures compared with the plan's JSON.
// Regional stacks need the EKS/AKS/Kubernetes layers; the global stack needs the DR layer.
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Browser } from "playwright-core";
import { ResourceRecord } from "../../tools/plan/records";
import { coverage } from "../../tools/report/coverage";
import { launch, readReport } from "./browser";

const root = path.join(__dirname, "..", "..");
const stacks = fs
  .readdirSync(path.join(root, "stacks"))
  .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
  .filter((s): s is string => s !== undefined)
  .sort();

/** Runs `npm run <script> -- args` with stdout redirected to a file, as `> plan.json` would. */
function npmScript(script: string, args: string[], stdoutFile: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const out = fs.openSync(stdoutFile, "w");
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", `tools/${script}/cli.ts`, ...args], {
    cwd: root,
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
    stdio: ["ignore", out, "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  return new Promise((resolve) =>
    child.on("close", (code) => {
      fs.closeSync(out);
      resolve({ code, stdout: fs.readFileSync(stdoutFile, "utf8"), stderr });
    }),
  );
}

describe("report of every bundled stack in Chromium (figures = plan --json)", function () {
  this.timeout(300_000);
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  for (const stack of stacks) {
    it(stack, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-"));
      const file = path.join(dir, `${stack}.html`);
      // Two independent runs, as a user would make them; concurrently, to halve the wall time.
      const [planRun, rep] = await Promise.all([
        npmScript("plan", ["--stack", stack, "--json"], path.join(dir, "plan.json")),
        npmScript("report", ["--stack", stack, "--out", file], path.join(dir, "report.out")),
      ]);
      assert.ok(planRun.code === 0 || planRun.code === 2, `plan --json exited ${planRun.code}: ${planRun.stderr}`);
      assert.strictEqual(rep.code, 0, rep.stderr);
      const json = JSON.parse(planRun.stdout) as { capacity: unknown; outputs: { failover?: { detectionSeconds: number; boundSeconds: number } }; resources: ResourceRecord[] };
      const f = await readReport(browser, file, `report-${stack}.png`);
      assert.deepStrictEqual(f.capacity, json.capacity);
      const fo = json.outputs.failover;
      assert.deepStrictEqual(f.failover, fo ? { detection: fo.detectionSeconds, bound: fo.boundSeconds } : null);
      // --json records lack `custom`; every Kubernetes object in them is a custom resource.
      assert.strictEqual(f.coverageRows, coverage(json.resources.map((r) => ({ ...r, custom: true, ignoreChanges: [] }))).length);
      assert.deepStrictEqual(f.requests, [`file://${file}`]);
    });
  }
});
