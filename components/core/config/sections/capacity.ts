import { int, num, obj } from "../schema";

/** `dynamo-ha:capacity` — what must survive: the inputs of the zone-loss sizing. */
export const capacitySection = obj(
  {
    requiredGpus: int({ doc: "GPUs the service needs (R) at all times.", min: 1, max: 100000 }),
    toleratedZoneFailures: int({ doc: "Zones that may fail at once (f); must be fewer than the zones.", default: 1, min: 0, max: 5 }),
    onDemandFloor: num({ doc: "Share of R that must survive losing every spot node (0–1).", default: 0.5, min: 0, max: 1 }),
  },
  { doc: "Zone-loss sizing inputs." },
);
