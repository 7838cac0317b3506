// Which config namespaces a stack may set: the project's own and the providers' the program uses.
// A key in any other namespace is read by nobody, so a typo there (`dynamoha:cluster`) would be
// silently ignored; it is refused with the nearest known key instead.
import { nearest } from "./nearest";
import { ConfigError, show } from "./schema";

/**
 * Namespaces a stack may configure besides the project's: the engine's own (`pulumi:`) and the
 * default providers of the packages the program uses (package.json), so `pulumiservice:accessToken`
 * (the governance stack's PolicyGroup provider) stays settable.
 */
export const PROVIDER_NAMESPACES = ["aws", "azure-native", "kubernetes", "pulumi", "pulumiservice"] as const;

/** A config key as it may appear in a message: as is when plain, else quoted safely. */
export function keyText(key: string): string {
  return /^[A-Za-z0-9_.:-]{1,100}$/.test(key) ? key : show(key);
}

/**
 * Throws ConfigError (one line) for the first key outside `project:` and the provider namespaces,
 * suggesting the nearest of the project's keys (`topKeys`) or the same name in a known namespace.
 */
export function checkConfigNamespaces(keys: readonly string[], project: string, topKeys: readonly string[]): void {
  const namespaces = [project, ...PROVIDER_NAMESPACES];
  for (const key of keys) {
    const colon = key.indexOf(":");
    const ns = colon < 0 ? undefined : key.slice(0, colon);
    if (ns !== undefined && (namespaces as string[]).includes(ns)) continue;
    const name = colon < 0 ? key : key.slice(colon + 1);
    const candidates = [...topKeys.map((k) => `${project}:${k}`), ...PROVIDER_NAMESPACES.map((n) => `${n}:${name}`)];
    const near = nearest(key, candidates) ?? (topKeys.includes(name) ? `${project}:${name}` : undefined);
    const why = ns === undefined ? "a config key is <namespace>:<name>" : `unknown config namespace ${show(ns)}`;
    throw new ConfigError(`${keyText(key)}: ${why} (allowed namespaces: ${namespaces.join(", ")})${near !== undefined ? `; did you mean ${near}?` : ""}`);
  }
}
