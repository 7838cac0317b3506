import * as assert from "assert";
import { buildRuleGroups } from "../../components/k8s/observability/alerts";
import { buildDashboards } from "../../components/k8s/observability/dashboards";
import { dashboardExprs } from "../../components/k8s/observability/dashboards/panel";
import { isCatalogued, METRICS, SOURCE_REFS } from "../../components/k8s/observability/metrics-catalog";
import { settingsVariants } from "./fixtures";
import { parsePromQL } from "./promql";

function allExprs(): { where: string; expr: string }[] {
  const out: { where: string; expr: string }[] = [];
  for (const { name, s } of settingsVariants()) {
    for (const g of buildRuleGroups(s)) for (const r of g.rules) out.push({ where: `${name}: alert ${r.alert}`, expr: r.expr });
    for (const d of buildDashboards(s)) for (const e of dashboardExprs(d)) out.push({ where: `${name}: dashboard ${d.uid}`, expr: e });
  }
  return out;
}

describe("observability PromQL", () => {
  it("the parser reports error nodes for broken PromQL (the check below can fail)", () => {
    assert.ok(parsePromQL("sum(rate(foo[5m])").errors.length > 0);
    assert.ok(parsePromQL('foo{a="b"} +').errors.length > 0);
    assert.deepStrictEqual(parsePromQL('sum by (x) (rate(foo_total{a="b"}[5m])) / on(x) group_left bar').metrics, ["foo_total", "bar"]);
  });

  it("every alert and panel expression parses with Prometheus' grammar", () => {
    const exprs = allExprs();
    assert.ok(exprs.length > 40);
    const bad = exprs.map((e) => ({ ...e, errors: parsePromQL(e.expr).errors })).filter((e) => e.errors.length > 0);
    assert.deepStrictEqual(bad, []);
  });

  it("every metric name in an expression is in the metrics catalog", () => {
    const missing = new Set<string>();
    const used = new Set<string>();
    for (const e of allExprs()) {
      for (const m of parsePromQL(e.expr).metrics) {
        used.add(m);
        if (!isCatalogued(m)) missing.add(`${m} (${e.where})`);
      }
    }
    assert.deepStrictEqual([...missing], []);
    // The catalog lists what is used; stale entries would claim a source for nothing.
    assert.deepStrictEqual(Object.keys(METRICS).filter((m) => !used.has(m)), []);
  });

  it("every catalogued metric names a documenting source", () => {
    for (const [name, doc] of Object.entries(METRICS)) {
      assert.ok(SOURCE_REFS[doc.source], name);
      assert.ok(doc.ref.length > 0, name);
    }
  });
});
