import { GovernanceConfig } from "../components/core/config";

/** Policy attachment as code on Pulumi Cloud. */
export function governanceStack(c: GovernanceConfig): Record<string, unknown> {
  return { env: c.env, organization: c.governance.organization };
}
