// The numbers on the HA report page, computed once from a plan (the same records as `plan --json`).
import { DrView, spareGpus } from "../../components/core/dr-estimate";
import { FailoverEstimate } from "../../components/core/failover";
import { CapacityReport } from "../../components/core/sizing";
import { PolicyReport } from "../plan/policy";
import { Plan } from "../plan/run";
import { coverage, Coverage } from "./coverage";

export interface Scenario {
  /** Stable id for the page: "zone:<zone>" or "spot". */
  id: string;
  label: string;
  /** Guaranteed GPUs (pool minimums) left. */
  gpus: number;
  /** GPUs this scenario must keep: all required GPUs for a zone loss, the on-demand floor for a spot storm. */
  needed: number;
  requiredGpus: number;
  survives: boolean;
  /** GPUs left beyond what is needed; 0 survives with nothing to spare. */
  spare: number;
}

export interface ReportModel {
  project: string;
  stack: string;
  resourceCount: number;
  capacity: CapacityReport | null;
  scenarios: Scenario[];
  coverage: Coverage[];
  policy: PolicyReport;
  failover: FailoverEstimate | null;
  /** The global stack's regions joined (null on other stacks); `missing`: regions not bundled, so not planned. */
  dr: { view: DrView; missing: string[] } | null;
}

export function scenarios(c: CapacityReport): Scenario[] {
  const zones = Object.entries(c.withoutZone).map(([zone, gpus]) => ({
    id: `zone:${zone}`,
    label: `zone ${zone} lost`,
    gpus,
    needed: c.requiredGpus,
    requiredGpus: c.requiredGpus,
    survives: gpus >= c.requiredGpus,
    spare: spareGpus(gpus, c.requiredGpus),
  }));
  const floor = Math.ceil(c.onDemandFloor * c.requiredGpus);
  const spot = { id: "spot", label: "spot storm (every spot node reclaimed)", gpus: c.withoutSpot, needed: floor, requiredGpus: c.requiredGpus, survives: c.withoutSpot >= floor, spare: spareGpus(c.withoutSpot, floor) };
  return [...zones, spot];
}

function failoverOf(v: unknown): FailoverEstimate | null {
  const f = v as Partial<FailoverEstimate> | undefined;
  return f && typeof f === "object" && typeof f.detectionSeconds === "number" ? (f as FailoverEstimate) : null;
}

export function reportModel(p: Plan, dr: ReportModel["dr"] = null): ReportModel {
  return {
    project: p.project,
    stack: p.stack,
    resourceCount: p.resources.length,
    capacity: p.capacity,
    scenarios: p.capacity ? scenarios(p.capacity) : [],
    coverage: coverage(p.resources),
    policy: p.policy,
    failover: failoverOf(p.outputs.failover),
    dr,
  };
}
