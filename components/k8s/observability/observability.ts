import { CustomResource } from "@pulumi/kubernetes/apiextensions/customResource";
import * as corev1 from "@pulumi/kubernetes/core/v1";
import * as helm from "@pulumi/kubernetes/helm/v3";
import { Provider } from "@pulumi/kubernetes/provider";
import * as pulumi from "@pulumi/pulumi";
import { SecretString } from "../../core/config";
import { VERSIONS } from "../../core/versions";
import { buildPrometheusRule } from "./alerts";
import { dashboardConfigMaps } from "./dashboards";
import { buildMonitors, selectionLabels } from "./monitors";
import { GRAFANA_ADMIN_SECRET, prometheusStackValues } from "./prometheus-stack";
import { ObservabilitySettings } from "./settings";

export interface ObservabilityArgs {
  /** Resolved settings (namespaces, graph, thresholds); see resolveSettings. */
  readonly settings: ObservabilitySettings;
  /** Kubernetes provider of the cluster; every object uses it. */
  readonly provider: Provider;
  /**
   * Install kube-prometheus-stack (VERSIONS.kubePrometheusStack) with selectors that pick up these objects.
   * @default false - the monitoring.coreos.com CRDs and a Prometheus must already exist
   */
  readonly installPrometheusStack?: boolean;
  /**
   * Grafana admin password, required when installPrometheusStack is true; stored only in a Kubernetes Secret.
   * @default - none
   */
  readonly grafanaAdminPassword?: SecretString;
  /**
   * Node labels of the on-demand system pool, where the monitoring stack runs.
   * @default {}
   */
  readonly systemNodeLabels?: Readonly<Record<string, string>>;
  /**
   * Resources to wait for (CRDs, platform) before creating monitors.
   * @default []
   */
  readonly dependsOn?: readonly pulumi.Resource[];
}

/** PodMonitors, the HA PrometheusRule and Grafana dashboards; optionally kube-prometheus-stack itself. */
export class Observability extends pulumi.ComponentResource {
  readonly grafanaAdminSecretName: pulumi.Output<string | undefined>;

  constructor(name: string, args: ObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:k8s:Observability", name, {}, opts);
    const s = args.settings;
    const child = { parent: this, provider: args.provider };
    let waitFor: pulumi.Resource[] = [...(args.dependsOn ?? [])];
    let adminSecret: corev1.Secret | undefined;

    if (args.installPrometheusStack) {
      if (!args.grafanaAdminPassword) throw new Error("Observability: grafanaAdminPassword is required with installPrometheusStack");
      const ns = new corev1.Namespace(`${name}-ns`, { metadata: { name: s.monitoringNamespace } }, child);
      adminSecret = new corev1.Secret(
        `${name}-grafana-admin`,
        {
          metadata: { name: GRAFANA_ADMIN_SECRET.name, namespace: s.monitoringNamespace },
          type: "Opaque",
          stringData: { [GRAFANA_ADMIN_SECRET.userKey]: "admin", [GRAFANA_ADMIN_SECRET.passwordKey]: pulumi.secret(args.grafanaAdminPassword.reveal()) },
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

    this.grafanaAdminSecretName = pulumi.output(adminSecret ? GRAFANA_ADMIN_SECRET.name : undefined);
    this.registerOutputs({ grafanaAdminSecretName: this.grafanaAdminSecretName });
  }
}
