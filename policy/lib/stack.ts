// Plain views of the resources a stack policy receives, read once per run.
import { PolicyResource } from "@pulumi/policy";
import { dict, isObj, own, plainProps } from "./values";

export interface StackItem {
  type: string;
  name: string;
  urn: string;
  props: unknown;
  protect: boolean;
  /** URNs of the resources each input property depends on. */
  propertyDependencies: Record<string, string[]>;
}

/**
 * Plain copies of the resources of the given types (all when omitted). Copying only what a policy
 * reads keeps large stacks cheap: every stack policy gets its own deserialised resources.
 */
export function stackItems(resources: readonly PolicyResource[], types?: readonly string[]): StackItem[] {
  const wanted = types ? new Set(types) : undefined;
  return resources.filter((r) => !wanted || wanted.has(r.type)).map((r) => {
    const deps = dict<string[]>();
    const pd: unknown = r.propertyDependencies;
    if (isObj(pd)) {
      for (const k of Object.keys(pd)) {
        const rs = pd[k];
        deps[k] = Array.isArray(rs) ? rs.map((x) => own(x, "urn")).filter((u): u is string => typeof u === "string") : [];
      }
    }
    return { type: r.type, name: r.name, urn: r.urn, props: plainProps(r.props), protect: own(r.opts, "protect") === true, propertyDependencies: deps };
  });
}

/** A config number: the engine sends what the pack config says (the CLI adds schema defaults). */
export function cfgInt(config: Record<string, unknown>, key: string, dflt: number): number {
  const v = own(config, key);
  return typeof v === "number" && Number.isFinite(v) ? v : dflt;
}

/** A config list of strings; the default unless the config holds an array (non-strings are dropped). */
export function cfgStrings(config: Record<string, unknown>, key: string, dflt: readonly string[]): readonly string[] {
  const v = own(config, key);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : dflt;
}
