// Observability rules: a Grafana installed by this stack never gets a default password.
import { ConfigError } from "../schema";
import { RegionalConfig } from "../stack-config";

export function checkObservability(c: RegionalConfig): void {
  const o = c.observability;
  if (o.installPrometheusStack && !o.enabled) {
    throw new ConfigError("dynamo-ha:observability.installPrometheusStack: needs observability.enabled true (the stack is installed for these monitors), got true with enabled false");
  }
  if (o.installPrometheusStack && o.grafanaAdminPassword === undefined) {
    throw new ConfigError(
      "dynamo-ha:observability.grafanaAdminPassword: is required when observability.installPrometheusStack is true (set it with `pulumi config set --path --secret`), got nothing",
    );
  }
}
