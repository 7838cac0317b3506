// The JSON report of a run: the stable fields (total, succeeded, failed, successRate, recoverySeconds,
// verdict) at the top level, with everything needed to audit them (thresholds, fault actions, timeline).
import * as fs from "fs";
import * as path from "path";
import { FaultKind } from "./args";
import { FaultAction } from "./faults";
import { Metrics, TimelineBucket } from "./metrics";
import { Thresholds, Verdict } from "./verdict";

export interface RunInfo {
  readonly url: string;
  readonly model: string;
  readonly stream: boolean;
  readonly concurrency: number;
  readonly durationSeconds: number;
  readonly timeoutSeconds: number;
  readonly ratePerClient: number;
  readonly startedAt: number;
  readonly interrupted: boolean;
}

export interface FaultInfo {
  readonly kind: FaultKind;
  readonly namespace?: string;
  readonly context?: string;
  /** Planned fault time (or the user's marker with "none"), seconds since the start. */
  readonly atSeconds: number;
  /** When the injection actually started; null with "none" or when the run stopped before it. */
  readonly injectedAtSeconds: number | null;
  readonly target?: string;
  readonly actions: readonly FaultAction[];
  /** Nodes this run cordoned and could not uncordon: fix these by hand. */
  readonly leftCordoned: readonly string[];
}

/** The measured figures, exactly as metrics.ts computes them (one definition, no drift). */
type MeasuredFields = Pick<
  Metrics,
  "total" | "succeeded" | "failed" | "successRate" | "recoverySeconds" | "recovered" | "timeToDetectSeconds" | "firstFailureAt" | "recoveredAt"
>;

export interface Report extends MeasuredFields {
  readonly tool: "dynamo-ha verify";
  readonly schemaVersion: 1;
  readonly verdict: "pass" | "fail";
  readonly reasons: readonly string[];
  readonly thresholds: Thresholds;
  readonly recoveryCriterion: { readonly ratio: number; readonly windowSeconds: number };
  readonly errors: Readonly<Record<string, number>>;
  readonly latencyMs: Metrics["latencyMs"];
  readonly run: Omit<RunInfo, "startedAt"> & { readonly startedAt: string };
  readonly fault: FaultInfo;
  readonly timeline: { readonly bucketSeconds: number; readonly buckets: readonly TimelineBucket[] };
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;

export function buildReport(
  run: RunInfo,
  fault: FaultInfo,
  m: Metrics,
  v: Verdict,
  thresholds: Thresholds,
  criterion: { ratio: number; windowSeconds: number },
  bucketSeconds: number,
): Report {
  return {
    tool: "dynamo-ha verify",
    schemaVersion: 1,
    verdict: v.verdict,
    reasons: v.reasons,
    total: m.total,
    succeeded: m.succeeded,
    failed: m.failed,
    successRate: round4(m.successRate),
    recoverySeconds: m.recoverySeconds,
    recovered: m.recovered,
    timeToDetectSeconds: m.timeToDetectSeconds,
    firstFailureAt: m.firstFailureAt,
    recoveredAt: m.recoveredAt,
    thresholds,
    recoveryCriterion: criterion,
    errors: m.errors,
    latencyMs: m.latencyMs,
    run: { ...run, startedAt: new Date(run.startedAt).toISOString() },
    fault,
    timeline: { bucketSeconds, buckets: m.timeline },
  };
}

export function writeFileEnsuringDir(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, text);
}

export function writeReport(file: string, r: Report): void {
  writeFileEnsuringDir(file, `${JSON.stringify(r, null, 2)}\n`);
}
