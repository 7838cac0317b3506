// The on-demand floor as the pack sees the bundled regional stacks: the GPUs it counts on the
// on-demand pools agree with the plan's own capacity section (`withoutSpot`), and a stack whose
// on-demand pools may scale to zero fails under the prod config.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { gpuPools, gpusWithoutSpot, POOL_TYPES } from "../../policy/lib/pools";
import { stackItems } from "../../policy/lib/stack";
import { gpuPoolsAcrossZones } from "../../policy/policies";
import { COMPUTED, ResourceRecord } from "../../tools/plan/records";
import { PROJECT_ROOT } from "../../stacks/project-root";
import { plannedStack } from "../support/plans";
import { Res, runStack, stackArgs, UNKNOWN_WIRE } from "./helpers";

const prod = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "policy", "config", "prod.json"), "utf8"))["gpu-pools-across-zones"] as object;

/** Captured records as policy inputs: "<computed>" back to the unknown sentinel the engine sends. */
function unwire(v: unknown): unknown {
  if (v === COMPUTED) return UNKNOWN_WIRE;
  if (Array.isArray(v)) return v.map(unwire);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwire(x)]));
  return v;
}
const asRes = (rs: ResourceRecord[]): Res[] => rs.map((r) => ({ type: r.type, name: r.name, props: unwire(r.inputs) as Record<string, unknown>, protect: r.protect, propertyDependencies: r.propertyDependencies }));

const ON_DEMAND: Record<string, (r: ResourceRecord) => boolean> = {
  "aws:eks/nodeGroup:NodeGroup": (r) => (r.inputs as { capacityType?: unknown }).capacityType === "ON_DEMAND",
  "azure-native:containerservice:AgentPool": (r) => (r.inputs as { scaleSetPriority?: unknown }).scaleSetPriority === "Regular",
};

describe("policy gpu-pools-across-zones: the on-demand floor on the bundled stacks", function () {
  this.timeout(240_000);

  for (const stack of ["eks-us-east-1", "aks-eastus2"]) {
    it(`${stack}: the pack counts the plan's withoutSpot GPUs, passes prod, and fails once on-demand pools may scale to zero`, async () => {
      const p = await plannedStack(stack);
      assert.ok(p.capacity, `${stack} has a capacity section`);
      const rs = asRes(p.resources);
      const left = gpusWithoutSpot(gpuPools(stackItems(stackArgs(rs).resources, POOL_TYPES)));
      assert.strictEqual(left.unknown, false);
      assert.strictEqual(left.gpus, p.capacity.withoutSpot);
      assert.ok(left.gpus > 0);
      assert.deepStrictEqual(await runStack(gpuPoolsAcrossZones, rs, prod), []);

      // The sizing with an on-demand floor of 0: every on-demand pool's minimum is 0.
      const zero = p.resources;
      let changed = 0;
      for (const r of zero) {
        if (!ON_DEMAND[r.type]?.(r)) continue;
        const i = r.inputs as Record<string, Record<string, unknown> | unknown>;
        if (r.type.startsWith("aws:")) (i.scalingConfig as Record<string, unknown>).minSize = 0;
        else i.minCount = 0;
        changed++;
      }
      assert.ok(changed >= 2, `${stack}: ${changed} on-demand pools`);
      const v = await runStack(gpuPoolsAcrossZones, asRes(zero), prod);
      assert.strictEqual(v.length, 1, v.map((x) => x.message).join("\n"));
      assert.match(v[0].message, /keep 0 GPU\(s\) at their minimum size when every spot node is reclaimed/);
      assert.ok(v[0].urn?.startsWith("urn:pulumi:"));
    });
  }
});
