import * as assert from "assert";
import { buildDashboards, dashboardConfigMaps } from "../../components/k8s/observability/dashboards";
import { settingsVariants } from "./fixtures";

describe("Grafana dashboards", () => {
  for (const { name, s } of settingsVariants()) {
    it(`${name}: ConfigMaps hold valid JSON with unique panel ids and the datasource variable everywhere`, () => {
      const cms = dashboardConfigMaps(s, { release: "x" });
      assert.deepStrictEqual(cms.map((c) => c.metadata.labels.grafana_dashboard), ["1", "1"]);
      for (const cm of cms) {
        const [file, text] = Object.entries(cm.data)[0];
        assert.match(file, /\.json$/);
        const d = JSON.parse(text);
        const ids = d.panels.map((p: { id: number }) => p.id);
        assert.strictEqual(new Set(ids).size, ids.length, `${d.uid}: duplicate panel ids`);
        const vars = d.templating.list.filter((v: { type: string }) => v.type === "datasource");
        assert.deepStrictEqual(vars.map((v: { name: string; query: string }) => [v.name, v.query]), [["datasource", "prometheus"]]);
        for (const p of d.panels) {
          assert.strictEqual(p.datasource.uid, "${datasource}", `${d.uid} panel ${p.id}`);
          assert.ok(p.targets.length > 0);
          for (const t of p.targets) assert.strictEqual(t.datasource.uid, "${datasource}");
          const refIds = p.targets.map((t: { refId: string }) => t.refId);
          assert.strictEqual(new Set(refIds).size, refIds.length);
        }
        // Panels must not overlap on the grid.
        const cells = new Set<string>();
        for (const p of d.panels) {
          for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++) {
            for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
              const k = `${x},${y}`;
              assert.ok(!cells.has(k), `${d.uid}: panel ${p.id} overlaps at ${k}`);
              cells.add(k);
            }
          }
        }
      }
    });
  }

  it("the HA overview shows per-zone replicas, GPU capacity by zone, error ratio and recovery; serving shows requests, TTFT and queue", () => {
    const [ha, serving] = buildDashboards(settingsVariants()[0].s);
    const titles = (d: { panels: Record<string, unknown>[] }) => d.panels.map((p) => String(p.title)).join("\n");
    for (const t of [/by component and zone/, /GPUs by zone/, /error ratio/i, /Recovery/]) assert.match(titles(ha), t);
    for (const t of [/Requests/, /Time to first token/, /Queued/]) assert.match(titles(serving), t);
  });

  it("DCGM panels appear only where the GPU Operator runs the exporter", () => {
    const exprs = (i: number) => JSON.stringify(buildDashboards(settingsVariants()[i].s));
    assert.ok(exprs(0).includes("DCGM_FI_DEV_GPU_UTIL"));
    assert.ok(!exprs(2).includes("DCGM_FI_DEV_GPU_UTIL"));
  });
});
