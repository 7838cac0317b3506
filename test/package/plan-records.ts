// The slice of a plan that must survive a refactor of the package: what each resource is, where it
// sits and what it is given. Dependencies and outputs may change shape; these may not.
import { Plan } from "../../tools/plan/run";

export interface PlanRecord {
  type: string;
  name: string;
  urn: string;
  parent: string;
  provider: string;
  protect: boolean;
  retainOnDelete: boolean;
  /** Inputs as the capture records them (secrets "[secret]", unknowns "<computed>"). */
  inputs: Record<string, unknown>;
}

export function planRecords(p: Plan): PlanRecord[] {
  return p.resources.map((r) => ({
    type: r.type,
    name: r.name,
    urn: r.urn,
    parent: r.parent,
    provider: r.provider,
    protect: r.protect,
    retainOnDelete: r.retainOnDelete,
    inputs: r.inputs,
  }));
}
