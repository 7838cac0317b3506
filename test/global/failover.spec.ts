import * as assert from "assert";
import fc from "fast-check";
import {
  failoverEstimate,
  FailoverInput,
  frontDoorSampling,
  trafficManagerTimeoutSeconds,
  trafficManagerToleratedFailures,
} from "../../components/core/failover";

const base: FailoverInput = {
  dnsProvider: "route53",
  mode: "active-passive",
  healthCheckIntervalSeconds: 10,
  healthCheckFailureThreshold: 3,
  dnsTtlSeconds: 30,
  maxFailoverSeconds: 60,
};

describe("failover detection estimate", () => {
  it("is interval × threshold + TTL for DNS routing", () => {
    const e = failoverEstimate(base);
    assert.deepStrictEqual(e, {
      detectionSeconds: 60,
      boundSeconds: 60,
      intervalSeconds: 10,
      failureThreshold: 3,
      ttlSeconds: 30,
      mode: "active-passive",
      withinBound: true,
    });
    assert.strictEqual(failoverEstimate({ ...base, healthCheckIntervalSeconds: 30 }).detectionSeconds, 120);
    assert.strictEqual(failoverEstimate({ ...base, dnsTtlSeconds: 31 }).withinBound, false);
  });

  it("ignores the TTL behind Front Door, which proxies instead of answering DNS", () => {
    const e = failoverEstimate({ ...base, dnsProvider: "azure-frontdoor", dnsTtlSeconds: 300 });
    assert.strictEqual(e.ttlSeconds, 0);
    assert.strictEqual(e.detectionSeconds, 30);
    assert.strictEqual(failoverEstimate({ ...base, dnsProvider: "azure-traffic-manager", dnsTtlSeconds: 300 }).detectionSeconds, 330);
  });

  it("property: detection grows with each input and is within bound exactly when ≤ bound", () => {
    const provider = fc.constantFrom("route53", "azure-frontdoor", "azure-traffic-manager");
    fc.assert(
      fc.property(provider, fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 86400 }), fc.integer({ min: 1, max: 3600 }), (p, i, t, ttl, bound) => {
        const g = { ...base, dnsProvider: p, healthCheckIntervalSeconds: i, healthCheckFailureThreshold: t, dnsTtlSeconds: ttl, maxFailoverSeconds: bound };
        const e = failoverEstimate(g);
        assert.strictEqual(e.detectionSeconds, i * t + e.ttlSeconds);
        assert.strictEqual(e.ttlSeconds, p === "azure-frontdoor" ? 0 : ttl);
        assert.strictEqual(e.withinBound, e.detectionSeconds <= bound);
        assert.ok(failoverEstimate({ ...g, healthCheckFailureThreshold: t + 1 }).detectionSeconds > e.detectionSeconds);
        assert.ok(failoverEstimate({ ...g, healthCheckIntervalSeconds: i + 1 }).detectionSeconds > e.detectionSeconds);
      }),
    );
  });

  it("maps the failure threshold onto Traffic Manager and Front Door settings", () => {
    assert.strictEqual(trafficManagerToleratedFailures(3), 2);
    assert.strictEqual(trafficManagerTimeoutSeconds(10), 9);
    assert.strictEqual(trafficManagerTimeoutSeconds(30), 10);
    assert.deepStrictEqual(frontDoorSampling(3), { sampleSize: 3, successfulSamplesRequired: 1 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), (t) => {
        const tol = trafficManagerToleratedFailures(t);
        assert.ok(tol >= 0 && tol <= 9, "Traffic Manager tolerates 0–9 failures");
      }),
    );
  });
});
