import { STACK_NAME, URL_PATH } from "../grammar";
import { enumOf, int, obj, str } from "../schema";

export const DR_ROLES = ["primary", "secondary"] as const;

/** `dynamo-ha:dr` — this region's place in the multi-region set (exported for the global stack). */
export const drSection = obj(
  {
    role: enumOf(DR_ROLES, { doc: "Role in active-passive routing.", default: "primary" }),
    peerStack: str({ doc: "The DR peer's stack name.", defaultText: "none", grammar: STACK_NAME }),
    priority: int({ doc: "Failover priority (1 is tried first).", default: 1, min: 1, max: 1000 }),
    weight: int({ doc: "Weight in active-active routing.", default: 100, min: 0, max: 1000 }),
    healthPath: str({ doc: "Frontend health path probed by global routing.", default: "/health", grammar: URL_PATH }),
    nodeBootSeconds: int({
      doc: "RTO estimate: seconds from a scale-up request until a new GPU node is Ready (instance start, GPU driver and device plugin). Measure it in your account; the default is a conservative GPU-node figure.",
      default: 300,
      min: 0,
      max: 3600,
    }),
    modelLoadSeconds: int({
      doc: "RTO estimate: seconds from a Ready GPU node until a worker on it serves (image pull, weights from the store into GPU memory, warm-up). Measure it for your model.",
      default: 300,
      min: 0,
      max: 7200,
    }),
  },
  { doc: "Multi-region role.", optional: true },
);
