// Config of an AKS region for the tests: the bundled aks-eastus2 stack file, optionally overridden.
import { loadStackConfig, RegionalConfig } from "../../components/core/config";
import { loadStackFile } from "../../tools/plan/stack-file";

export const AKS_STACK = "aks-eastus2";

/** The raw engine config of the bundled AKS stack, with `overrides` (JSON-encoded values) applied. */
export function aksRaw(overrides: Record<string, unknown> = {}): Record<string, string> {
  const raw = { ...loadStackFile(AKS_STACK).config };
  for (const [k, v] of Object.entries(overrides)) {
    const key = `dynamo-ha:${k}`;
    if (v === undefined) delete raw[key];
    else raw[key] = typeof v === "string" ? v : JSON.stringify(v);
  }
  return raw;
}

export function aksConfig(overrides: Record<string, unknown> = {}): RegionalConfig {
  const c = loadStackConfig(aksRaw(overrides), AKS_STACK);
  if (c.kind !== "regional") throw new Error("expected a regional stack");
  return c;
}

/** The bundled gpuPool section with some fields replaced. */
export function gpuPool(fields: Record<string, unknown>): Record<string, unknown> {
  const base = JSON.parse(aksRaw()["dynamo-ha:gpuPool"]) as Record<string, unknown>;
  return { ...base, ...fields };
}

/** The bundled cluster section (its admin group among it) with some fields replaced. */
export function clusterWith(fields: Record<string, unknown>): Record<string, unknown> {
  const base = JSON.parse(aksRaw()["dynamo-ha:cluster"] ?? "{}") as Record<string, unknown>;
  return { ...base, ...fields };
}

// kubernetes-models is ESM-only ("import" condition alone); a CommonJS `import()` would become
// `require` when transpiled, so the import is kept native.
const esmImport = new Function("specifier", "return import(specifier)") as (s: string) => Promise<Record<string, unknown>>;

/** Validates a Kubernetes object against the schema of its apiVersion/kind (throws on a violation). */
export async function validateK8s(obj: { apiVersion: string; kind: string }): Promise<void> {
  const mod = await esmImport(`kubernetes-models/${obj.apiVersion}/${obj.kind}`);
  const Model = mod[obj.kind] as new (o: unknown) => { validate(): void };
  if (!Model) throw new Error(`no kubernetes-models class for ${obj.apiVersion} ${obj.kind}`);
  new Model(obj).validate();
}
