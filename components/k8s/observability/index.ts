import * as pulumi from "@pulumi/pulumi";
import { RegionalConfig } from "../../core/config";
import { checkObservability } from "../../core/config/checks/observability";
import { CapacityReport } from "../../core/sizing";
import { ClusterFacts } from "../../core/cluster-facts";
import type { KubernetesLayer } from "../kubernetes-layer";
import { Observability } from "./observability";
import { resolveSettings } from "./settings";

/** The regional stack's observability: monitors, HA alerts, dashboards (and optionally the Prometheus stack). */
export function buildObservability(c: RegionalConfig, facts: ClusterFacts, capacity: CapacityReport, kube: KubernetesLayer): { outputs: Record<string, pulumi.Input<unknown>> } {
  const o = c.observability;
  if (!o.enabled) return { outputs: {} };
  // Also run by checkStack before anything registers; repeated here so this layer never installs a Grafana without a password.
  checkObservability(c);
  const settings = resolveSettings(c, facts, capacity, kube);
  const obs = new Observability(
    "observability",
    {
      settings,
      installPrometheusStack: o.installPrometheusStack,
      grafanaAdminPassword: o.grafanaAdminPassword && pulumi.secret(o.grafanaAdminPassword.reveal()),
      systemNodeLabels: facts.systemNodeLabels,
    },
    { providers: [facts.provider], dependsOn: [...kube.readyResources] },
  );
  return {
    outputs: {
      monitoringNamespace: settings.monitoringNamespace,
      ...(o.installPrometheusStack ? { grafanaAdminSecret: pulumi.interpolate`${settings.monitoringNamespace}/${obs.grafanaAdminSecretName}` } : {}),
    },
  };
}
