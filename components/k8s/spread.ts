// Topology spread constraints: one builder for every spread the Kubernetes layer asks for.
import { HOST_KEY, ZONE_KEY } from "../core/labels";

export type WhenUnsatisfiable = "DoNotSchedule" | "ScheduleAnyway";
export type InclusionPolicy = "Honor" | "Ignore";

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: WhenUnsatisfiable;
  labelSelector: { matchLabels: Record<string, string> };
  matchLabelKeys?: string[];
  nodeTaintsPolicy?: InclusionPolicy;
}

/**
 * Label whose value differs between rollout generations of a Dynamo component. Listing it in
 * `matchLabelKeys` makes the scheduler count only pods of the same generation, so a rollout cannot
 * leave every new pod in one domain while old pods still count (ai-dynamo/dynamo #13186). Pods
 * without the label are unaffected (Kubernetes ignores absent keys).
 */
export const GENERATION_LABEL = "nvidia.com/dynamo-worker-hash";

/**
 * How the zone constraint treats node taints. With `Honor`, nodes carrying a taint the pod does not
 * tolerate are left out of the skew calculation. The node lifecycle controller puts
 * `node.kubernetes.io/unreachable:NoSchedule` / `not-ready:NoSchedule` on the nodes of a failed zone
 * (pods get default tolerations only for the NoExecute variants), so that zone stops counting as a
 * domain and its pods can be rescheduled into the surviving zones instead of staying Pending on skew.
 */
export const ZONE_NODE_TAINTS_POLICY: InclusionPolicy = "Honor";

/** Spread pods matching `selector` over `topologyKey`, at most `maxSkew` apart. */
export function spread(
  topologyKey: string,
  selector: Record<string, string>,
  when: WhenUnsatisfiable,
  o: { generationScoped?: boolean; nodeTaintsPolicy?: InclusionPolicy } = {},
): SpreadConstraint {
  return {
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: when,
    labelSelector: { matchLabels: { ...selector } },
    ...(o.generationScoped ? { matchLabelKeys: [GENERATION_LABEL] } : {}),
    ...(o.nodeTaintsPolicy ? { nodeTaintsPolicy: o.nodeTaintsPolicy } : {}),
  };
}

/**
 * Zone spread is always hard (`DoNotSchedule`) and honours taints: a soft constraint is dropped exactly
 * when capacity is short, which is when replicas would stack into one zone (the policy pack's
 * zone-spread rule requires the same). There is deliberately no soft variant.
 */
export const zoneSpread = (selector: Record<string, string>, o: { generationScoped?: boolean } = {}) =>
  spread(ZONE_KEY, selector, "DoNotSchedule", { ...o, nodeTaintsPolicy: ZONE_NODE_TAINTS_POLICY });
export const hostSpread = (selector: Record<string, string>, when: WhenUnsatisfiable, o?: { generationScoped?: boolean }) => spread(HOST_KEY, selector, when, o);

export interface NatsSpreadEntry {
  maxSkew: number;
  whenUnsatisfiable: WhenUnsatisfiable;
  nodeTaintsPolicy?: InclusionPolicy;
}

/**
 * The nats chart takes spread constraints as a map keyed by topology key, merges each entry into the
 * constraint and adds the selector itself (dynamo-facts §2.2), so this renders the same intent in that
 * shape: every key hard, and the zone key honouring taints like zoneSpread.
 */
export function natsSpreadMap(keys: readonly string[]): Record<string, NatsSpreadEntry> {
  return Object.fromEntries(
    keys.map((k) => [k, { maxSkew: 1, whenUnsatisfiable: "DoNotSchedule" as const, ...(k === ZONE_KEY ? { nodeTaintsPolicy: ZONE_NODE_TAINTS_POLICY } : {}) }]),
  );
}
