// A self-contained HTML page of a run (inline SVG, inline CSS, no scripts or external resources), so the
// report can be attached to a ticket or opened from disk anywhere.
import { Report } from "./report";

const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);

const W = 960;
const H = 300;
const PAD = { l: 48, r: 16, t: 16, b: 36 };

/** Round step for axis ticks (1, 2, 5 × 10^k) so that about `target` ticks fit. */
export function niceStep(range: number, target: number): number {
  const raw = Math.max(range / target, 1e-9);
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

export function timelineSvg(r: Report): string {
  const buckets = r.timeline.buckets;
  const bs = r.timeline.bucketSeconds;
  const span = Math.max(buckets.length * bs, r.run.durationSeconds, 1e-3);
  const maxY = Math.max(1, ...buckets.map((b) => b.sent));
  const iw = W - PAD.l - PAD.r;
  const ih = H - PAD.t - PAD.b;
  const x = (t: number) => PAD.l + (t / span) * iw;
  const y = (n: number) => PAD.t + ih - (n / maxY) * ih;
  const bw = Math.max(1, (bs / span) * iw - 1);
  const parts: string[] = [];
  for (const b of buckets) {
    const bx = x(b.t).toFixed(1);
    const tip = `<title>t=${esc(b.t)} s: ${b.succeeded} ok, ${b.failed} failed${Object.keys(b.errors).length ? ` (${esc(Object.entries(b.errors).map(([k, v]) => `${k} ${v}`).join(", "))})` : ""}</title>`;
    if (b.succeeded > 0) parts.push(`<rect class="ok" x="${bx}" y="${y(b.succeeded).toFixed(1)}" width="${bw.toFixed(1)}" height="${(ih - (y(b.succeeded) - PAD.t)).toFixed(1)}">${tip}</rect>`);
    if (b.failed > 0) parts.push(`<rect class="fail" x="${bx}" y="${y(b.sent).toFixed(1)}" width="${bw.toFixed(1)}" height="${(y(b.succeeded) - y(b.sent)).toFixed(1)}">${tip}</rect>`);
  }
  // Drawn over the bars (translucent) so the recovery span stays visible through a full red outage.
  if (r.firstFailureAt !== null) {
    const end = r.recoveredAt ?? span;
    parts.push(`<rect class="recovery" x="${x(r.firstFailureAt).toFixed(1)}" y="${PAD.t}" width="${Math.max(1, x(end) - x(r.firstFailureAt)).toFixed(1)}" height="${ih}"><title>recovery ${esc(r.recoverySeconds)} s</title></rect>`);
  }
  const marker = (t: number | null, cls: string, label: string) =>
    t === null ? "" : `<line class="${cls}" x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${PAD.t}" y2="${PAD.t + ih}"/><text class="label" x="${(x(t) + 4).toFixed(1)}" y="${PAD.t + 12}">${esc(label)}</text>`;
  if (r.fault.kind !== "none" || r.fault.atSeconds > 0) parts.push(marker(r.fault.injectedAtSeconds ?? r.fault.atSeconds, "fault", `fault: ${r.fault.kind}`));
  const axis: string[] = [`<line class="axis" x1="${PAD.l}" x2="${W - PAD.r}" y1="${PAD.t + ih}" y2="${PAD.t + ih}"/>`, `<line class="axis" x1="${PAD.l}" x2="${PAD.l}" y1="${PAD.t}" y2="${PAD.t + ih}"/>`];
  const xs = niceStep(span, 10);
  for (let t = 0, i = 0; t <= span + 1e-9 && i < 100; t += xs, i++) {
    axis.push(`<text class="tick" x="${x(t).toFixed(1)}" y="${PAD.t + ih + 14}" text-anchor="middle">${+t.toFixed(3)}</text>`);
  }
  const ys = niceStep(maxY, 5);
  for (let n = 0, i = 0; n <= maxY + 1e-9 && i < 100; n += ys, i++) {
    axis.push(`<text class="tick" x="${PAD.l - 6}" y="${(y(n) + 4).toFixed(1)}" text-anchor="end">${+n.toFixed(3)}</text>`);
  }
  axis.push(`<text class="tick" x="${W / 2}" y="${H - 4}" text-anchor="middle">seconds since start (requests by the second they were sent)</text>`);
  return `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="requests per ${esc(bs)} s">${parts.join("")}${axis.join("")}</svg>`;
}

export function renderHtml(r: Report): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
  const rows: [string, string][] = [
    ["verdict", r.verdict.toUpperCase()],
    ["requests", `${r.total} (${r.succeeded} ok, ${r.failed} failed)`],
    ["success rate", `${pct(r.successRate)} (min ${pct(r.thresholds.minSuccessRate)})`],
    ["recovery", r.recoverySeconds === null ? "no failures" : `${r.recoverySeconds} s${r.recovered ? "" : " (not recovered)"} (max ${r.thresholds.maxRecoverySeconds} s)`],
    ["time to detect", r.timeToDetectSeconds === null ? "–" : `${r.timeToDetectSeconds} s`],
    ["fault", `${r.fault.kind}${r.fault.target ? `: ${r.fault.target}` : ""}`],
    ["load", `${r.run.concurrency} clients × ${r.run.durationSeconds} s, ${r.run.stream ? "streaming" : "non-streaming"}, model ${r.run.model}`],
    ["frontend", r.run.url],
    ["started", r.run.startedAt],
  ];
  const reasons = r.reasons.map((x) => `<li>${esc(x)}</li>`).join("");
  const errors = Object.entries(r.errors).map(([k, v]) => `<tr><td>${esc(k)}</td><td>${v}</td></tr>`).join("");
  const actions = r.fault.actions.map((a) => `<tr><td>${esc(a.action)}</td><td>${esc(a.target)}</td><td>${esc(a.result)}</td><td>${esc(a.detail ?? "")}</td></tr>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dynamo-ha verify: ${esc(r.verdict)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:24px;color:#222}
h1 .pass{color:#1a7f37}h1 .fail{color:#cf222e}
table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}
rect.ok{fill:#2da44e}rect.fail{fill:#cf222e}rect.recovery{fill:#fb8500;opacity:.3;stroke:#fb8500}
line.axis{stroke:#555}line.fault{stroke:#6e40c9;stroke-dasharray:4 3;stroke-width:2}
text.tick{font-size:11px;fill:#555}text.label{font-size:12px;fill:#6e40c9}
</style></head><body>
<h1>Fault-tolerance run: <span class="${esc(r.verdict)}">${esc(r.verdict.toUpperCase())}</span></h1>
${reasons ? `<ul>${reasons}</ul>` : ""}
${timelineSvg(r)}
<p>Green: succeeded, red: failed, per ${esc(r.timeline.bucketSeconds)} s. Shaded: from the first failure to recovery (success ratio ≥ ${esc(r.recoveryCriterion.ratio)} for ${esc(r.recoveryCriterion.windowSeconds)} s).</p>
<table>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join("")}</table>
${errors ? `<h2>Errors</h2><table><tr><th>kind</th><th>count</th></tr>${errors}</table>` : ""}
${actions ? `<h2>Fault actions</h2><table><tr><th>action</th><th>target</th><th>result</th><th>detail</th></tr>${actions}</table>` : ""}
</body></html>
`;
}
