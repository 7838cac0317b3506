// The promtool test files of one stack. promtool evaluates every rule of a test file's rule files at
// every step of every test, so scenarios are grouped by the alerts they check, and each group is
// replayed against just those alerts' rules, copied verbatim from the stack's groups: a scenario that
// checks one alert does not pay for the other twelve.
import { AlertRule } from "../../../components/k8s/observability/alerts";
import { GroupDoc, StackModel } from "./model";
import { alertRules, Check, Scenario, scenarios, Thresholds } from "./scenarios";
import { renderTemplate } from "./templates";
import { Timeline } from "./timeline";
import { World } from "./world";

export interface TestFile {
  /** Minutes between scrapes and rule evaluations. */
  readonly interval: number;
  /** The alerts its scenarios check, in rule order. */
  readonly alerts: readonly string[];
  /** The stack's rule groups with only those alerts' rules. */
  readonly groups: readonly GroupDoc[];
  /** promtool `tests` entries, one per scenario, named `<stack>: <scenario>`. */
  readonly tests: readonly object[];
}

/**
 * The groups with only the rules of these alerts. An alert evaluated without the other rules behaves
 * as in the whole file only while no rule reads another's output (recording rules, `ALERTS`).
 */
export function ruleSubset(groups: readonly GroupDoc[], alerts: readonly string[]): GroupDoc[] {
  for (const r of groups.flatMap((g) => g.rules)) {
    if (r.alert === undefined || /\bALERTS(_FOR_STATE)?\b/.test(r.expr)) throw new Error(`rule ${r.alert ?? r.record}: a recording rule or a rule reading ALERTS ties the alerts together; replay the whole rule file`);
  }
  return groups.map((g) => ({ ...g, rules: g.rules.filter((r) => alerts.includes(r.alert!)) })).filter((g) => g.rules.length > 0);
}

interface AlertTest {
  eval_time: string;
  alertname: string;
  exp_alerts: { exp_labels: Record<string, string>; exp_annotations: Record<string, string> }[];
}

function expected(m: StackModel, c: Check): AlertTest["exp_alerts"] {
  const rules = alertRules(m).filter((r) => r.alert === c.alert) as unknown as AlertRule[];
  return c.firing.map((f) => {
    const matching = rules.filter((r) => Object.entries(f.rule ?? {}).every(([k, v]) => r.labels[k] === v));
    if (matching.length !== 1) throw new Error(`${m.stack}: ${c.alert} with rule labels ${JSON.stringify(f.rule ?? {})} matches ${matching.length} rules`);
    const r = matching[0];
    const result = f.result ?? {};
    const annotations = Object.fromEntries(Object.entries(r.annotations).map(([k, v]) => [k, renderTemplate(v, result, f.value)]));
    return { exp_labels: { ...result, ...r.labels }, exp_annotations: annotations };
  });
}

/** One scenario as a promtool test: the world scraped every `interval` minutes, the checks at their minutes. */
function testGroup(m: StackModel, s: Scenario): object {
  const { interval } = s;
  for (const c of s.checks) {
    if (c.minute >= s.minutes || c.minute % interval !== 0) throw new Error(`${s.name}: check at minute ${c.minute} is past the end (${s.minutes}) or off the ${interval}-minute grid`);
  }
  const w = new World(m);
  const tl = new Timeline();
  for (let minute = 0; minute < s.minutes; minute += interval) {
    for (let k = 0; k < interval; k++) s.step(minute + k, w);
    tl.add(minute / interval, w.samples(minute, interval));
  }
  return {
    name: `${m.stack}: ${s.name}`,
    interval: `${interval}m`,
    input_series: tl.inputSeries(),
    alert_rule_test: s.checks.map((c) => ({ eval_time: `${c.minute}m`, alertname: c.alert, exp_alerts: expected(m, c) })),
  };
}

/**
 * The stack's scenarios to replay. `only`: just the scenarios, and in them the checks, of these alerts
 * (the stack's other rules are proven on a stack with identical ones).
 */
export function replayedScenarios(m: StackModel, t: Thresholds, only?: readonly string[]): Scenario[] {
  return scenarios(m, t)
    .filter((s) => !only || s.checks.some((c) => only.includes(c.alert)))
    .map((s) => (only ? { ...s, checks: s.checks.filter((c) => only.includes(c.alert)) } : s));
}

/** The scenarios as promtool test files, one per scrape interval and set of checked alerts. */
export function promtoolTests(m: StackModel, list: readonly Scenario[]): TestFile[] {
  const ruleOrder = [...new Set(alertRules(m).map((r) => r.alert!))];
  const files = new Map<string, TestFile & { tests: object[] }>();
  for (const s of list) {
    const alerts = ruleOrder.filter((a) => s.checks.some((c) => c.alert === a));
    const key = `${s.interval}m ${alerts.join(",")}`;
    const file = files.get(key) ?? { interval: s.interval, alerts, groups: ruleSubset(m.groups, alerts), tests: [] };
    file.tests.push(testGroup(m, s));
    files.set(key, file);
  }
  return [...files.values()];
}
