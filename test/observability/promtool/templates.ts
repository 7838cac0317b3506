// Expected annotation text: the alert templates our rules use, rendered the way Prometheus' template
// functions format them (prometheus/prometheus template/template.go @ v2.42.0: humanizePercentage is
// `%.4g%%` of v*100; humanizeDuration prints `%dm %ds` from a minute up and `%.4gs` below).

function humanizeDuration(v: number): string {
  if (v === 0) return "0s";
  if (Math.abs(v) < 1) throw new Error(`humanizeDuration below one second is not needed here, got ${v}`);
  const sign = v < 0 ? "-" : "";
  const d = Math.trunc(Math.abs(v));
  const [s, m, h, days] = [d % 60, Math.trunc(d / 60) % 60, Math.trunc(d / 3600) % 24, Math.trunc(d / 86400)];
  if (days) return `${sign}${days}d ${h}h ${m}m ${s}s`;
  if (h) return `${sign}${h}h ${m}m ${s}s`;
  if (m) return `${sign}${m}m ${s}s`;
  return `${sign}${g4(Math.abs(v))}s`;
}

/** Go's `%.4g`. */
function g4(v: number): string {
  return String(Number(v.toPrecision(4)));
}

/** Renders `{{ $labels.x }}`, `{{ $value }}` and `{{ $value | humanizePercentage|humanizeDuration }}`; anything else is an error. */
export function renderTemplate(text: string, labels: Readonly<Record<string, string>>, value: number | undefined): string {
  return text.replace(/\{\{\s*(.*?)\s*\}\}/g, (_, expr: string) => {
    const label = /^\$labels\.(\w+)$/.exec(expr);
    if (label) {
      if (!(label[1] in labels)) throw new Error(`template ${JSON.stringify(text)} reads label ${label[1]}, which the alert does not have`);
      return labels[label[1]];
    }
    const v = /^\$value(?:\s*\|\s*(\w+))?$/.exec(expr);
    if (!v) throw new Error(`unsupported template expression {{ ${expr} }}`);
    if (value === undefined) throw new Error(`template ${JSON.stringify(text)} prints $value: the expectation must give the value`);
    if (v[1] === undefined) return String(value);
    if (v[1] === "humanizePercentage") return `${g4(value * 100)}%`;
    if (v[1] === "humanizeDuration") return humanizeDuration(value);
    throw new Error(`unsupported template function ${v[1]}`);
  });
}
