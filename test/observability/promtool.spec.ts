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
import { findPromtool, Run, runPromtool } from "./promtool/promtool";
import { alertRules, Scenario, Thresholds, ZONE_LOSS_TOLERATED } from "./promtool/scenarios";
import { promtoolTests, replayedScenarios, ruleSubset, TestFile } from "./promtool/test-files";

interface Prepared {
  model: StackModel;
  ruleFile: string;
  /** The rules this file replays (all but the DR replication alerts'), as YAML. */
  rules: string;
  /** The earlier stack with the very same replayed rules, whose replay stands for this one's (it would be the same). */
  sameRulesAs?: string;
  /** Test files by name; empty when `sameRulesAs` is set. */
  testFiles: Map<string, TestFile>;
  scenarios: Scenario[];
  /** `promtool test rules` over the test files, started as soon as they are written. */
  replay?: Promise<Run>;
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

/** The failed checks promtool reports (`name: <stack>: <scenario>, alertname: A, time: T`), one per line. */
function failedChecks(output: string): string {
  return [...output.matchAll(/name: (.*),\n\s*alertname: (\w+), time: ([^,]+),/g)].map((m) => `${m[1]}: ${m[2]} at ${m[3]}`).join("\n");
}

/** The rules this file replays: all but the DR replication alerts' (promtool-dr.spec.ts replays those). */
function replayedRules(m: StackModel): string {
  const alerts = alertRules(m).map((r) => r.alert!).filter((a) => !(DR_ALERTS as readonly string[]).includes(a));
  return stringify({ groups: ruleSubset(m.groups, alerts) });
}

/** `s` as a regular expression matching itself. */
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("HA alerts under promtool", function () {
  this.timeout(180000);
  const promtool = findPromtool();
  const stacks = [...regionalStacks(), STORES_VARIANT.name];
  let dir = "";
  const prepared = new Map<string, Prepared>();
  let broken: Promise<Run> | undefined;
  /** One `promtool check rules` over every stack's rule file. */
  let check: Promise<Run> | undefined;

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

    // Each stack's promtool runs start once its files are written, while the next stack is planned.
    for (const stack of stacks) {
      // Bundled stacks come from the shared per-process plans; the variant is planned from the copies.
      const p = stack === STORES_VARIANT.name ? await plan(stack, { policy: false, stacksDir }) : await plannedStack(stack);
      const config = loadStackFile(stack, stacksDir).config;
      const model = stackModel(p, config);
      const ruleFile = `${stack}.rules.yaml`;
      fs.writeFileSync(path.join(dir, ruleFile), stringify({ groups: model.groups }));
      const scenarios = replayedScenarios(model, thresholds(config), stack === STORES_VARIANT.name ? STORES_VARIANT.alerts : undefined);
      const rules = replayedRules(model);
      const sameRulesAs = [...prepared.values()].find((x) => !x.sameRulesAs && x.rules === rules)?.model.stack;
      const testFiles = new Map<string, TestFile>();
      if (!sameRulesAs) {
        promtoolTests(model, scenarios).forEach((f, i) => {
          const name = `${stack}.${i}.test.yaml`;
          fs.writeFileSync(path.join(dir, `${stack}.${i}.rules.yaml`), stringify({ groups: f.groups }));
          fs.writeFileSync(path.join(dir, name), stringify({ rule_files: [`${stack}.${i}.rules.yaml`], evaluation_interval: `${f.interval}m`, tests: f.tests }, { lineWidth: 0 }));
          testFiles.set(name, f);
        });
      }
      const replay = testFiles.size > 0 ? runPromtool(promtool!, ["test", "rules", ...testFiles.keys()], dir) : undefined;
      prepared.set(stack, { model, ruleFile, rules, sameRulesAs, testFiles, scenarios, replay });
      if (!broken) broken = replayBroken(prepared.get(stack)!);
    }
    check = runPromtool(promtool!, ["check", "rules", ...[...prepared.values()].map((x) => x.ruleFile)], dir);
  });

  /** The stack's frontend alert with `for` shortened by a minute, replayed on its own failure: the test must fail. */
  function replayBroken(x: Prepared): Promise<Run> {
    const groups = x.model.groups.map((g) => ({ ...g, rules: g.rules.map((r) => (r.alert === "DynamoFrontendNoReadyReplica" ? { ...r, for: "1m" } : r)) }));
    fs.writeFileSync(path.join(dir, "broken.rules.yaml"), stringify({ groups: ruleSubset(groups, ["DynamoFrontendNoReadyReplica"]) }));
    const tests = [...x.testFiles.values()].filter((f) => f.interval === 1).flatMap((f) => f.tests as { name: string }[]).filter((t) => t.name.endsWith("every frontend unready"));
    assert.strictEqual(tests.length, 1);
    fs.writeFileSync(path.join(dir, "broken.test.yaml"), stringify({ rule_files: ["broken.rules.yaml"], evaluation_interval: "1m", tests }, { lineWidth: 0 }));
    return runPromtool(promtool!, ["test", "rules", "broken.test.yaml"], dir);
  }

  after(async () => {
    // Let running promtools finish before their files go.
    await Promise.all([...prepared.values()].map((x) => x.replay).concat(broken, check));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("plans every regional stack and the stores variant", () => {
    assert.deepStrictEqual([...prepared.keys()].sort(), [...stacks].sort());
    assert.ok(prepared.size >= 3);
  });

  for (const stack of stacks) {
    it(`${stack}: promtool check rules accepts its rule groups`, async () => {
      const x = prepared.get(stack)!;
      const r = (await check)!;
      // Each file gets `Checking <file>` and `SUCCESS: n rules found`, or its errors as `<file>: …` after FAILED.
      assert.ok(!r.output.split("\n").some((l) => l.startsWith(`${x.ruleFile}:`)), r.output);
      assert.match(r.output, new RegExp(`Checking ${literal(x.ruleFile)}\\n +SUCCESS: \\d+ rules found`), r.output);
    });
  }

  it("every HA alert fires after its `for`, stays silent when healthy, and on a tolerated zone loss", () => {
    const covered = new Set<string>();
    for (const { model, scenarios } of prepared.values()) {
      const byName = (n: string) => scenarios.find((s) => s.name === n || s.name.startsWith(n));
      // The DR replication alerts (aks-eastus2 replicates to aks-westus3) are replayed in promtool-dr.spec.ts.
      let alerts = [...new Set(alertRules(model).map((r) => r.alert!))].filter((a) => !(DR_ALERTS as readonly string[]).includes(a));
      if (model.stack === STORES_VARIANT.name) {
        // Replayed for the store alerts only: every other rule must be the base stack's, already replayed.
        const base = prepared.get(STORES_VARIANT.base)!.model;
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

  it("each test file checks exactly the alerts its rule file holds", () => {
    for (const x of prepared.values()) {
      for (const [name, f] of x.testFiles) {
        const checked = new Set((f.tests as { alert_rule_test: { alertname: string }[] }[]).flatMap((t) => t.alert_rule_test.map((c) => c.alertname)));
        assert.deepStrictEqual([...new Set(f.groups.flatMap((g) => g.rules.map((r) => r.alert!)))].sort(), [...checked].sort(), name);
      }
    }
  });

  for (const stack of stacks) {
    it(`${stack}: promtool test rules passes every scenario`, async () => {
      const x = prepared.get(stack)!;
      // A stack with the very same replayed rules as an earlier one passes through that one's replay.
      const replayed = x.sameRulesAs ? prepared.get(x.sameRulesAs)! : x;
      assert.strictEqual(x.rules, replayed.rules);
      assert.ok(replayed.replay && replayed.testFiles.size >= 2);
      const r = await replayed.replay!;
      assert.strictEqual(r.code, 0, `failed checks:\n${failedChecks(r.output)}\n\n${r.output.slice(0, 20000)}`);
      for (const f of replayed.testFiles.keys()) assert.match(r.output, new RegExp(`Unit Testing: +${literal(f)}\\n +SUCCESS`));
    });
  }

  it("the replay catches a rule that fires too early (the tests can fail)", async () => {
    const r = await broken!;
    assert.notStrictEqual(r.code, 0, r.output);
    assert.match(failedChecks(r.output), /every frontend unready: DynamoFrontendNoReadyReplica at /);
  });
});
