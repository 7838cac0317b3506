import * as assert from "assert";
import * as k8s from "@pulumi/kubernetes";
import { buildObservability } from "../../components/k8s/observability";
import { capture } from "../../tools/plan/capture";
import { capacity, config, facts, kube, PASSWORD } from "./fixtures";

async function run(observability: Record<string, unknown>) {
  return capture(
    () => {
      const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
      const c = config({ observability });
      return buildObservability(c, facts(provider), capacity(c), kube()).outputs;
    },
    { project: "dynamo-ha", stack: "t", config: {}, preview: false },
  );
}

describe("Observability component (mocks)", () => {
  it("creates monitors, the rule and dashboards under one component, with the cluster provider", async () => {
    const cap = await run({});
    const comp = cap.resources.find((r) => r.type === "dynamo-ha:k8s:Observability")!;
    assert.ok(comp);
    const children = cap.resources.filter((r) => r.parent === comp.urn);
    const kinds = children.map((r) => `${r.type} ${(r.inputs.metadata as { name: string }).name}`).sort();
    assert.deepStrictEqual(kinds, [
      "kubernetes:core/v1:ConfigMap dynamo-ha-overview-dashboard",
      "kubernetes:core/v1:ConfigMap dynamo-ha-serving-dashboard",
      "kubernetes:monitoring.coreos.com/v1:PodMonitor dynamo-ha-dcgm-exporter",
      "kubernetes:monitoring.coreos.com/v1:PodMonitor dynamo-ha-frontend",
      "kubernetes:monitoring.coreos.com/v1:PodMonitor dynamo-ha-worker",
      "kubernetes:monitoring.coreos.com/v1:PrometheusRule dynamo-ha-alerts",
      "kubernetes:monitoring.coreos.com/v1:ServiceMonitor dynamo-ha-operator",
    ]);
    for (const r of children) assert.match(r.provider, /::cluster::/, `${r.name} uses the cluster provider`);
    assert.ok(!cap.resources.some((r) => r.type === "kubernetes:helm.sh/v3:Release"));
    assert.strictEqual(cap.outputs.monitoringNamespace, "monitoring");
  });

  it("installs the pinned kube-prometheus-stack with the password only in a secret Secret", async () => {
    const cap = await run({ installPrometheusStack: true, grafanaAdminPassword: PASSWORD });
    assert.ok(!JSON.stringify(cap).includes(PASSWORD), "the password leaked into captured inputs or outputs");
    const secret = cap.resources.find((r) => r.type === "kubernetes:core/v1:Secret")!;
    assert.strictEqual(secret.inputs.stringData, "[secret]");
    const release = cap.resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release")!;
    assert.strictEqual(release.inputs.chart, "kube-prometheus-stack");
    assert.match(String(release.inputs.version), /^\d+\.\d+\.\d+$/);
    assert.strictEqual((release.inputs.values as { grafana: { admin: { existingSecret: string } } }).grafana.admin.existingSecret, "grafana-admin");
    assert.ok(release.dependsOn.includes(secret.urn));
    // The monitoring CRDs come with the chart: every custom resource waits for it.
    const crs = cap.resources.filter((r) => r.type.startsWith("kubernetes:monitoring.coreos.com/v1:"));
    assert.strictEqual(crs.length, 5);
    for (const r of crs) assert.ok(r.dependsOn.includes(release.urn), r.name);
  });

  it("creates nothing when observability is off", async () => {
    const cap = await run({ enabled: false });
    assert.deepStrictEqual(
      cap.resources.filter((r) => r.type !== "pulumi:providers:kubernetes").map((r) => r.type),
      [],
    );
  });
});
