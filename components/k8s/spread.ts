// Topology spread constraints: one builder for every spread the Kubernetes layer asks for.
import { HOST_KEY, ZONE_KEY } from "../core/labels";

export type WhenUnsatisfiable = "DoNotSchedule" | "ScheduleAnyway";

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: WhenUnsatisfiable;
  labelSelector: { matchLabels: Record<string, string> };
  matchLabelKeys?: string[];
}

/**
 * Label whose value differs between rollout generations of a Dynamo component. Listing it in
 * `matchLabelKeys` makes the scheduler count only pods of the same generation, so a rollout cannot
 * leave every new pod in one domain while old pods still count (ai-dynamo/dynamo #13186). Pods
 * without the label are unaffected (Kubernetes ignores absent keys).
 */
export const GENERATION_LABEL = "nvidia.com/dynamo-worker-hash";

/** Spread pods matching `selector` over `topologyKey`, at most `maxSkew` apart. */
export function spread(topologyKey: string, selector: Record<string, string>, when: WhenUnsatisfiable, o: { generationScoped?: boolean } = {}): SpreadConstraint {
  return {
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: when,
    labelSelector: { matchLabels: { ...selector } },
    ...(o.generationScoped ? { matchLabelKeys: [GENERATION_LABEL] } : {}),
  };
}

export const zoneSpread = (selector: Record<string, string>, when: WhenUnsatisfiable, o?: { generationScoped?: boolean }) => spread(ZONE_KEY, selector, when, o);
export const hostSpread = (selector: Record<string, string>, when: WhenUnsatisfiable, o?: { generationScoped?: boolean }) => spread(HOST_KEY, selector, when, o);

/**
 * The nats chart takes spread constraints as a map keyed by topology key and adds the selector itself
 * (dynamo-facts §2.2), so this renders the same intent in that shape.
 */
export function natsSpreadMap(keys: readonly string[], when: WhenUnsatisfiable): Record<string, { maxSkew: number; whenUnsatisfiable: WhenUnsatisfiable }> {
  return Object.fromEntries(keys.map((k) => [k, { maxSkew: 1, whenUnsatisfiable: when }]));
}
