import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { UsageError } from "../../tools/cli/command";
import { parseReportArgs, reportFile } from "../../tools/report/cli";
import { tempDir } from "../support/temp";
import { runScript } from "../support/child";

describe("npm run report (CLI)", function () {
  this.timeout(120_000);

  it("defaults to the stated stack and report.html; bad flags are one-line usage errors", () => {
    assert.deepStrictEqual(parseReportArgs([]), { stack: "eks-us-east-1", out: "report.html" });
    assert.deepStrictEqual(parseReportArgs(["-s", "aks-eastus2", "--out=a.html"]), { stack: "aks-eastus2", out: "a.html" });
    assert.throws(() => parseReportArgs(["--out"]), (e: Error) => e instanceof UsageError && e.message === "--out: needs a value");
    assert.throws(() => parseReportArgs(["--json"]), (e: Error) => e instanceof UsageError && e.message === "--json: unknown flag (see --help)");
  });

  it("an unknown stack exits 1 with one line and writes no file", async () => {
    const out = path.join(tempDir("report-"), "r.html");
    const r = await runScript("dist/tools/report/cli.js", ["--stack", "no-such-stack", "--out", out]);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.strictEqual(r.stderr.trim().split("\n").length, 1);
    assert.match(r.stderr, /^report: --stack: unknown stack "no-such-stack"/);
    assert.ok(!fs.existsSync(out));
  });

  it("--out naming a directory writes report.html inside it; a missing directory is one line before any plan", async () => {
    const dir = tempDir("report-");
    assert.strictEqual(reportFile(dir), path.join(dir, "report.html"));
    assert.strictEqual(reportFile(path.join(dir, "x.html")), path.join(dir, "x.html"));
    const missing = path.join(dir, "no-such-dir", "r.html");
    const r = await runScript("dist/tools/report/cli.js", ["--out", missing]);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.strictEqual(r.stderr, `report: --out: the directory of ${JSON.stringify(missing)} does not exist\n`);
  });
});
