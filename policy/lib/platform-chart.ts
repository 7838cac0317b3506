// The Dynamo platform chart as a helm.sh/v3 Release or helm.sh/v4 Chart: only its values are visible
// for a Release (Helm installs the objects), so the pack judges the values.
import { T } from "./keys";
import { at, hasOwn, isObj, isUnknown, str, text } from "./values";

export const HELM_TYPES: readonly string[] = [T.helmRelease, T.helmChartV4];

/** Values of a Helm resource that installs the Dynamo platform chart; undefined otherwise. */
export function platformValues(type: string, props: unknown): unknown {
  if (!HELM_TYPES.includes(type)) return undefined;
  const chart = str(at(props, "chart"));
  const values = at(props, "values");
  const byName = typeof chart === "string" && /dynamo-platform/.test(chart);
  const byValues = isObj(values) && hasOwn(values, "dynamo-operator");
  if (!byName && !byValues) return undefined;
  return isUnknown(values) ? values : isObj(values) ? values : {};
}

export function chartName(type: string, name: string): string {
  return `${type === T.helmRelease ? "Helm Release" : "Helm Chart"} ${text(name)}`;
}
