// Which Helm values paths the project sets that the pinned charts' templates do not read. A values key no
// template reads is silently ignored by Helm: the setting never happens. The facts (charts/<chart>.json)
// list, per chart at its pinned version, the paths the project may set, each with the upstream file and
// commit where it is read (CONTRIBUTING.md: refreshing them on a version bump).
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../../stacks/project-root";

export interface PathFact {
  readonly repo: string;
  readonly path: string;
  readonly commit: string;
  /**
   * template: the cited template was read and reads it; values: a values.yaml declaring it; listed:
   * located, not checked; unread: no template of the pinned chart reads it (setting it is a bug).
   */
  readonly checked: "template" | "values" | "listed" | "unread";
  /** map: a map- or object-typed value the chart renders whole (nodeSelector, affinity, resources): any key below it counts. */
  readonly kind: "leaf" | "map";
  readonly note?: string;
}

export interface ChartFacts {
  readonly chart: string;
  readonly version: string;
  readonly paths: Readonly<Record<string, PathFact>>;
}

export const CHARTS_DIR = path.join(PROJECT_ROOT, "tools", "conformance", "charts");

export function loadChartFacts(dir = CHARTS_DIR): Map<string, ChartFacts> {
  const out = new Map<string, ChartFacts>();
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith(".json")).sort()) {
    const facts = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as ChartFacts;
    for (const [p, fact] of Object.entries(facts.paths)) {
      if (!/^[0-9a-f]{40}$/.test(fact.commit)) throw new Error(`${f}: ${p}: commit ${JSON.stringify(fact.commit)} is not allowed: a full 40-hex commit`);
      if (!["template", "values", "listed", "unread"].includes(fact.checked)) throw new Error(`${f}: ${p}: checked ${JSON.stringify(fact.checked)} is not allowed: template, values, listed or unread`);
      if (fact.kind !== "leaf" && fact.kind !== "map") throw new Error(`${f}: ${p}: kind ${JSON.stringify(fact.kind)} is not allowed: leaf or map`);
    }
    out.set(facts.chart, facts);
  }
  return out;
}

/** Leaf paths of a values object, dotted. Lists are leaves (charts render them whole); so are empty objects. */
export function valuesPaths(values: unknown, prefix = ""): string[] {
  if (values === null || typeof values !== "object" || Array.isArray(values) || Object.keys(values).length === 0) return prefix ? [prefix] : [];
  return Object.entries(values as Record<string, unknown>).flatMap(([k, v]) => valuesPaths(v, prefix ? `${prefix}.${k}` : k));
}

/**
 * Paths set but not in the facts. A path counts as read when the facts list it, or list a `map` value
 * above it. Keys may hold dots (label names such as `dynamo-ha.io/pool`); they only ever sit below a map.
 */
export function unknownPaths(values: unknown, facts: ChartFacts): string[] {
  const known = (p: string): boolean => {
    const read = (f: PathFact | undefined) => f !== undefined && f.checked !== "unread";
    if (read(facts.paths[p])) return true;
    return Object.entries(facts.paths).some(([q, f]) => read(f) && f.kind === "map" && p.startsWith(`${q}.`));
  };
  return valuesPaths(values).filter((p) => !known(p));
}

/** The chart a Release installs: its `chart` input, or the chart name in an NGC tarball URL. */
export function chartName(chart: string): string {
  const base = chart.split("/").pop() ?? chart;
  return base.replace(/-v?\d+\.\d+\.\d+(?:[-+][\w.]+)?\.tgz$/, "");
}

/** One line per unknown path, naming the chart and the path. */
export function describeUnknown(chart: string, paths: readonly string[]): string[] {
  return paths.map((p) => `chart ${chart}: values path ${JSON.stringify(p)} is read by no template of the pinned chart (tools/conformance/charts/${chart}.json)`);
}
