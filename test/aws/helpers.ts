import { loadStackConfig, RegionalConfig } from "../../components/core/config";
import { buildAwsRegion } from "../../stacks/cloud-layer";
import { capture, Capture } from "../../tools/plan/capture";
import { planMocks } from "../../tools/plan/mocks";
import { loadStackFile, STACKS_DIR } from "../../tools/plan/stack-file";
import { CapacityReport } from "../../components/core/sizing";

/** The config of a bundled stack, with some keys replaced (JSON values). */
export function stackConfig(stack: string, overrides: Record<string, unknown> = {}): Record<string, string> {
  const raw = { ...loadStackFile(stack, STACKS_DIR).config };
  for (const [k, v] of Object.entries(overrides)) raw[`dynamo-ha:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
  return raw;
}

export function regional(raw: Record<string, string>, stack = "eks-us-east-1"): RegionalConfig {
  return loadStackConfig(raw, stack) as RegionalConfig;
}

/** Runs only the EKS layer of a stack under the plan's mocks (preview mode). */
export async function captureRegion(stack = "eks-us-east-1", overrides: Record<string, unknown> = {}, preview = true): Promise<Capture & { capacity: CapacityReport }> {
  const raw = stackConfig(stack, overrides);
  let capacity: CapacityReport | undefined;
  const cap = await capture(
    () => {
      const layer = buildAwsRegion(regional(raw, stack));
      capacity = layer.capacity;
      return { ...layer.outputs, gpuSoftware: layer.facts.gpuSoftware, blockStorageClass: layer.facts.blockStorageClass };
    },
    { project: "dynamo-ha", stack, config: raw, mocks: planMocks, preview },
  );
  return { ...cap, capacity: capacity! };
}

// kubernetes-models is ESM-only; CommonJS output would turn `import()` into `require()`, so the
// dynamic import is kept out of the compiler's sight.
const esmImport = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<Record<string, unknown>>;

/** Validates a Kubernetes object against the official schema (kubernetes-models), by apiVersion/kind. */
export async function validateK8s(obj: object): Promise<void> {
  const o = obj as { apiVersion: string; kind: string };
  const mod = await esmImport(`kubernetes-models/${o.apiVersion}/${o.kind}`);
  const Model = mod[o.kind] as new (data: unknown) => { validate(): void };
  new Model(obj).validate();
}
