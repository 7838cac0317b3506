import * as assert from "assert";
import fc from "fast-check";
import { ConfigError } from "../../components/core/config";
import { capacityReport, sizeZones, SizingInput } from "../../components/core/sizing";

const input = (o: Partial<SizingInput> = {}): SizingInput => ({
  requiredGpus: 8,
  zones: ["a", "b", "c"],
  gpusPerNode: 1,
  toleratedZoneFailures: 1,
  onDemandFloor: 0.5,
  spot: true,
  headroomNodes: 2,
  ...o,
});

function combinations<T>(xs: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  return xs.flatMap((x, i) => combinations(xs.slice(i + 1), k - 1).map((rest) => [x, ...rest]));
}

describe("zone-loss sizing", () => {
  it("puts ceil(R / ((Z − f) · g)) nodes in each zone", () => {
    const s = sizeZones(input());
    assert.strictEqual(s.nodesPerZone, 4); // 8 / (2 · 1)
    assert.strictEqual(s.onDemandNodesPerZone, 2); // 0.5 · 8 / 2
    assert.deepStrictEqual(
      s.pools.filter((p) => p.zone === "a").map((p) => [p.capacityType, p.minNodes, p.maxNodes]),
      [
        ["spot", 2, 6],
        ["on-demand", 2, 6],
      ],
    );
  });

  it("without spot every node is on-demand", () => {
    const s = sizeZones(input({ spot: false }));
    assert.deepStrictEqual(s.pools.map((p) => p.capacityType), ["on-demand", "on-demand", "on-demand"]);
    assert.ok(s.pools.every((p) => p.minNodes === 4));
  });

  it("reports GPUs without each zone and without spot", () => {
    const i = input({ requiredGpus: 16, gpusPerNode: 8 });
    const r = capacityReport(i, sizeZones(i), (p) => ({ name: `${p.capacityType}-${p.zone}`, instanceTypes: ["p5.48xlarge"] }));
    assert.strictEqual(r.nodesPerZone, 1);
    assert.deepStrictEqual(r.withoutZone, { a: 16, b: 16, c: 16 });
    assert.strictEqual(r.withoutSpot, 24); // on-demand floor 8 GPUs → one 8-GPU node per zone
    assert.strictEqual(r.pools.length, 6);
  });

  it("rejects R ≤ 0, f ≥ Z and fewer than 2 zones with one line", () => {
    assert.throws(() => sizeZones(input({ requiredGpus: 0 })), (e: Error) => e instanceof ConfigError && /requiredGpus: must be an integer ≥ 1, got 0/.test(e.message));
    assert.throws(() => sizeZones(input({ toleratedZoneFailures: 3 })), /toleratedZoneFailures: must be an integer from 0 to 2/);
    assert.throws(() => sizeZones(input({ zones: ["a"] })), /need at least 2 distinct zones/);
  });

  it("property: survives every choice of f failed zones (and spot loss for the floor), at most the bound per zone", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 5 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        (R, Z, g, fRaw, floor, spot) => {
          const f = fRaw % Z;
          const zones = Array.from({ length: Z }, (_, i) => `z${i}`);
          const i = input({ requiredGpus: R, zones, gpusPerNode: g, toleratedZoneFailures: f, onDemandFloor: floor, spot });
          const s = sizeZones(i);
          const bound = Math.ceil(R / ((Z - f) * g));
          for (const z of zones) {
            const perZone = s.pools.filter((p) => p.zone === z).reduce((n, p) => n + p.minNodes, 0);
            assert.ok(perZone <= bound + 1, `zone ${z}: ${perZone} nodes > bound ${bound} + 1`);
            for (const p of s.pools.filter((q) => q.zone === z)) assert.ok(p.maxNodes >= p.minNodes);
          }
          for (const failed of combinations(zones, f)) {
            const left = s.pools.filter((p) => !failed.includes(p.zone));
            const gpus = left.reduce((n, p) => n + p.minNodes * g, 0);
            assert.ok(gpus >= R, `losing ${failed} leaves ${gpus} < ${R}`);
            const onDemand = left.filter((p) => p.capacityType === "on-demand").reduce((n, p) => n + p.minNodes * g, 0);
            assert.ok(onDemand >= Math.ceil(floor * R - 1e-9), `losing ${failed} and spot leaves ${onDemand} < floor ${floor * R}`);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
