// Pure measurements over the request records of a run: counts, success rate, recovery time, time to detect
// and a timeline. Times are milliseconds since the load started; a request is placed at the moment it was
// sent (its start), because that is when the service was asked and either could or could not answer.

export interface RequestRecord {
  /** Sent, ms since the load started. */
  readonly startMs: number;
  /** Finished (answer complete, error, or timeout), ms since the load started. */
  readonly endMs: number;
  readonly ok: boolean;
  /** Failure class ("refused", "timeout", "http-503", …); absent on success. */
  readonly error?: string;
  /** Time to first token for streaming requests. */
  readonly ttftMs?: number;
}

export interface MetricsOptions {
  /** Fault marker in ms since the start; failures before it do not start the recovery clock. @default 0 */
  readonly faultAtMs?: number;
  /** Moment the fault was actually injected (for time to detect); null when the user causes it. */
  readonly injectedAtMs?: number | null;
  /** Recovered once successes stay at or above this ratio for the window. */
  readonly recoveryRatio: number;
  readonly recoveryWindowMs: number;
  readonly bucketMs: number;
  /** Length of the load: the timeline covers it even when the tail is silent, and a recovery window must end within it. */
  readonly durationMs: number;
}

export interface TimelineBucket {
  /** Bucket start, seconds since the load started. */
  readonly t: number;
  readonly sent: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly errors: Record<string, number>;
  /** Median latency of successes in ms; null without successes. */
  readonly p50Ms: number | null;
}

export interface Metrics {
  readonly total: number;
  readonly succeeded: number;
  readonly failed: number;
  /** succeeded / total, 0 when nothing ran. */
  readonly successRate: number;
  /**
   * From the first failure after the fault to the first lasting success; null when nothing failed. When
   * recovery was not observed (`recovered` false) it runs to the end of the run: a lower bound.
   */
  readonly recoverySeconds: number | null;
  /** False exactly when something failed and no full recovery window followed within the run. */
  readonly recovered: boolean;
  /** First failure after the fault, seconds since the start (null when nothing failed). */
  readonly firstFailureAt: number | null;
  /** First lasting success, seconds since the start (null when nothing failed or never recovered). */
  readonly recoveredAt: number | null;
  /** From the injected fault to the first failure a client observed; null without injection or failure. */
  readonly timeToDetectSeconds: number | null;
  readonly errors: Record<string, number>;
  readonly latencyMs: { readonly p50: number | null; readonly p95: number | null; readonly max: number | null };
  readonly timeline: TimelineBucket[];
}

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

function countErrors(records: readonly RequestRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) if (!r.ok) out[r.error ?? "error"] = (out[r.error ?? "error"] ?? 0) + 1;
  return out;
}

interface Recovery {
  firstFailureMs: number | null;
  recoveredAtMs: number | null;
}

/**
 * The recovery clock starts at the first failure after the fault marker (a request that was already in
 * flight when the fault hit counts from the marker, not from when it was sent). It stops at the first
 * success from which the share of successes among the requests sent in the following window stays at or
 * above the ratio. Only full windows count: a success too close to the end of the run (`durationMs`) to be
 * followed by a whole window proves nothing (one trailing success would be "100 %"), so a run whose
 * failures last into its final window has not been seen to recover.
 */
export function findRecovery(records: readonly RequestRecord[], o: MetricsOptions): Recovery {
  const faultAt = o.faultAtMs ?? 0;
  const byStart = [...records].sort((a, b) => a.startMs - b.startMs);
  let firstFailureMs: number | null = null;
  for (const r of byStart) {
    if (!r.ok && r.endMs >= faultAt) {
      firstFailureMs = Math.max(r.startMs, faultAt);
      break;
    }
  }
  if (firstFailureMs === null) return { firstFailureMs: null, recoveredAtMs: null };
  // Prefix sums of successes over records sorted by start, so each candidate window is O(log n).
  const starts = byStart.map((r) => r.startMs);
  const okPrefix = [0];
  for (const r of byStart) okPrefix.push(okPrefix[okPrefix.length - 1] + (r.ok ? 1 : 0));
  const upperBound = (x: number) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (let i = 0; i < byStart.length; i++) {
    const r = byStart[i];
    // Sorted by start: every later candidate's window is cut short as well.
    if (r.startMs + o.recoveryWindowMs > o.durationMs) break;
    if (!r.ok || r.startMs < firstFailureMs) continue;
    const end = upperBound(r.startMs + o.recoveryWindowMs);
    const n = end - i;
    const ok = okPrefix[end] - okPrefix[i];
    // Every failure in the window must be weighed, including ones sent at the same instant before index i.
    let sameInstantFailures = 0;
    for (let j = i - 1; j >= 0 && starts[j] === r.startMs; j--) if (!byStart[j].ok) sameInstantFailures++;
    if (ok / (n + sameInstantFailures) >= o.recoveryRatio) return { firstFailureMs, recoveredAtMs: r.startMs };
  }
  return { firstFailureMs, recoveredAtMs: null };
}

export function timeline(records: readonly RequestRecord[], bucketMs: number, durationMs: number): TimelineBucket[] {
  const last = records.reduce((m, r) => Math.max(m, r.startMs), 0);
  const n = Math.max(1, Math.ceil(Math.max(durationMs, last + 1) / bucketMs));
  const buckets = Array.from({ length: n }, () => ({ sent: 0, succeeded: 0, failed: 0, errors: {} as Record<string, number>, lat: [] as number[] }));
  for (const r of records) {
    const b = buckets[Math.min(n - 1, Math.max(0, Math.floor(r.startMs / bucketMs)))];
    b.sent++;
    if (r.ok) {
      b.succeeded++;
      b.lat.push(r.endMs - r.startMs);
    } else {
      b.failed++;
      const k = r.error ?? "error";
      b.errors[k] = (b.errors[k] ?? 0) + 1;
    }
  }
  return buckets.map((b, i) => ({
    t: round3((i * bucketMs) / 1000),
    sent: b.sent,
    succeeded: b.succeeded,
    failed: b.failed,
    errors: b.errors,
    p50Ms: round1(percentile(b.lat.sort((x, y) => x - y), 50)),
  }));
}

export function computeMetrics(records: readonly RequestRecord[], o: MetricsOptions): Metrics {
  const total = records.length;
  const succeeded = records.filter((r) => r.ok).length;
  const { firstFailureMs, recoveredAtMs } = findRecovery(records, o);
  const lastMs = records.reduce((m, r) => Math.max(m, r.endMs), o.durationMs);
  const recoverySeconds =
    firstFailureMs === null ? null : round3(((recoveredAtMs ?? lastMs) - firstFailureMs) / 1000);
  let timeToDetectSeconds: number | null = null;
  if (o.injectedAtMs !== undefined && o.injectedAtMs !== null) {
    const injected = o.injectedAtMs;
    const seen = records.reduce((m, r) => (!r.ok && r.endMs >= injected ? Math.min(m, r.endMs) : m), Infinity);
    if (seen !== Infinity) timeToDetectSeconds = round3((seen - injected) / 1000);
  }
  const lat = records.filter((r) => r.ok).map((r) => r.endMs - r.startMs).sort((a, b) => a - b);
  return {
    total,
    succeeded,
    failed: total - succeeded,
    successRate: total === 0 ? 0 : succeeded / total,
    recoverySeconds,
    recovered: firstFailureMs === null || recoveredAtMs !== null,
    firstFailureAt: firstFailureMs === null ? null : round3(firstFailureMs / 1000),
    recoveredAt: recoveredAtMs === null ? null : round3(recoveredAtMs / 1000),
    timeToDetectSeconds,
    errors: countErrors(records),
    latencyMs: { p50: round1(percentile(lat, 50)), p95: round1(percentile(lat, 95)), max: round1(lat.length ? lat[lat.length - 1] : null) },
    timeline: timeline(records, o.bucketMs, o.durationMs),
  };
}
