import { StackConfig } from "../components/core/config";
import { globalStack } from "./global";
import { governanceStack } from "./governance";
import { regionalStack } from "./regional";

/** Picks the stack kind. Each builder returns the stack's outputs. */
export function buildStack(config: StackConfig): Record<string, unknown> {
  switch (config.kind) {
    case "regional":
      return regionalStack(config);
    case "global":
      return globalStack(config);
    case "governance":
      return governanceStack(config);
  }
}
