// Grafana dashboard JSON pieces. Every panel and target reads the `datasource` template variable, so one
// dashboard works against whichever Prometheus the Grafana instance names.

export const DATASOURCE = { type: "prometheus", uid: "${datasource}" } as const;

export interface Target {
  readonly expr: string;
  readonly legend?: string;
}

export interface PanelSpec {
  readonly title: string;
  readonly kind: "timeseries" | "stat";
  readonly targets: readonly Target[];
  readonly unit?: string;
  readonly description?: string;
  /** Threshold steps (value → color) after the green base. */
  readonly thresholds?: readonly { readonly value: number; readonly color: string }[];
}

export interface Dashboard {
  uid: string;
  title: string;
  tags: string[];
  panels: Record<string, unknown>[];
  templating: { list: Record<string, unknown>[] };
  [key: string]: unknown;
}

const WIDTH = 24;

/** DCGM panels only where the GPU Operator runs the exporter; elsewhere they would only ever say "No data". */
export function dcgmPanel(s: { readonly dcgm: boolean }, p: PanelSpec): PanelSpec[] {
  return s.dcgm ? [p] : [];
}

/** Lays panels out on Grafana's 24-column grid (`perRow` per row) with ids 1..n. */
export function dashboard(uid: string, title: string, specs: readonly PanelSpec[], perRow = 2): Dashboard {
  const w = WIDTH / perRow;
  const h = 8;
  const panels = specs.map((p, i) => ({
    id: i + 1,
    type: p.kind,
    title: p.title,
    description: p.description ?? "",
    datasource: DATASOURCE,
    gridPos: { x: (i % perRow) * w, y: Math.floor(i / perRow) * h, w, h },
    fieldConfig: {
      defaults: {
        unit: p.unit ?? "short",
        thresholds: { mode: "absolute", steps: [{ color: "green", value: null }, ...(p.thresholds ?? [])] },
      },
      overrides: [],
    },
    options: p.kind === "stat" ? { reduceOptions: { calcs: ["lastNotNull"], fields: "", values: false }, colorMode: "background" } : { legend: { displayMode: "list", placement: "bottom" } },
    targets: p.targets.map((t, j) => ({ refId: String.fromCharCode(65 + j), datasource: DATASOURCE, expr: t.expr, legendFormat: t.legend ?? "__auto" })),
  }));
  return {
    uid,
    title,
    tags: ["dynamo", "dynamo-ha"],
    timezone: "browser",
    editable: true,
    schemaVersion: 39,
    version: 1,
    refresh: "30s",
    time: { from: "now-6h", to: "now" },
    templating: {
      list: [{ name: "datasource", label: "Data source", type: "datasource", query: "prometheus", current: {}, hide: 0, refresh: 1, options: [] }],
    },
    panels,
  };
}

/** Every PromQL expression of a dashboard, for tests. */
export function dashboardExprs(d: Dashboard): string[] {
  return d.panels.flatMap((p) => (p.targets as { expr: string }[]).map((t) => t.expr));
}
