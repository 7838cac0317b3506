import { checkStack } from "./checks";
import { ConfigError, SecretString } from "./schema";
import { decodeRaw, parseStackConfig, StackConfig } from "./stack-config";

export * from "./grammar";
export * from "./namespaces";
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
  // Values are quoted (show()): every quoted string goes first, also one quoted inside the rule
  // (`"x" is not a zone of …`) or one that itself contains ", got "; then all after the first ", got ".
  // The key path in front (a quoted key segment included) names where, not what: it stays.
  const key = /^[\w.-]+(?::[\w.-]+)*(?:\[(?:"(?:[^"\\]|\\.)*"|\d+)\]|\.[\w-]+)*: /.exec(e.message)?.[0] ?? "";
  const unquoted = key + e.message.slice(key.length).replace(/"(?:[^"\\]|\\.)*"?/g, "[secret]");
  const at = unquoted.indexOf(", got ");
  return new ConfigError(at < 0 ? unquoted : `${unquoted.slice(0, at)}, got [secret]`);
}
