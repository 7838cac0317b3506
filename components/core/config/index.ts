import { checkStack } from "./checks";
import { ConfigError, SecretString } from "./schema";
import { decodeRaw, parseStackConfig, StackConfig } from "./stack-config";

export * from "./schema";
export * from "./stack-config";

/**
 * Raw engine config → validated, typed stack config. Throws ConfigError with one line.
 * `secretKeys` are the engine's secret config keys (`dynamo-ha:observability` when any part of it was set
 * with `--secret`): an error about such a key names the key and the rule but never the value.
 */
export function loadStackConfig(raw: Record<string, string | SecretString>, stack: string, secretKeys: readonly string[] = []): StackConfig {
  try {
    const config = parseStackConfig(decodeRaw(raw), stack);
    checkStack(config);
    return config;
  } catch (e) {
    if (e instanceof ConfigError) throw redacted(e, secretKeys);
    throw e;
  }
}

function redacted(e: ConfigError, secretKeys: readonly string[]): ConfigError {
  const secret = secretKeys.some((k) => e.message.startsWith(`${k}:`) || e.message.startsWith(`${k}.`) || e.message.startsWith(`${k}[`));
  if (!secret) return e;
  const at = e.message.lastIndexOf(", got ");
  return new ConfigError(at < 0 ? e.message : `${e.message.slice(0, at)}, got [secret]`);
}
