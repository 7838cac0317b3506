import * as assert from "assert";
import { buildPrometheusRule } from "../../components/k8s/observability/alerts";
import { dashboardConfigMaps } from "../../components/k8s/observability/dashboards";
import { buildMonitors, selectionLabels } from "../../components/k8s/observability/monitors";
import { metricLabelsAllowlist, prometheusStackValues } from "../../components/k8s/observability/prometheus-stack";
import { settingsVariants } from "./fixtures";
import { OPERATOR_POD_LABEL } from "../../components/k8s/platform-values";
import { OPERATOR_METRICS_SERVICE_LABEL, operatorMetricsService } from "../../components/k8s/operator-ha";

type Model = new (o: unknown) => { validate(): void };
// The models are ESM-only and TypeScript (CommonJS output) would turn `import()` into `require()`.
const esmImport = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<Record<string, unknown>>;
async function model(path: string, name: string): Promise<Model> {
  return (await esmImport(path))[name] as Model;
}

describe("observability manifests", () => {
  it("PodMonitors and the PrometheusRule validate against the prometheus-operator models", async () => {
    const PodMonitor = await model("@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor", "PodMonitor");
    const ServiceMonitor = await model("@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor", "ServiceMonitor");
    const PrometheusRule = await model("@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule", "PrometheusRule");
    // The models do reject bad specs (a port that is a number where a name is expected).
    assert.throws(() => new PodMonitor({ metadata: { name: "x" }, spec: { selector: {}, podMetricsEndpoints: [{ port: 8000 }] } }).validate());
    for (const { s } of settingsVariants()) {
      for (const m of buildMonitors(s)) new (m.kind === "PodMonitor" ? PodMonitor : ServiceMonitor)(m).validate();
      new PrometheusRule(buildPrometheusRule(s)).validate();
    }
  });

  it("dashboard ConfigMaps validate against kubernetes-models", async () => {
    const ConfigMap = await model("kubernetes-models/v1/ConfigMap", "ConfigMap");
    for (const { s } of settingsVariants()) for (const cm of dashboardConfigMaps(s, selectionLabels(s))) new ConfigMap(cm).validate();
  });

  it("scrapes the documented ports, with the release label, only what is enabled", () => {
    const [base, full, plugin] = settingsVariants().map((v) => buildMonitors(v.s));
    const ports = (ms: ReturnType<typeof buildMonitors>) =>
      Object.fromEntries(ms.map((m) => [m.metadata.name, ((m.spec.podMetricsEndpoints ?? m.spec.endpoints) as { port: string }[]).map((e) => e.port)]));
    assert.deepStrictEqual(ports(base), {
      "dynamo-ha-frontend": ["http"],
      "dynamo-ha-worker": ["system", "system-0", "system-1"],
      "dynamo-ha-operator": ["metrics"],
      "dynamo-ha-dcgm-exporter": ["metrics"],
    });
    assert.deepStrictEqual(Object.keys(ports(full)).slice(-2), ["dynamo-ha-etcd", "dynamo-ha-nats"]);
    assert.ok(!("dynamo-ha-dcgm-exporter" in ports(plugin)));
    for (const m of [...base, ...full]) {
      assert.strictEqual(m.metadata.labels.release, "kube-prometheus-stack");
      assert.strictEqual(m.metadata.namespace, "monitoring");
    }
    // The operator serves metrics over HTTPS to callers whose token may read /metrics (operator config
    // `metrics.secure: true`): a ServiceMonitor on our Service, with Prometheus' token, like the chart's own.
    const operator = base.find((m) => m.metadata.name === "dynamo-ha-operator")!;
    assert.strictEqual(operator.kind, "ServiceMonitor");
    assert.deepStrictEqual(operator.spec.selector, { matchLabels: OPERATOR_METRICS_SERVICE_LABEL });
    assert.deepStrictEqual(operator.spec.namespaceSelector, { matchNames: [settingsVariants()[0].s.platformNamespace] });
    assert.deepStrictEqual(operator.spec.endpoints, [
      { port: "metrics", path: "/metrics", interval: "30s", scheme: "https", bearerTokenFile: "/var/run/secrets/kubernetes.io/serviceaccount/token", tlsConfig: { insecureSkipVerify: true } },
    ]);
    // …and that Service selects the pod label the platform values set, on the port the operator names.
    const svc = operatorMetricsService("dynamo-system") as { spec: { selector: object; ports: { targetPort: string }[] }; metadata: { labels: object } };
    assert.deepStrictEqual(svc.spec.selector, OPERATOR_POD_LABEL);
    assert.deepStrictEqual(svc.metadata.labels, OPERATOR_METRICS_SERVICE_LABEL);
    assert.strictEqual(svc.spec.ports[0].targetPort, "metrics");
        const dcgm = base.find((m) => m.metadata.name === "dynamo-ha-dcgm-exporter")!;
    assert.deepStrictEqual(dcgm.spec.namespaceSelector, { matchNames: ["gpu-operator"] });
    const frontend = base.find((m) => m.metadata.name === "dynamo-ha-frontend")!;
    assert.deepStrictEqual(frontend.spec.namespaceSelector, { matchNames: ["dynamo"] });
  });

  it("kube-prometheus-stack values select every monitor and export the labels the joins read", () => {
    const s = settingsVariants()[0].s;
    const v = prometheusStackValues(s, { pool: "system" }) as { prometheus: { prometheusSpec: Record<string, unknown> }; grafana: Record<string, unknown> };
    for (const k of ["podMonitorSelectorNilUsesHelmValues", "serviceMonitorSelectorNilUsesHelmValues", "ruleSelectorNilUsesHelmValues"]) assert.strictEqual(v.prometheus.prometheusSpec[k], false, k);
    assert.deepStrictEqual(v.prometheus.prometheusSpec.podMonitorNamespaceSelector, {});
    assert.ok(!JSON.stringify(v).toLowerCase().includes("adminpassword"), "the password never goes into Helm values");
    const allow = metricLabelsAllowlist(s);
    assert.ok(allow[0].includes("topology.kubernetes.io/zone") && allow[0].includes("dynamo-ha.io/capacity-type"));
    assert.ok(allow[1].includes("nvidia.com/dynamo-component,"));
  });
});
