/* eslint-disable @typescript-eslint/no-require-imports -- each stack kind is loaded only when chosen */
import { StackConfig } from "../components/core/config";

/**
 * Picks the stack kind. Each builder returns the stack's outputs. A kind's modules (and the provider
 * SDK modules they import) are loaded only when that kind is chosen: a regional EKS stack never loads
 * the global routing or governance code.
 */
export function buildStack(config: StackConfig): Record<string, unknown> {
  switch (config.kind) {
    case "regional":
      return (require("./regional") as typeof import("./regional")).regionalStack(config);
    case "global":
      return (require("./global") as typeof import("./global")).globalStack(config);
    case "governance":
      return (require("./governance") as typeof import("./governance")).governanceStack(config);
  }
}
