import { GlobalConfig } from "../components/core/config";

/** The global DR stack: regional outputs through StackReference → failover routing. */
export function globalStack(c: GlobalConfig): Record<string, unknown> {
  return { env: c.env, regions: c.global.regions.map((r) => r.stack) };
}
