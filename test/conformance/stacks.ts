// The Dynamo objects (group nvidia.com) every bundled stack emits, planned once per test process.
import { bundledStacks } from "../../tools/plan/stack-file";
import { plannedStack } from "../support/plans";

export interface EmittedObject {
  stack: string;
  urn: string;
  object: Record<string, unknown>;
}

export const DYNAMO_GROUP = "nvidia.com";

let cached: Promise<EmittedObject[]> | undefined;

/** Plans each bundled stack (no policy run) and keeps the custom resources of the Dynamo group. */
export function emittedDynamoObjects(): Promise<EmittedObject[]> {
  cached ??= (async () => {
    const out: EmittedObject[] = [];
    for (const stack of bundledStacks()) {
      const p = await plannedStack(stack);
      for (const r of p.resources) {
        const apiVersion = r.inputs.apiVersion;
        if (typeof apiVersion === "string" && apiVersion.startsWith(`${DYNAMO_GROUP}/`)) out.push({ stack, urn: r.urn, object: r.inputs });
      }
    }
    return out;
  })();
  return cached;
}
