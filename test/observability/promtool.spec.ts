// The HA alerts under Prometheus' own tooling: every regional stack's rule groups pass `promtool check
// rules`, and `promtool test rules` replays a healthy region, a zone loss and one failure per alert
// against them, with the series kube-state-metrics and the exporters would expose for that stack.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { observabilitySection } from "../../components/core/config/sections/observability";
import { ALERT_NAMES } from "../../components/k8s/observability/alerts";
import { plan } from "../../tools/plan/run";
import { plannedStack } from "../support/plans";
import { bundledStacks, loadStackFile, STACKS_DIR } from "../../tools/plan/stack-file";
import { stackModel, StackModel } from "./promtool/model";
import { DR_ALERTS } from "./promtool/dr";
import { findPromtool, runPromtool } from "./promtool/promtool";
import { alertRules, promtoolTests, Scenario, Thresholds, ZONE_LOSS_TOLERATED } from "./promtool/scenarios";

interface Prepared {
  model: StackModel;
  ruleFile: string;
  /** Test files; empty when an earlier stack has the very same rule file (the replay would be the same). */
  testFiles: string[];
  scenarios: Scenario[];
}

/** A bundled stack with the optional bundled stores on, so their alerts are tested too (its other alerts equal the base's). */
const STORES_VARIANT = { base: "eks-us-east-1", name: "eks-us-east-1-stores", platform: { etcd: { enabled: true }, nats: { enabled: true } }, alerts: ["DynamoEtcdNoLeader", "DynamoNatsJetStreamUnavailable"] };

function regionalStacks(): string[] {
  return bundledStacks().filter((s) => loadStackFile(s).config["dynamo-ha:kind"] === undefined);
}

function thresholds(config: Readonly<Record<string, string>>): Thresholds {
  const raw = config["dynamo-ha:observability"];
  const o = observabilitySection.parse(raw === undefined ? undefined : JSON.parse(raw), "dynamo-ha:observability") as { errorRatioThreshold: number; ttftRegressionFactor: number; ttftFloorSeconds: number; gpuNodeLossThreshold: number };
  return { errorRatio: o.errorRatioThreshold, ttftRegressionFactor: o.ttftRegressionFactor, ttftFloorSeconds: o.ttftFloorSeconds, gpuNodeLoss: o.gpuNodeLossThreshold };
}

describe("HA alerts under promtool", function () {
  this.timeout(180000);
  const promtool = findPromtool();
  let dir = "";
  const prepared: Prepared[] = [];

  before(async function () {
    if (!promtool) {
      if (process.env.CI) throw new Error("promtool is not on PATH: CI must install Debian's `prometheus` package");
      console.log("    promtool not found (install Debian's `prometheus` package): skipping the promtool tests outside CI");
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dynamo-ha-promtool-"));
    // The stores variant lives next to copies of the bundled stack files (its DR peer is read from there).
    const stacksDir = path.join(dir, "stacks");
    fs.mkdirSync(stacksDir);
    for (const s of bundledStacks()) fs.copyFileSync(path.join(STACKS_DIR, `Pulumi.${s}.yaml`), path.join(stacksDir, `Pulumi.${s}.yaml`));
    const base = parse(fs.readFileSync(path.join(STACKS_DIR, `Pulumi.${STORES_VARIANT.base}.yaml`), "utf8")) as { config: Record<string, unknown> };
    base.config["dynamo-ha:platform"] = STORES_VARIANT.platform;
    fs.writeFileSync(path.join(stacksDir, `Pulumi.${STORES_VARIANT.name}.yaml`), stringify(base));

    for (const stack of [...regionalStacks(), STORES_VARIANT.name]) {
      // Bundled stacks come from the shared per-process plans; the variant is planned from the copies.
      const p = stack === STORES_VARIANT.name ? await plan(stack, { policy: false, stacksDir }) : await plannedStack(stack);
      const config = loadStackFile(stack, stacksDir).config;
      const model = stackModel(p, config);
      const ruleFile = `${stack}.rules.yaml`;
      const rules = stringify({ groups: model.groups });
      fs.writeFileSync(path.join(dir, ruleFile), rules);
      const t = promtoolTests(model, thresholds(config), ruleFile, stack === STORES_VARIANT.name ? STORES_VARIANT.alerts : undefined);
      const seen = prepared.some((x) => x.testFiles.length > 0 && fs.readFileSync(path.join(dir, x.ruleFile), "utf8") === rules);
      const testFiles = seen ? [] : t.docs.map((d) => `${stack}.${d.interval}m.test.yaml`);
      if (!seen) t.docs.forEach((d, i) => fs.writeFileSync(path.join(dir, testFiles[i]), stringify(d.doc, { lineWidth: 0 })));
      prepared.push({ model, ruleFile, testFiles, scenarios: t.scenarios });
    }
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("plans every regional stack and the stores variant", () => {
    assert.deepStrictEqual(prepared.map((x) => x.model.stack).sort(), [...regionalStacks(), STORES_VARIANT.name].sort());
    assert.ok(prepared.length >= 3);
  });

  it("promtool check rules accepts every stack's rule groups", async () => {
    const r = await runPromtool(promtool!, ["check", "rules", ...prepared.map((x) => x.ruleFile)], dir);
    assert.strictEqual(r.code, 0, r.output);
    for (const x of prepared) assert.match(r.output, new RegExp(`Checking ${x.ruleFile.replace(/\./g, "\\.")}\\s+SUCCESS`));
  });

  it("every HA alert fires after its `for`, stays silent when healthy, and on a tolerated zone loss", () => {
    const covered = new Set<string>();
    for (const { model, scenarios } of prepared) {
      const byName = (n: string) => scenarios.find((s) => s.name === n || s.name.startsWith(n));
      // The DR replication alerts (aks-eastus2 replicates to aks-westus3) are replayed in promtool-dr.spec.ts.
      let alerts = [...new Set(alertRules(model).map((r) => r.alert!))].filter((a) => !(DR_ALERTS as readonly string[]).includes(a));
      if (model.stack === STORES_VARIANT.name) {
        // Replayed for the store alerts only: every other rule must be the base stack's, already replayed.
        const base = prepared.find((x) => x.model.stack === STORES_VARIANT.base)!.model;
        const others = (m: StackModel) => alertRules(m).filter((r) => !STORES_VARIANT.alerts.includes(r.alert!));
        assert.deepStrictEqual(others(model), others(base));
        alerts = STORES_VARIANT.alerts;
      }
      for (const alert of alerts) {
        covered.add(alert);
        const fires = scenarios.some((s) => s.checks.some((c) => c.alert === alert && c.firing.length > 0));
        assert.ok(fires, `${model.stack}: no scenario makes ${alert} fire`);
        assert.ok(byName("healthy")!.checks.some((c) => c.alert === alert && c.firing.length === 0), `${model.stack}: ${alert} not checked silent when healthy`);
        if ((ZONE_LOSS_TOLERATED as readonly string[]).includes(alert)) {
          assert.ok(byName("zone ")!.checks.some((c) => c.alert === alert && c.firing.length === 0), `${model.stack}: ${alert} not checked silent on a zone loss`);
          assert.ok(!byName("zone ")!.checks.some((c) => c.alert === alert && c.firing.length > 0));
        }
      }
    }
    // The DR replication alerts are replayed in promtool-dr.spec.ts.
    assert.deepStrictEqual([...covered].sort(), ALERT_NAMES.filter((a) => !(DR_ALERTS as readonly string[]).includes(a)).sort());
  });

  it("promtool test rules passes every scenario (once per distinct rule file)", async () => {
    const files = prepared.flatMap((x) => x.testFiles);
    assert.ok(files.length >= 2);
    // One promtool per file, two at a time: the day-long file and the rest take about as long.
    const runs: { file: string; code: number; output: string }[] = [];
    const queue = [...files];
    await Promise.all(
      [0, 1].map(async () => {
        for (let f = queue.shift(); f !== undefined; f = queue.shift()) runs.push({ file: f, ...(await runPromtool(promtool!, ["test", "rules", f], dir)) });
      }),
    );
    const failed = runs.filter((r) => r.code !== 0);
    assert.deepStrictEqual(failed.map((r) => r.file), [], failed.map((r) => r.output).join("\n").slice(0, 20000));
  });

  it("the replay catches a rule that fires too early (the tests can fail)", async () => {
    // The stack's frontend alert with `for` shortened by a minute must fail its own test.
    const x = prepared[0];
    const groups = x.model.groups.map((g) => ({ ...g, rules: g.rules.map((r) => (r.alert === "DynamoFrontendNoReadyReplica" ? { ...r, for: "1m" } : r)) }));
    fs.writeFileSync(path.join(dir, "broken.rules.yaml"), stringify({ groups }));
    const test = parse(fs.readFileSync(path.join(dir, x.testFiles.find((f) => f.endsWith(".1m.test.yaml"))!), "utf8")) as { rule_files: string[]; tests: { name: string }[] };
    test.rule_files = ["broken.rules.yaml"];
    test.tests = test.tests.filter((t) => t.name.endsWith("every frontend unready"));
    assert.strictEqual(test.tests.length, 1);
    fs.writeFileSync(path.join(dir, "broken.test.yaml"), stringify(test, { lineWidth: 0 }));
    const r = await runPromtool(promtool!, ["test", "rules", "broken.test.yaml"], dir);
    assert.notStrictEqual(r.code, 0, r.output);
    assert.match(r.output, /DynamoFrontendNoReadyReplica/);
  });
});
