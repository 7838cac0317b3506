// The report of every bundled stack: the page opened in Chromium, its figures compared with the plan's
// --json document. Regional stacks need the EKS/AKS/Kubernetes layers; the global stack needs the DR
// layer. One stack goes through `npm run report` as a user runs it; every stack goes through the
// functions the commands call, with the shared plan and pack.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Browser } from "playwright-core";
import { ResourceRecord } from "../../tools/plan/records";
import { planJson } from "../../tools/plan/run";
import { renderReport } from "../../tools/report/html";
import { reportModel } from "../../tools/report/model";
import { plannedWithPolicy } from "../support/pack";
import { plannedStack } from "../support/plans";
import { drViewOf } from "../../tools/report/dr";
import { DrView } from "../../components/core/dr-estimate";
import { coverage } from "../../tools/report/coverage";
import { readReport, sharedBrowser } from "./browser";
import { PROJECT_ROOT } from "../../stacks/project-root";
import { tempDir } from "../support/temp";
import { Exit, runScript } from "../support/child";

const root = PROJECT_ROOT;
const E2E_STACK = "eks-us-east-1";
const stacks = fs
  .readdirSync(path.join(root, "stacks"))
  .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
  .filter((s): s is string => s !== undefined)
  .sort();

/** Runs `npm run <script> -- args` with stdout redirected to a file, as `> plan.json` would. */
async function npmScript(script: string, args: string[], stdoutFile: string): Promise<Exit> {
  const out = fs.openSync(stdoutFile, "w");
  try {
    const r = await runScript(`dist/tools/${script}/cli.js`, args, { stdoutFd: out });
    return { ...r, stdout: fs.readFileSync(stdoutFile, "utf8") };
  } finally {
    fs.closeSync(out);
  }
}

describe("report of every bundled stack in Chromium (figures = plan --json)", function () {
  this.timeout(300_000);
  let browser: Browser;
  // End to end once, as a user runs it: the report command in its own process, its page checked against
  // the --json document of the same plan (the plan command's own end-to-end run is in test/plan/cli.spec).
  // It starts with the file and is judged after the in-process stacks, so the two overlap.
  let e2e: Promise<{ file: string; rep: Exit }>;
  before(async () => {
    const dir = tempDir("report-");
    const file = path.join(dir, `${E2E_STACK}.html`);
    e2e = npmScript("report", ["--stack", E2E_STACK, "--out", file], path.join(dir, "report.out")).then((rep) => ({ file, rep }));
    browser = await sharedBrowser();
  });
  after(async () => {
    await e2e?.catch(() => undefined);
  });

  /** The page's figures against the `--json` document of the same plan. */
  async function check(stack: string, file: string, planJsonText: string, dr: DrView | null = null): Promise<void> {
    const json = JSON.parse(planJsonText) as { capacity: unknown; outputs: { failover?: { detectionSeconds: number; boundSeconds: number } }; resources: ResourceRecord[] };
    // No screenshot: the page spec renders one; here only the figures are read.
    const f = await readReport(browser, file);
    assert.deepStrictEqual(f.capacity, json.capacity);
    const fo = json.outputs.failover;
    assert.deepStrictEqual(f.failover, fo ? { detection: fo.detectionSeconds, bound: fo.boundSeconds } : null);
    // --json records lack `custom`; every Kubernetes object in them is a custom resource.
    assert.strictEqual(f.coverageRows, coverage(json.resources.map((r) => ({ ...r, custom: true, ignoreChanges: [] }))).length);
    assert.deepStrictEqual(f.requests, [`file://${file}`]);
    assert.deepStrictEqual(f.axisLabels, json.capacity ? ["GPUs", "zone"] : null);
    // The joined DR figures are what the pure functions compute from the regional plans.
    assert.deepStrictEqual(
      f.dr,
      dr && {
        regions: dr.regions.map((r) => ({ stack: r.stack, requiredGpus: r.requiredGpus, guaranteedGpus: r.guaranteedGpus, maxGpus: r.maxGpus, rpoKind: r.rpo.kind, rpoSlaSeconds: r.rpo.slaSeconds })),
        losses: dr.losses.map((l) => ({ lost: l.lost, loadGpus: l.loadGpus, survivorGpus: l.guaranteedGpus, carries: l.carries, rtoSeconds: l.rtoSeconds })),
        rtoGoal: dr.rtoGoalSeconds,
        detectionBound: dr.detectionBoundSeconds,
      },
    );
  }

  // Every bundled stack through the same functions the two commands call, in this process.
  for (const stack of stacks) {
    it(stack, async () => {
      const p = await plannedWithPolicy(stack);
      const file = path.join(tempDir("report-"), `${stack}.html`);
      const dr = await drViewOf(p, plannedStack);
      fs.writeFileSync(file, renderReport(reportModel(p, dr)));
      await check(stack, file, JSON.stringify(planJson(p)), dr?.view ?? null);
      if (stack === "dr-global") {
        // The bundled DR set: both EKS regions joined, figures straight from their plans' capacity reports.
        assert.deepStrictEqual(dr!.missing, []);
        const regions = await Promise.all(["eks-us-east-1", "eks-us-west-2"].map(plannedStack));
        assert.deepStrictEqual(dr!.view.regions.map((r) => [r.stack, r.requiredGpus, r.withoutZone]), regions.map((r) => [r.stack, r.capacity!.requiredGpus, r.capacity!.withoutZone]));
        assert.deepStrictEqual(dr!.view.regions.map((r) => r.rpo.kind), ["s3", "none"]);
      }
    });
  }

  it(`${E2E_STACK} through the real command (report --out)`, async () => {
    const { file, rep } = await e2e;
    assert.strictEqual(rep.code, 0, rep.stderr);
    await check(E2E_STACK, file, JSON.stringify(planJson(await plannedWithPolicy(E2E_STACK))));
  });
});
