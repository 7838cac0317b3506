import * as assert from "assert";
import { gpuPoolsAcrossZones } from "../../policy/policies";
import { aksPool, eksPool, subnet } from "./fixtures";
import { Res, runStack, UNKNOWN_WIRE, urnOf } from "./helpers";

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
    // Alone, a spot pool has no fallback, and nothing is left of the GPUs when spot capacity goes.
    const alone = await runStack(gpuPoolsAcrossZones, [aksPool("spot", { spot: true, gpuClass: "a100" })], { minZones: 3 });
    assert.strictEqual(alone.length, 2);
    assert.ok(alone.some((v) => /no on-demand pool of the same class/.test(v.message)));
    assert.ok(alone.some((v) => /keep 0 GPU\(s\)/.test(v.message)));
  });
});

describe("policy gpu-pools-across-zones: the on-demand floor", () => {
  const z = { subnets: ["a"] };
  const base = [subnet("a", "us-east-1a")];
  const floorViolations = async (rs: Res[], config: object) => (await runStack(gpuPoolsAcrossZones, rs, { minZones: 1, ...config })).filter((v) => /every spot node is reclaimed|floor of 0/.test(v.message));

  it("fails when only spot pools hold GPUs, on a pool's URN", async () => {
    const v = await floorViolations([...base, eksPool("spot", { ...z, capacity: "SPOT", gpuClass: "h100", minSize: 2, gpusPerNode: "8" })], { minOnDemandGpus: 1 });
    assert.strictEqual(v.length, 1);
    assert.match(v[0].message, /EKS GPU node groups keep 0 GPU\(s\) .* the on-demand floor is 1\./);
    assert.strictEqual(v[0].urn, urnOf("aws:eks/nodeGroup:NodeGroup", "spot"));
  });

  it("fails when the on-demand pools may scale to zero (an on-demand floor of 0 in the sizing)", async () => {
    const rs = [...base, eksPool("spot", { ...z, capacity: "SPOT", gpuClass: "h100", minSize: 4 }), eksPool("od", { ...z, gpuClass: "h100", minSize: 0 })];
    const v = await floorViolations(rs, {});
    assert.strictEqual(v.length, 1);
    assert.strictEqual(v[0].urn, urnOf("aws:eks/nodeGroup:NodeGroup", "od"));
  });

  it("counts minimum nodes times the declared GPUs per node against the configured floor", async () => {
    const rs = [...base, eksPool("od-a", { ...z, gpuClass: "h100", minSize: 1, gpusPerNode: "8" }), eksPool("od-b", { ...z, gpuClass: "h100", minSize: 2, gpusPerNode: "8" })];
    assert.deepStrictEqual(await floorViolations(rs, { minOnDemandGpus: 24 }), []);
    const v = await floorViolations(rs, { minOnDemandGpus: 25 });
    assert.strictEqual(v.length, 1);
    assert.match(v[0].message, /keep 24 GPU\(s\)/);
    // Undeclared GPUs per node count as 1 (every GPU node has one), and the message says so.
    const undeclared = await floorViolations([...base, eksPool("od", { ...z, gpuClass: "h100", minSize: 2 })], { minOnDemandGpus: 3 });
    assert.match(undeclared[0].message, /keep 2 GPU\(s\) .*counting 1 GPU per node/);
  });

  it("a configured floor of 0 is itself a violation", async () => {
    const v = await floorViolations([...base, eksPool("od", { ...z, gpuClass: "h100", minSize: 3 })], { minOnDemandGpus: 0 });
    assert.strictEqual(v.length, 1);
    assert.match(v[0].message, /floor of 0/);
  });

  it("does not judge sizes only the update knows, nor fail where the known pools already pass", async () => {
    assert.deepStrictEqual(await floorViolations([...base, eksPool("od", { ...z, gpuClass: "h100", minSize: UNKNOWN_WIRE })], { minOnDemandGpus: 4 }), []);
    const mixed = [...base, eksPool("od", { ...z, gpuClass: "h100", minSize: 4 }), eksPool("od2", { ...z, gpuClass: "h100", minSize: UNKNOWN_WIRE })];
    assert.deepStrictEqual(await floorViolations(mixed, { minOnDemandGpus: 4 }), []);
  });

  it("AKS: Regular pools' minCount with autoscaling, count without; spot pools never count", async () => {
    const spot = aksPool("gpuspot", { spot: true, gpuClass: "a100", autoscale: true, minCount: 6, count: 6 });
    assert.deepStrictEqual(await floorViolations([spot, aksPool("gpureg", { gpuClass: "a100", autoscale: true, minCount: 2, count: 5 })], { minOnDemandGpus: 2 }), []);
    assert.strictEqual((await floorViolations([spot, aksPool("gpureg", { gpuClass: "a100", autoscale: true, minCount: 1, count: 5 })], { minOnDemandGpus: 2 })).length, 1);
    assert.deepStrictEqual(await floorViolations([spot, aksPool("gpureg", { gpuClass: "a100", autoscale: false, minCount: 0, count: 2 })], { minOnDemandGpus: 2 }), []);
    const v = await floorViolations([spot, aksPool("gpureg", { gpuClass: "a100", autoscale: true, minCount: 0, count: 3 })], { minOnDemandGpus: 1 });
    assert.match(v[0].message, /AKS GPU agent pools keep 0 GPU\(s\)/);
  });

  it("hostile sizes neither throw nor count as GPUs", async () => {
    for (const minSize of [-3, "abc", { n: 1 }, [2], null, 1e308, "99999999999999999999", "constructor"]) {
      const rs = [...base, eksPool("od", { ...z, gpuClass: "h100", minSize })];
      assert.deepStrictEqual(await floorViolations(rs, { minOnDemandGpus: 1 }), [], JSON.stringify(minSize));
    }
  });
});
