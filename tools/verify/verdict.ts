// Pass/fail against the fault-tolerance bar of Dynamo's own tests (tests/fault_tolerance/deploy/checkers.py):
// with redundancy ≥ 0.90 success and ≤ 60 s recovery; a single worker ≥ 0.10 and ≤ 180 s.

export interface Thresholds {
  /** Lowest passing success rate, 0–1 (inclusive). */
  readonly minSuccessRate: number;
  /** Longest passing recovery in seconds (inclusive). */
  readonly maxRecoverySeconds: number;
}

/** HighAvailabilityResultsChecker: decode replicas > 1. */
export const HA_THRESHOLDS: Thresholds = { minSuccessRate: 0.9, maxRecoverySeconds: 60 };
/** SingleWorkerResultsChecker: decode replicas == 1. */
export const SINGLE_WORKER_THRESHOLDS: Thresholds = { minSuccessRate: 0.1, maxRecoverySeconds: 180 };

export interface VerdictInput {
  readonly total: number;
  readonly succeeded: number;
  readonly successRate: number;
  /** null when nothing failed. */
  readonly recoverySeconds: number | null;
  /** false when failures started and the run ended before the success ratio recovered. */
  readonly recovered: boolean;
}

export interface Verdict {
  readonly verdict: "pass" | "fail";
  /** One line per failed check; empty on pass. */
  readonly reasons: string[];
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function judge(m: VerdictInput, t: Thresholds): Verdict {
  const reasons: string[] = [];
  // As Dynamo's validation_checks.py: an empty run proves nothing, and zero successes is no recovery at all.
  if (m.total === 0) reasons.push("no requests completed");
  else if (m.succeeded === 0) reasons.push("no request succeeded");
  if (m.total > 0 && m.successRate < t.minSuccessRate) {
    reasons.push(`success rate ${pct(m.successRate)} below ${pct(t.minSuccessRate)}`);
  }
  if (m.recoverySeconds !== null) {
    if (!m.recovered) reasons.push(`did not recover within the run (${m.recoverySeconds.toFixed(1)} s and counting)`);
    else if (m.recoverySeconds > t.maxRecoverySeconds) {
      reasons.push(`recovery ${m.recoverySeconds.toFixed(1)} s above ${t.maxRecoverySeconds} s`);
    }
  }
  return { verdict: reasons.length === 0 ? "pass" : "fail", reasons };
}
