import { enumOf, int, obj, str } from "../schema";

export const DR_ROLES = ["primary", "secondary"] as const;

/** `dynamo-ha:dr` — this region's place in the multi-region set (exported for the global stack). */
export const drSection = obj(
  {
    role: enumOf(DR_ROLES, { doc: "Role in active-passive routing.", default: "primary" }),
    peerStack: str({ doc: "The DR peer's stack name.", defaultText: "none" }),
    priority: int({ doc: "Failover priority (1 is tried first).", default: 1, min: 1, max: 1000 }),
    weight: int({ doc: "Weight in active-active routing.", default: 100, min: 0, max: 1000 }),
    healthPath: str({ doc: "Frontend health path probed by global routing.", default: "/health", pattern: /^\//, patternText: "a path starting with /" }),
  },
  { doc: "Multi-region role.", optional: true },
);
