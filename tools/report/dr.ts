// The global stack's regions for the DR view: each bundled regional stack it references, planned (for
// its capacity report) and its config read (for DR timings and replication). The math is pure, in
// components/core/dr-estimate.ts; this file only gathers its inputs.
import { loadStackConfig } from "../../components/core/config";
import { DrRegionInput, drView, DrView, replicationKind } from "../../components/core/dr-estimate";
import { FailoverEstimate } from "../../components/core/failover";
import { stackNameOf } from "../../components/core/regional-outputs";
import { Plan, plan } from "../plan/run";
import { bundledStacks, loadStackFile, STACKS_DIR } from "../plan/stack-file";

export type Planner = (stack: string) => Promise<Plan>;

/** The DR inputs of one bundled regional stack from its plan and stack file. */
export function drRegionInput(p: Plan, dir = STACKS_DIR): DrRegionInput | undefined {
  const c = loadStackConfig(loadStackFile(p.stack, dir).config, p.stack);
  if (c.kind !== "regional" || !p.capacity) return undefined;
  return {
    stack: p.stack,
    region: c.region,
    cloud: c.cloud,
    role: c.dr.role,
    priority: c.dr.priority,
    capacity: p.capacity,
    replication: replicationKind(c.cloud, c.storage),
    nodeBootSeconds: c.dr.nodeBootSeconds,
    modelLoadSeconds: c.dr.modelLoadSeconds,
  };
}

/**
 * The DR view of a global stack's plan; null for any other stack. Regions that are not bundled stack
 * files cannot be planned offline and are listed in `missing`.
 */
export async function drViewOf(p: Plan, planOf: Planner = (s) => plan(s, { policy: false }), dir = STACKS_DIR): Promise<{ view: DrView; missing: string[] } | null> {
  const o = p.outputs as { kind?: unknown; regions?: unknown; routing?: { mode?: unknown }; failover?: FailoverEstimate; rtoGoalSeconds?: unknown };
  if (o.kind !== "global" || !Array.isArray(o.regions) || !o.failover || typeof o.rtoGoalSeconds !== "number") return null;
  const bundled = new Set(bundledStacks(dir));
  const names = (o.regions as string[]).map(stackNameOf);
  const inputs: DrRegionInput[] = [];
  for (const stack of names.filter((s) => bundled.has(s))) {
    const r = drRegionInput(await planOf(stack), dir);
    if (r) inputs.push(r);
  }
  const missing = names.filter((s) => !inputs.some((r) => r.stack === s));
  return { view: drView(String(o.routing?.mode ?? o.failover.mode), o.failover, o.rtoGoalSeconds, inputs), missing };
}
