import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource";
import * as corev1 from "@pulumi/kubernetes/core/v1";
// The Release module alone: the helm/v3 index also loads the legacy Chart and its YAML engine (~0.2 s).
import * as helm from "@pulumi/kubernetes/helm/v3/release";
import * as pulumi from "@pulumi/pulumi";
import { VERSIONS } from "../../core/versions";
import { childDependsOn } from "../../core/child-depends-on";
import { buildPrometheusRule } from "./alerts";
import { dashboardConfigMaps } from "./dashboards";
import { buildMonitors, selectionLabels } from "./monitors";
import { GRAFANA_ADMIN_SECRET, prometheusStackValues } from "./prometheus-stack";
import { ObservabilitySettings } from "./settings";

export interface ObservabilityArgs {
  /**
   * What the monitors, alerts and dashboards are built from (resolveSettings gives them for a stack).
   * @default - required, no default
   */
  readonly settings: ObservabilitySettings;
  /**
   * Install kube-prometheus-stack (VERSIONS.kubePrometheusStack) with selectors that pick up these objects.
   * @default false - the monitoring.coreos.com CRDs and a Prometheus must already exist
   */
  readonly installPrometheusStack?: boolean;
  /**
   * Grafana admin password, required when installPrometheusStack is true; stored only in a Kubernetes Secret.
   * @default - none
   */
  readonly grafanaAdminPassword?: pulumi.Input<string>;
  /**
   * Node labels of the on-demand system pool, where the monitoring stack runs.
   * @default {}
   */
  readonly systemNodeLabels?: Record<string, string>;
}

/**
 * PodMonitors and a ServiceMonitor for the graph, the operator and the stores, the HA PrometheusRule
 * (zone loss, capacity, quorum, replication) and Grafana dashboards; optionally kube-prometheus-stack
 * itself. Kubernetes objects use the provider in `opts.provider(s)`; the monitors wait for
 * `opts.dependsOn` (the platform and its CRDs).
 */
export class Observability extends pulumi.ComponentResource {
  /** Namespace of the monitoring stack. */
  readonly monitoringNamespace: pulumi.Output<string>;
  /** Name of the Secret with Grafana's admin credentials, in monitoringNamespace (only with installPrometheusStack). */
  readonly grafanaAdminSecretName: pulumi.Output<string | undefined>;

  constructor(name: string, args: ObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:k8s:Observability", name, {}, opts);
    const s = args.settings;
    const child = { parent: this };
    let waitFor: pulumi.Input<pulumi.Resource>[] = childDependsOn(opts);
    let adminSecret: corev1.Secret | undefined;

    if (args.installPrometheusStack) {
      if (!args.grafanaAdminPassword) throw new Error("Observability: grafanaAdminPassword is required with installPrometheusStack");
      const ns = new corev1.Namespace(`${name}-ns`, { metadata: { name: s.monitoringNamespace } }, child);
      adminSecret = new corev1.Secret(
        `${name}-grafana-admin`,
        {
          metadata: { name: GRAFANA_ADMIN_SECRET.name, namespace: s.monitoringNamespace },
          type: "Opaque",
          stringData: { [GRAFANA_ADMIN_SECRET.userKey]: "admin", [GRAFANA_ADMIN_SECRET.passwordKey]: pulumi.secret(args.grafanaAdminPassword) },
        },
        { ...child, dependsOn: [ns] },
      );
      const v = VERSIONS.kubePrometheusStack;
      const release = new helm.Release(
        `${name}-kube-prometheus-stack`,
        {
          name: s.release,
          chart: v.chart,
          version: v.version,
          repositoryOpts: { repo: v.repo },
          namespace: s.monitoringNamespace,
          values: prometheusStackValues(s, args.systemNodeLabels ?? {}),
          atomic: true,
          timeout: 900,
        },
        { ...child, dependsOn: [ns, adminSecret, ...waitFor] },
      );
      // The chart brings the monitoring.coreos.com CRDs the objects below need.
      waitFor = [release];
    }

    const crOpts = { ...child, dependsOn: waitFor };
    for (const m of buildMonitors(s)) {
      new CustomResource(`${name}-${m.metadata.name}`, { apiVersion: m.apiVersion, kind: m.kind, metadata: m.metadata, spec: m.spec }, crOpts);
    }
    const rule = buildPrometheusRule(s);
    new CustomResource(`${name}-alerts`, { apiVersion: rule.apiVersion, kind: rule.kind, metadata: rule.metadata, spec: rule.spec }, crOpts);
    for (const cm of dashboardConfigMaps(s, selectionLabels(s))) {
      new corev1.ConfigMap(`${name}-${cm.metadata.name}`, cm, crOpts);
    }

    this.monitoringNamespace = pulumi.output(s.monitoringNamespace);
    this.grafanaAdminSecretName = pulumi.output(adminSecret ? GRAFANA_ADMIN_SECRET.name : undefined);
    this.registerOutputs({ monitoringNamespace: this.monitoringNamespace, grafanaAdminSecretName: this.grafanaAdminSecretName });
  }
}
