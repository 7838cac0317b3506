import * as assert from "assert";
import fc from "fast-check";
import {
  failoverEstimate,
  FailoverInput,
  frontDoorSampling,
  trafficManagerTimeoutSeconds,
  trafficManagerToleratedFailures,
} from "../../components/core/failover";
import { DrRegionInput, drView, guaranteedGpus, maxGpus, regionLosses, replicasLostPerZone, replicationKind, rpoOf } from "../../components/core/dr-estimate";

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

describe("DR estimate: capacity after a region loss, RPO, RTO", () => {
  const f = failoverEstimate(base);
  const pool = (zone: string, min: number, max: number, gpusPerNode = 1) => ({ name: `gpu-${zone}`, zone, capacityType: "on-demand" as const, instanceTypes: ["x"], gpusPerNode, minNodes: min, maxNodes: max });
  const cap = (required: number, pools: ReturnType<typeof pool>[]) => ({ requiredGpus: required, toleratedZoneFailures: 1, onDemandFloor: 0.5, nodesPerZone: 1, pools, withoutZone: {}, withoutSpot: 0 });
  const region = (stack: string, priority: number, c: ReturnType<typeof cap>, boot = 200, load = 100): DrRegionInput => ({
    stack, region: stack, cloud: "aws", role: priority === 1 ? "primary" : "secondary", priority, capacity: c, replication: "none", nodeBootSeconds: boot, modelLoadSeconds: load,
  });

  it("guaranteed GPUs are the pool minimums, max the pool maximums", () => {
    const c = cap(8, [pool("a", 2, 4, 4), pool("b", 1, 3)]);
    assert.strictEqual(guaranteedGpus(c), 9);
    assert.strictEqual(maxGpus(c), 19);
  });

  it("active-passive: the next region by priority carries the primary's load now, after scale-up, or not at all", () => {
    const primary = region("p", 1, cap(8, [pool("a", 4, 8)]));
    const now = regionLosses("active-passive", [region("s", 2, cap(8, [pool("a", 8, 8)])), primary], f, 900);
    assert.deepStrictEqual(now.map((l) => [l.lost, l.survivors, l.loadGpus, l.carries, l.scaleUpSeconds, l.rtoSeconds, l.withinGoal]), [["p", ["s"], 8, "now", 0, 60, true]]);
    const later = regionLosses("active-passive", [primary, region("s", 2, cap(8, [pool("a", 2, 8)]), 240, 420)], f, 900)[0];
    assert.deepStrictEqual([later.carries, later.detectionSeconds, later.ttlSeconds, later.scaleUpSeconds, later.rtoSeconds, later.withinGoal], ["after-scale-up", 30, 30, 660, 720, true]);
    assert.strictEqual(regionLosses("active-passive", [primary, region("s", 2, cap(8, [pool("a", 2, 8)]), 600, 600)], f, 900)[0].withinGoal, false);
    const never = regionLosses("active-passive", [primary, region("s", 2, cap(8, [pool("a", 2, 7)]))], f, 900)[0];
    assert.deepStrictEqual([never.carries, never.scaleUpSeconds, never.rtoSeconds, never.withinGoal], ["no", null, null, false]);
  });

  it("active-active: the others carry every region's required GPUs, scaling in parallel (slowest survivor)", () => {
    const rs = [region("a", 1, cap(4, [pool("z", 4, 8)]), 100, 100), region("b", 1, cap(4, [pool("z", 4, 8)]), 300, 100), region("c", 1, cap(4, [pool("z", 8, 8)]), 100, 100)];
    const ls = regionLosses("active-active", rs, f, 900);
    assert.deepStrictEqual(ls.map((l) => [l.lost, l.survivors.join("+"), l.loadGpus, l.guaranteedGpus, l.carries, l.scaleUpSeconds]), [
      ["a", "b+c", 12, 12, "now", 0],
      ["b", "a+c", 12, 12, "now", 0],
      ["c", "a+b", 12, 8, "after-scale-up", 400],
    ]);
    // Behind Front Door the TTL adds nothing.
    const fd = failoverEstimate({ ...base, dnsProvider: "azure-frontdoor" });
    assert.strictEqual(regionLosses("active-active", rs, fd, 900)[2].rtoSeconds, 30 + 400);
  });

  it("RTO is detection + TTL + scale-up for any inputs, never below detection", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 999 }), (interval, threshold, ttl, min, boot) => {
        const e = failoverEstimate({ ...base, healthCheckIntervalSeconds: interval, healthCheckFailureThreshold: threshold, dnsTtlSeconds: ttl, maxFailoverSeconds: 3600 });
        const l = regionLosses("active-passive", [region("p", 1, cap(8, [pool("a", 8, 8)])), region("s", 2, cap(8, [pool("a", min, 40)]), boot, 0)], e, 3600)[0];
        assert.strictEqual(l.rtoSeconds, interval * threshold + ttl + (min >= 8 ? 0 : boot));
      }),
    );
  });

  it("RPO: the RTC SLA for S3 with RTC, no SLA (named metric) without RTC and on Azure, nothing without replication", () => {
    const store = (region: string | undefined, rtc = false) => ({ backend: "object", replicateToRegion: region, replicationTimeControl: rtc });
    assert.strictEqual(replicationKind("aws", store("us-west-2", true)), "s3-rtc");
    assert.strictEqual(replicationKind("aws", store("us-west-2")), "s3");
    assert.strictEqual(replicationKind("azure", store("westus3")), "azure");
    assert.strictEqual(replicationKind("aws", store(undefined)), "none");
    assert.strictEqual(replicationKind("aws", { ...store("us-west-2"), backend: "pvc" }), "none");
    assert.strictEqual(replicationKind("aws", undefined), "none");
    assert.deepStrictEqual([rpoOf("s3-rtc").slaSeconds, rpoOf("s3-rtc").metric], [900, "aws_s3_replication_latency_maximum"]);
    for (const k of ["s3", "azure"] as const) {
      assert.strictEqual(rpoOf(k).slaSeconds, null);
      assert.match(rpoOf(k).text, /^no SLA/);
      assert.ok(rpoOf(k).metric);
    }
    assert.deepStrictEqual([rpoOf("none").slaSeconds, rpoOf("none").metric], [null, undefined]);
  });

  it("replicas a zone loss takes: ceil(replicas / zones) with a zone spread, all of them without", () => {
    assert.deepStrictEqual([replicasLostPerZone(3, 3, true), replicasLostPerZone(4, 3, true), replicasLostPerZone(2, 3, true), replicasLostPerZone(4, 3, false), replicasLostPerZone(4, 1, true)], [1, 2, 1, 4, 4]);
  });

  it("drView joins the regions' capacity and RPO with the losses", () => {
    const v = drView("active-passive", f, 900, [region("p", 1, cap(8, [pool("a", 4, 8), pool("b", 4, 8)])), { ...region("s", 2, cap(8, [pool("a", 8, 8)])), replication: "s3-rtc" }]);
    assert.deepStrictEqual(v.regions.map((r) => [r.stack, r.requiredGpus, r.guaranteedGpus, r.maxGpus, r.rpo.kind]), [["p", 8, 8, 16, "none"], ["s", 8, 8, 8, "s3-rtc"]]);
    assert.deepStrictEqual([v.detectionBoundSeconds, v.detectionWithinBound, v.losses.length, v.losses[0].rtoSeconds], [60, true, 1, 60]);
  });
});
