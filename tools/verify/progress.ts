// Terminal output: a progress line per second while the load runs (plain lines, so it reads the same in
// a terminal, a CI log or a pipe) and the final table.
import { RequestRecord } from "./metrics";
import { Report } from "./report";

export class ProgressCounter {
  sent = 0;
  ok = 0;
  failed = 0;
  private lastOk = 0;
  private lastFailed = 0;

  add(r: RequestRecord): void {
    this.sent++;
    if (r.ok) this.ok++;
    else this.failed++;
  }

  /** One line for the second just passed; `note` carries fault events. */
  line(elapsedS: number, durationS: number, note = ""): string {
    const dOk = this.ok - this.lastOk;
    const dFail = this.failed - this.lastFailed;
    this.lastOk = this.ok;
    this.lastFailed = this.failed;
    const rate = this.sent === 0 ? "   –  " : `${((this.ok / this.sent) * 100).toFixed(1).padStart(5)}%`;
    const w = String(Math.ceil(durationS)).length;
    return `[${String(Math.floor(elapsedS)).padStart(w)}s/${Math.ceil(durationS)}s] ok ${String(this.ok).padStart(6)} failed ${String(this.failed).padStart(5)} success ${rate} | last s: +${dOk} ok +${dFail} failed${note ? ` | ${note}` : ""}`;
  }
}

export function renderTable(r: Report): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const rows: [string, string, string][] = [
    ["requests", `${r.total} (${r.succeeded} ok, ${r.failed} failed)`, ""],
    ["success rate", pct(r.successRate), `≥ ${pct(r.thresholds.minSuccessRate)}`],
    [
      "recovery",
      r.recoverySeconds === null ? "no failures" : `${r.recoverySeconds.toFixed(2)} s${r.recovered ? "" : " (not recovered)"}`,
      `≤ ${r.thresholds.maxRecoverySeconds} s`,
    ],
    ["time to detect", r.timeToDetectSeconds === null ? "–" : `${r.timeToDetectSeconds.toFixed(2)} s`, ""],
    ["latency p50/p95", r.latencyMs.p50 === null ? "–" : `${Math.round(r.latencyMs.p50)} / ${Math.round(r.latencyMs.p95 ?? 0)} ms`, ""],
    ["errors", Object.entries(r.errors).map(([k, v]) => `${k} ${v}`).join(", ") || "none", ""],
    ["fault", `${r.fault.kind}${r.fault.target ? ` (${r.fault.target})` : ""}`, ""],
    ["verdict", r.verdict.toUpperCase(), ""],
  ];
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length), "measured".length);
  const w2 = Math.max(...rows.map((x) => x[2].length), "threshold".length);
  const line = (a: string, b: string, c: string) => `| ${a.padEnd(w0)} | ${b.padEnd(w1)} | ${c.padEnd(w2)} |`;
  const sep = `|${"-".repeat(w0 + 2)}|${"-".repeat(w1 + 2)}|${"-".repeat(w2 + 2)}|`;
  const out = [line("", "measured", "threshold"), sep, ...rows.map(([a, b, c]) => line(a, b, c))];
  for (const reason of r.reasons) out.push(`  fail: ${reason}`);
  for (const node of r.fault.leftCordoned) out.push(`  WARNING: node ${node} is still cordoned; run: kubectl uncordon ${node}`);
  return out.join("\n");
}
