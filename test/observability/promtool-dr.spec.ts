// The DR replication alerts under promtool: the rule groups of an S3 (RTC) and an Azure replicating
// stack pass `promtool check rules`, and `promtool test rules` replays healthy and failing replication.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { buildRuleGroups } from "../../components/k8s/observability/alerts";
import { settingsVariants } from "./fixtures";
import { DR_ALERTS, drPromtoolTest } from "./promtool/dr";
import { findPromtool, Run, runPromtool } from "./promtool/promtool";

describe("DR replication alerts under promtool", function () {
  this.timeout(60000);
  const promtool = findPromtool();
  let dir = "";
  const files: string[] = [];
  // The three promtool runs start together in `before` and overlap.
  let check: Promise<Run>, test: Promise<Run>, broken: Promise<Run>;

  before(function () {
    if (!promtool) {
      if (process.env.CI) throw new Error("promtool is not on PATH: CI must install Debian's `prometheus` package");
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dynamo-ha-promtool-dr-"));
    for (const v of settingsVariants().filter((x) => x.s.replication)) {
      const r = v.s.replication!;
      const base: string = r.kind;
      const groups = buildRuleGroups(v.s);
      fs.writeFileSync(path.join(dir, `${base}.rules.yaml`), stringify({ groups }));
      fs.writeFileSync(path.join(dir, `${base}.test.yaml`), stringify(drPromtoolTest(groups, `${base}.rules.yaml`, r.source, r.source), { lineWidth: 0 }));
      files.push(base);
    }
    check = runPromtool(promtool!, ["check", "rules", ...files.map((f) => `${f}.rules.yaml`)], dir);
    test = runPromtool(promtool!, ["test", "rules", ...files.map((f) => `${f}.test.yaml`)], dir);

    // The S3 latency alert with a `for` of 5 minutes instead of 15 must fail its own replay.
    const s = settingsVariants().find((x) => x.s.replication?.kind === "s3")!.s;
    const groups = buildRuleGroups(s).map((g) => ({ ...g, rules: g.rules.map((r) => (r.alert === "S3ReplicationLatencyHigh" ? { ...r, for: "5m" } : r)) }));
    fs.writeFileSync(path.join(dir, "broken.rules.yaml"), stringify({ groups }));
    fs.writeFileSync(path.join(dir, "broken.test.yaml"), stringify(drPromtoolTest(groups, "broken.rules.yaml", s.replication!.source, ""), { lineWidth: 0 }));
    broken = runPromtool(promtool!, ["test", "rules", "broken.test.yaml"], dir);
  });

  after(async () => {
    // Let running promtools finish before their files go.
    await Promise.all([check, test, broken]);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("replays every DR alert (an S3 RTC stack and an Azure stack)", () => {
    assert.deepStrictEqual(files.sort(), ["azure", "s3"]);
    const tested = files.flatMap((f) => [...fs.readFileSync(path.join(dir, `${f}.test.yaml`), "utf8").matchAll(/alertname: (\w+)/g)].map((m) => m[1]));
    assert.deepStrictEqual([...new Set(tested)].sort(), [...DR_ALERTS].sort());
  });

  it("promtool check rules and test rules pass", async () => {
    const c = await check;
    assert.strictEqual(c.code, 0, c.output);
    const t = await test;
    assert.strictEqual(t.code, 0, t.output);
  });

  it("the replay catches a latency alert that fires too early (the tests can fail)", async () => {
    const r = await broken;
    assert.notStrictEqual(r.code, 0, r.output);
    assert.match(r.output, /S3ReplicationLatencyHigh/);
  });
});
