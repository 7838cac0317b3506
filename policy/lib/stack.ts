// Plain views of the resources a stack policy receives, read once per run.
import { PolicyResource } from "@pulumi/policy";
import { plain } from "./values";

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
    const deps: Record<string, string[]> = {};
    for (const [k, rs] of Object.entries(r.propertyDependencies ?? {})) deps[k] = (rs ?? []).map((x) => x.urn);
    return { type: r.type, name: r.name, urn: r.urn, props: plain(r.props), protect: r.opts?.protect === true, propertyDependencies: deps };
  });
}

/** A config number: the engine sends what the pack config says (the CLI adds schema defaults). */
export function cfgInt(config: Record<string, unknown>, key: string, dflt: number): number {
  const v = config[key];
  return typeof v === "number" && Number.isFinite(v) ? v : dflt;
}
