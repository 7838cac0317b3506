// Does a pod spec spread its replicas across zones? A *hard* zone topology spread constraint
// (whenUnsatisfiable: DoNotSchedule) or a *required* pod anti-affinity term on the zone key, each
// selecting the pods themselves. Hostname-only spread survives a node loss but not a zone loss; soft
// rules (ScheduleAnyway, preferred anti-affinity) are dropped exactly under capacity pressure, when
// replicas would stack into one zone, so neither counts.
import { ZONE_KEY } from "./keys";
import { Labels, selects } from "./selectors";
import { at, isObj, isUnknown, text, Tri, UNKNOWN } from "./values";

export interface SpreadVerdict {
  ok: Tri;
  /** Why not, when ok is false: what the spec has instead. */
  detail: string;
}

/** Only DoNotSchedule holds under pressure; ScheduleAnyway (or a missing value) does not. */
function isHard(when: unknown): Tri {
  if (isUnknown(when)) return UNKNOWN;
  return when === "DoNotSchedule";
}

function and(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  if (isUnknown(a) || isUnknown(b)) return UNKNOWN;
  return true;
}

export function zoneSpread(podSpec: unknown, podLabels: Labels): SpreadVerdict {
  if (isUnknown(podSpec)) return { ok: UNKNOWN, detail: "" };
  const seen: string[] = [];
  const results: Tri[] = [];
  const tscs = at(podSpec, "topologySpreadConstraints");
  if (isUnknown(tscs)) results.push(UNKNOWN);
  else if (Array.isArray(tscs)) {
    for (const c of tscs) {
      const key = at(c, "topologyKey");
      if (isUnknown(key) || isUnknown(c)) {
        results.push(UNKNOWN);
        continue;
      }
      if (key !== ZONE_KEY) {
        seen.push(`a spread constraint on ${text(key)}`);
        continue;
      }
      const sel = selects(at(c, "labelSelector"), podLabels);
      if (sel === false) seen.push(`a zone spread constraint whose labelSelector does not select the pods`);
      const when = at(c, "whenUnsatisfiable");
      const hard = isHard(when);
      if (hard === false) seen.push(`a zone spread constraint with whenUnsatisfiable ${text(when)} (not DoNotSchedule)`);
      results.push(and(sel, hard));
    }
  }
  const anti = at(podSpec, "affinity", "podAntiAffinity");
  if (isUnknown(anti)) results.push(UNKNOWN);
  else if (isObj(anti)) {
    const required = at(anti, "requiredDuringSchedulingIgnoredDuringExecution");
    if (isUnknown(required)) results.push(UNKNOWN);
    else if (Array.isArray(required)) {
      for (const term of required) {
        const key = at(term, "topologyKey");
        if (isUnknown(key)) {
          results.push(UNKNOWN);
          continue;
        }
        if (key !== ZONE_KEY) {
          seen.push(`required anti-affinity on ${text(key)}`);
          continue;
        }
        const sel = selects(at(term, "labelSelector"), podLabels);
        if (sel === false) seen.push(`required zone anti-affinity whose labelSelector does not select the pods`);
        results.push(sel);
      }
    }
    const preferred = at(anti, "preferredDuringSchedulingIgnoredDuringExecution");
    if (Array.isArray(preferred)) {
      for (const p of preferred) {
        const key = at(p, "podAffinityTerm", "topologyKey");
        if (typeof key === "string") seen.push(`preferred (not required) anti-affinity on ${text(key)}`);
      }
    }
  }
  const ok: Tri = results.some((r) => r === true) ? true : results.some(isUnknown) ? UNKNOWN : false;
  return { ok, detail: seen.length ? `it has only ${seen.join(", ")}` : "it has no spread constraint or anti-affinity" };
}
