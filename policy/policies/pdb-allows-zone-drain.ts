import { StackValidationPolicy } from "@pulumi/policy";
import { allowedDisruptions, Budget } from "../lib/budget";
import { offendingPdbs, PdbEntry, pdbIndex, pdbList } from "../lib/pdb-index";
import { cfgInt } from "../lib/stack";
import { isUnknown, Unknown } from "../lib/values";

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
    const zones = Math.max(1, cfgInt(cfg, "zones", 3));
    const minReplicas = cfgInt(cfg, "minReplicas", 2);
    const ix = pdbIndex(args.resources);
    const memo = new Map<string, PdbEntry[]>();
    const leastShared = new Map<readonly PdbEntry[], number>();
    const short = (b: Budget | Unknown, replicas: number) => {
      const allowed = allowedDisruptions(b, replicas);
      return typeof allowed === "number" && allowed > 0 && allowed < Math.ceil(replicas / zones);
    };
    for (const { urn, w } of ix.workloads) {
      if (isUnknown(w.replicas) || w.replicas < minReplicas) continue;
      const bad = offendingPdbs(ix, w, w.replicas, short, memo);
      if (bad.count === 0) continue;
      const share = Math.ceil(w.replicas / zones);
      const replicas = w.replicas;
      const leastOf = (ps: readonly PdbEntry[]) => ps.reduce((m, p) => Math.min(m, allowedDisruptions(p.budget, replicas) as number), Infinity);
      // The shared list belongs to one replica count: its least is computed once.
      let sharedLeast = leastShared.get(bad.shared);
      if (sharedLeast === undefined) leastShared.set(bad.shared, (sharedLeast = leastOf(bad.shared)));
      const least = Math.min(sharedLeast, leastOf(bad.own));
      report(`${pdbList(bad)} ${bad.count === 1 ? "allows" : "allow as few as"} ${least} eviction(s) but one zone holds up to ${share} of the ${w.replicas} replicas of ${w.label} (${zones} zones).`, urn);
    }
  },
};
