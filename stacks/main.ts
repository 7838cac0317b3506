import * as pulumi from "@pulumi/pulumi";
import { ConfigError, loadStackConfig, PROJECT, SecretString, StackConfig, TOP_LEVEL } from "../components/core/config";
import { buildStack } from "./build";

/** Reads the engine's config for this project; values of secret keys stay wrapped. */
export function readEngineConfig(): Record<string, string | SecretString> {
  const all = pulumi.runtime.allConfig();
  const isSecret = (pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean }).isConfigSecret;
  const out: Record<string, string | SecretString> = {};
  for (const [k, v] of Object.entries(all)) {
    if (!k.startsWith(`${PROJECT}:`)) continue;
    const field = (TOP_LEVEL as Record<string, { secret?: boolean; rawString?: boolean }>)[k.slice(PROJECT.length + 1)];
    out[k] = isSecret?.(k) && field?.rawString ? new SecretString(v) : v;
  }
  return out;
}

/** Validates the whole config before any resource exists; a bad key ends the run with one line. */
export function loadConfig(): StackConfig {
  try {
    return loadStackConfig(readEngineConfig(), pulumi.getStack());
  } catch (e) {
    if (e instanceof ConfigError) throw new pulumi.RunError(e.message);
    throw e;
  }
}

/** The program: config → the stack kind's resources → stack outputs. */
export function runProgram(): Record<string, unknown> {
  return buildStack(loadConfig());
}
