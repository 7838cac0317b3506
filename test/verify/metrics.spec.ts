import * as assert from "assert";
import fc from "fast-check";
import { computeMetrics, findRecovery, percentile, RequestRecord } from "../../tools/verify/metrics";
import { HA_THRESHOLDS, judge } from "../../tools/verify/verdict";

const opts = { recoveryRatio: 0.9, recoveryWindowMs: 1000, bucketMs: 1000, durationMs: 10000 };
/** One request every `step` ms from 0 to `until`, failing where `bad(t)`. */
function series(until: number, step: number, bad: (t: number) => boolean, error = "http-503"): RequestRecord[] {
  const out: RequestRecord[] = [];
  for (let t = 0; t < until; t += step) out.push({ startMs: t, endMs: t + 20, ok: !bad(t), ...(bad(t) ? { error } : {}) });
  return out;
}

describe("verify: metrics", () => {
  it("counts, rate and recovery of a clean outage window", () => {
    const recs = series(10000, 100, (t) => t >= 3000 && t < 5000);
    const m = computeMetrics(recs, { ...opts, faultAtMs: 2500, injectedAtMs: 2500 });
    assert.strictEqual(m.total, 100);
    assert.strictEqual(m.failed, 20);
    assert.strictEqual(m.succeeded, 80);
    assert.strictEqual(m.successRate, 0.8);
    assert.strictEqual(m.firstFailureAt, 3);
    assert.strictEqual(m.recoveredAt, 5);
    assert.strictEqual(m.recoverySeconds, 2);
    assert.strictEqual(m.timeToDetectSeconds, 0.52, "first failure seen at 3020 ms, 520 ms after injection");
    assert.deepStrictEqual(m.errors, { "http-503": 20 });
    assert.strictEqual(m.timeline.length, 10);
    assert.deepStrictEqual(
      m.timeline.map((b) => b.failed),
      [0, 0, 0, 10, 10, 0, 0, 0, 0, 0],
    );
  });

  it("a lone success inside the outage is not recovery; the ratio must hold for the window", () => {
    const recs = series(10000, 100, (t) => t >= 3000 && t < 6000 && t !== 4000);
    const r = findRecovery(recs, opts);
    assert.strictEqual(r.recoveredAtMs, 6000);
  });

  it("a flapping tail below the ratio delays recovery until it holds", () => {
    // After the outage every 5th request still fails (80 % < 90 %) until 7 s.
    const recs = series(10000, 100, (t) => (t >= 3000 && t < 5000) || (t >= 5000 && t < 7000 && t % 500 === 0));
    // 5.1 s: the window up to 6.1 s holds 9 of 11 (82 %); 6.1 s: up to 7.1 s holds 10 of 11 (91 %).
    assert.strictEqual(findRecovery(recs, opts).recoveredAtMs, 6100);
    assert.strictEqual(findRecovery(recs, { ...opts, recoveryRatio: 0.75 }).recoveredAtMs, 5100);
  });

  it("failures before the fault marker do not start the clock; in-flight failures count from the marker", () => {
    const early = series(10000, 100, (t) => t >= 1000 && t < 1500);
    assert.strictEqual(findRecovery(early, { ...opts, faultAtMs: 5000 }).firstFailureMs, null);
    const inflight: RequestRecord[] = [
      { startMs: 4000, endMs: 5200, ok: false, error: "reset" },
      ...series(10000, 100, (t) => t >= 5000 && t < 6000).filter((r) => r.startMs >= 5000),
    ];
    const r = findRecovery(inflight, { ...opts, faultAtMs: 5000 });
    assert.strictEqual(r.firstFailureMs, 5000);
    assert.strictEqual(r.recoveredAtMs, 6000);
  });

  it("no failures: recovery null and recovered; never recovering: recovered false with a lower bound", () => {
    const ok = computeMetrics(series(5000, 100, () => false), opts);
    assert.strictEqual(ok.recoverySeconds, null);
    assert.strictEqual(ok.recovered, true);
    const down = computeMetrics(series(10000, 100, (t) => t >= 4000), opts);
    assert.strictEqual(down.recovered, false);
    assert.strictEqual(down.recoveredAt, null);
    assert.strictEqual(down.recoverySeconds, 6, "counted to the end of the run");
  });

  it("recovery needs a full window inside the run: a success in the last window is not recovery", () => {
    // Down from 4 s to 9.5 s of a 10 s run: the successes after 9.5 s have less than the 1 s window left.
    const late = computeMetrics(series(10000, 100, (t) => t >= 4000 && t < 9500), opts);
    assert.strictEqual(late.recovered, false);
    assert.strictEqual(late.recoveredAt, null);
    assert.strictEqual(late.recoverySeconds, 6, "a lower bound, counted to the end of the run");
    assert.match(judge(late, HA_THRESHOLDS).reasons.join(), /did not recover within the run/);
    // A single trailing success after an outage (1/1 of what its cut window holds) is not recovery either.
    const lone: RequestRecord[] = [
      ...series(9900, 100, (t) => t >= 4000),
      { startMs: 9950, endMs: 9970, ok: true },
    ];
    assert.strictEqual(findRecovery(lone, opts).recoveredAtMs, null);
    assert.strictEqual(computeMetrics(lone, opts).recovered, false);
  });

  it("a window that ends exactly at the end of the run counts", () => {
    const edge = computeMetrics(series(10000, 100, (t) => t >= 4000 && t < 9000), opts);
    assert.strictEqual(edge.recovered, true);
    assert.strictEqual(edge.recoveredAt, 9);
    assert.strictEqual(edge.recoverySeconds, 5);
    assert.deepStrictEqual(judge(edge, HA_THRESHOLDS).reasons.filter((r) => /recover/.test(r)), []);
    // The same outage in a run 1 ms shorter leaves no full window.
    assert.strictEqual(findRecovery(series(9999, 100, (t) => t >= 4000 && t < 9000), { ...opts, durationMs: 9999 }).recoveredAtMs, null);
  });

  it("properties: rate = succeeded/total; timeline sums match; recovery is null exactly when nothing failed", () => {
    const rec = fc.record({ startMs: fc.integer({ min: 0, max: 9999 }), dur: fc.integer({ min: 0, max: 3000 }), ok: fc.boolean() });
    fc.assert(
      fc.property(fc.array(rec, { maxLength: 200 }), (xs) => {
        const recs: RequestRecord[] = xs.map((x) => ({ startMs: x.startMs, endMs: x.startMs + x.dur, ok: x.ok, ...(x.ok ? {} : { error: "timeout" }) }));
        const m = computeMetrics(recs, opts);
        assert.strictEqual(m.total, recs.length);
        assert.strictEqual(m.succeeded + m.failed, m.total);
        assert.strictEqual(m.successRate, recs.length ? m.succeeded / recs.length : 0);
        assert.strictEqual(m.timeline.reduce((n, b) => n + b.sent, 0), recs.length);
        assert.strictEqual(m.timeline.reduce((n, b) => n + b.failed, 0), m.failed);
        assert.strictEqual(m.recoverySeconds === null, m.failed === 0);
        if (m.recoverySeconds !== null) assert.ok(m.recoverySeconds >= 0);
        if (m.recoveredAt !== null && m.firstFailureAt !== null) assert.ok(m.recoveredAt >= m.firstFailureAt);
        // A recovery is only ever declared with a full window left in the run.
        if (m.recoveredAt !== null) assert.ok(m.recoveredAt * 1000 + opts.recoveryWindowMs <= opts.durationMs);
        assert.strictEqual(m.recovered, m.failed === 0 || m.recoveredAt !== null);
      }),
    );
  });

  it("percentile uses nearest rank", () => {
    assert.strictEqual(percentile([], 50), null);
    assert.strictEqual(percentile([1, 2, 3, 4], 50), 2);
    assert.strictEqual(percentile([1, 2, 3, 4], 95), 4);
  });
});
