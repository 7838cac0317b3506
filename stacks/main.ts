import * as pulumi from "@pulumi/pulumi";
import { checkConfigNamespaces, ConfigError, loadStackConfig, PROJECT, SecretString, StackConfig, TOP_LEVEL } from "../components/core/config";
import { buildStack } from "./build";

/** The engine's config for this project, and which keys it holds as secrets. Secret plain-string values stay wrapped. */
export function readEngineConfig(): { raw: Record<string, string | SecretString>; secretKeys: string[] } {
  const all = pulumi.runtime.allConfig();
  // Not in the typings, but exported by the runtime: whether the engine marked a key secret.
  const isSecret = (pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean }).isConfigSecret ?? (() => false);
  const raw: Record<string, string | SecretString> = {};
  const secretKeys: string[] = [];
  for (const [k, v] of Object.entries(all)) {
    if (!k.startsWith(`${PROJECT}:`)) continue;
    const field = (TOP_LEVEL as Record<string, { rawString?: boolean }>)[k.slice(PROJECT.length + 1)];
    if (isSecret(k)) secretKeys.push(k);
    raw[k] = isSecret(k) && field?.rawString ? new SecretString(v) : v;
  }
  return { raw, secretKeys };
}

/** Validates the whole config before any resource exists; a bad key ends the run with one line. */
export function loadConfig(): StackConfig {
  try {
    // Keys in a mistyped namespace (`dynamoha:cluster`) would otherwise be dropped without a word.
    checkConfigNamespaces(Object.keys(pulumi.runtime.allConfig()), PROJECT, Object.keys(TOP_LEVEL));
    const { raw, secretKeys } = readEngineConfig();
    return loadStackConfig(raw, pulumi.getStack(), secretKeys);
  } catch (e) {
    if (e instanceof ConfigError) throw new pulumi.RunError(e.message);
    throw e;
  }
}

/** The program: config → the stack kind's resources → stack outputs. */
export function runProgram(): Record<string, unknown> {
  return buildStack(loadConfig());
}
