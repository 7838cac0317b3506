import * as assert from "assert";
import { HA_THRESHOLDS, judge, SINGLE_WORKER_THRESHOLDS, VerdictInput } from "../../tools/verify/verdict";

const m = (successRate: number, recoverySeconds: number | null, extra: Partial<VerdictInput> = {}): VerdictInput => ({
  total: 1000,
  succeeded: Math.round(successRate * 1000),
  successRate,
  recoverySeconds,
  recovered: true,
  ...extra,
});

describe("verify: verdict", () => {
  it("HA preset: success rate passes at 0.90 and fails just below", () => {
    assert.strictEqual(judge(m(0.9, 10), HA_THRESHOLDS).verdict, "pass");
    const v = judge(m(0.899, 10), HA_THRESHOLDS);
    assert.strictEqual(v.verdict, "fail");
    assert.match(v.reasons[0], /success rate 89\.9% below 90\.0%/);
  });

  it("HA preset: recovery passes at 60 s and fails just above", () => {
    assert.strictEqual(judge(m(0.95, 60), HA_THRESHOLDS).verdict, "pass");
    const v = judge(m(0.95, 60.01), HA_THRESHOLDS);
    assert.deepStrictEqual(v, { verdict: "fail", reasons: ["recovery 60.0 s above 60 s"] });
  });

  it("single-worker preset: 0.10 and 180 s on both sides", () => {
    assert.deepStrictEqual(SINGLE_WORKER_THRESHOLDS, { minSuccessRate: 0.1, maxRecoverySeconds: 180 });
    assert.strictEqual(judge(m(0.1, 180), SINGLE_WORKER_THRESHOLDS).verdict, "pass");
    assert.strictEqual(judge(m(0.099, 180), SINGLE_WORKER_THRESHOLDS).verdict, "fail");
    assert.strictEqual(judge(m(0.1, 180.5), SINGLE_WORKER_THRESHOLDS).verdict, "fail");
    assert.strictEqual(judge(m(0.5, 120), HA_THRESHOLDS).verdict, "fail", "what passes single-worker fails HA");
  });

  it("custom thresholds apply as given", () => {
    const t = { minSuccessRate: 0.5, maxRecoverySeconds: 5 };
    assert.strictEqual(judge(m(0.5, 5), t).verdict, "pass");
    assert.strictEqual(judge(m(0.49, 5), t).verdict, "fail");
    assert.strictEqual(judge(m(0.5, 5.1), t).verdict, "fail");
  });

  it("no failures (recovery null) passes the recovery check", () => {
    assert.deepStrictEqual(judge(m(1, null), HA_THRESHOLDS), { verdict: "pass", reasons: [] });
  });

  it("an unrecovered run, an empty run and a run without successes fail", () => {
    assert.match(judge(m(0.95, 12, { recovered: false }), HA_THRESHOLDS).reasons.join(), /did not recover/);
    assert.match(judge({ total: 0, succeeded: 0, successRate: 0, recoverySeconds: null, recovered: true }, SINGLE_WORKER_THRESHOLDS).reasons.join(), /no requests/);
    assert.match(judge({ total: 5, succeeded: 0, successRate: 0, recoverySeconds: 3, recovered: true }, { minSuccessRate: 0, maxRecoverySeconds: 60 }).reasons.join(), /no request succeeded/);
  });
});
