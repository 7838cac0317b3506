import { StackValidationPolicy } from "@pulumi/policy";
import { allowedDisruptions } from "../lib/budget";
import { cfgInt } from "../lib/stack";
import { isUnknown } from "../lib/values";
import { pdbPairs } from "./pdb-allows-drain";

export interface ZoneDrainConfig {
  zones?: number;
  minReplicas?: number;
}

/**
 * The zone-aware part of pdb-allows-drain, kept separate so it can stay advisory: with replicas spread
 * evenly, evacuating one zone (zonal node-pool upgrade, zone drain) evicts ceil(replicas / zones) pods.
 * A smaller budget does not block the drain, but serialises it behind rescheduling.
 */
export const pdbAllowsZoneDrain: StackValidationPolicy = {
  name: "pdb-allows-zone-drain",
  description: "A PodDisruptionBudget lets the largest per-zone share of the replicas it selects be evicted at once.",
  remediationSteps: "Raise maxUnavailable (or lower minAvailable) to at least ceil(replicas / zones), or add replicas so the budget covers one zone's share.",
  enforcementLevel: "advisory",
  severity: "medium",
  configSchema: {
    properties: {
      zones: { type: "integer", minimum: 1, default: 3, description: "Zones the replicas are spread over." },
      minReplicas: { type: "integer", minimum: 1, default: 2 },
    },
  },
  validateStack: (args, report) => {
    const cfg = args.getConfig<ZoneDrainConfig>() as Record<string, unknown>;
    const zones = cfgInt(cfg, "zones", 3);
    const minReplicas = cfgInt(cfg, "minReplicas", 2);
    for (const { pdb, label, budget, matched } of pdbPairs(args.resources)) {
      for (const { w } of matched) {
        if (isUnknown(w.replicas) || w.replicas < minReplicas) continue;
        const share = Math.ceil(w.replicas / zones);
        const allowed = allowedDisruptions(budget, w.replicas);
        if (typeof allowed === "number" && allowed > 0 && allowed < share) {
          report(`${label} allows ${allowed} eviction(s) but one zone holds up to ${share} of the ${w.replicas} replicas of ${w.label} (${zones} zones).`, pdb.urn);
        }
      }
    }
  },
};
