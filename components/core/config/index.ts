import { checkStack } from "./checks";
import { SecretString } from "./schema";
import { decodeRaw, parseStackConfig, StackConfig } from "./stack-config";

export * from "./schema";
export * from "./stack-config";

/** Raw engine config → validated, typed stack config. Throws ConfigError with one line. */
export function loadStackConfig(raw: Record<string, string | SecretString>, stack: string): StackConfig {
  const config = parseStackConfig(decodeRaw(raw), stack);
  checkStack(config);
  return config;
}
