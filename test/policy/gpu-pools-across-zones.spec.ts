import * as assert from "assert";
import { gpuPoolsAcrossZones } from "../../policy/policies";
import { aksPool, eksPool, subnet } from "./fixtures";
import { runStack, UNKNOWN_WIRE } from "./helpers";

describe("policy gpu-pools-across-zones", () => {
  it("EKS zones come from the Subnets that subnetIds depends on", async () => {
    const rs = [subnet("a", "us-east-1a"), subnet("b", "us-east-1b"), subnet("c", "us-east-1c"), eksPool("g1", { subnets: ["a"] }), eksPool("g2", { subnets: ["b", "c"] })];
    assert.deepStrictEqual(await runStack(gpuPoolsAcrossZones, rs, { minZones: 3 }), []);
    const v = await runStack(gpuPoolsAcrossZones, rs.slice(0, 4), { minZones: 2 });
    assert.strictEqual(v.length, 1);
    assert.match(v[0].message, /span 1 zone\(s\) \(us-east-1a\)/);
  });

  it("falls back to the dynamo-ha.io/zone tag when the subnet zone is unknown", async () => {
    const s = { ...subnet("a", "x"), props: { availabilityZone: UNKNOWN_WIRE } };
    const rs = [s, eksPool("g1", { subnets: ["a"], zoneTag: "us-east-1a" }), eksPool("g2", { zoneTag: "us-east-1b" })];
    assert.deepStrictEqual(await runStack(gpuPoolsAcrossZones, rs, { minZones: 2 }), []);
    assert.strictEqual((await runStack(gpuPoolsAcrossZones, rs, { minZones: 3 })).length, 1);
  });

  it("does not fail on zones only the update knows", async () => {
    assert.deepStrictEqual(await runStack(gpuPoolsAcrossZones, [eksPool("g1", {})], { minZones: 3 }), []);
  });

  it("AKS agent pools: availabilityZones", async () => {
    assert.deepStrictEqual(await runStack(gpuPoolsAcrossZones, [aksPool("gpu", { zones: ["1", "2", "3"] })], { minZones: 3 }), []);
    assert.strictEqual((await runStack(gpuPoolsAcrossZones, [aksPool("gpu", { zones: ["1"] })], { minZones: 2 })).length, 1);
  });

  it("every spot pool needs an on-demand pool of the same GPU class", async () => {
    const z = { subnets: ["a"] };
    const base = [subnet("a", "us-east-1a")];
    const paired = [...base, eksPool("spot", { ...z, capacity: "SPOT", gpuClass: "h100" }), eksPool("od", { ...z, gpuClass: "h100" })];
    assert.deepStrictEqual(await runStack(gpuPoolsAcrossZones, paired, { minZones: 1 }), []);
    const wrongClass = [...base, eksPool("spot", { ...z, capacity: "SPOT", gpuClass: "h100" }), eksPool("od", { ...z, gpuClass: "a100" })];
    const v = await runStack(gpuPoolsAcrossZones, wrongClass, { minZones: 1 });
    assert.strictEqual(v.length, 1);
    assert.match(v[0].message, /spot pool of GPU class h100/);
    const aks = [aksPool("spot", { spot: true, gpuClass: "a100" }), aksPool("regular", { gpuClass: "a100" })];
    assert.deepStrictEqual(await runStack(gpuPoolsAcrossZones, aks, { minZones: 3 }), []);
    assert.strictEqual((await runStack(gpuPoolsAcrossZones, [aksPool("spot", { spot: true, gpuClass: "a100" })], { minZones: 3 })).length, 1);
  });
});
