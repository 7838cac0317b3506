import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { writeKubernetesObjects } from "../../tools/plan/out";
import { plannedStack } from "../support/plans";

// The whole regional program under the plan's mocks: needs every layer (cloud, storage, Kubernetes).
describe("full-stack plan writes the observability objects", () => {
  for (const stack of ["eks-us-east-1", "aks-eastus2"]) it(`${stack}: --out DIR holds the PodMonitors, the PrometheusRule and the dashboards`, async () => {
    const p = await plannedStack(stack);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dynamo-ha-obs-"));
    try {
      const files = writeKubernetesObjects(p.resources, dir);
      const docs = files.map((f) => parse(fs.readFileSync(path.join(dir, f), "utf8")) as { kind: string; metadata: { name: string; labels?: Record<string, string> } });
      const names = (kind: string) => docs.filter((d) => d.kind === kind).map((d) => d.metadata.name);
      assert.ok(names("PodMonitor").includes("dynamo-ha-frontend") && names("PodMonitor").includes("dynamo-ha-worker"));
      assert.deepStrictEqual(names("PrometheusRule"), ["dynamo-ha-alerts"]);
      const dashboards = docs.filter((d) => d.kind === "ConfigMap" && d.metadata.labels?.grafana_dashboard === "1");
      assert.strictEqual(dashboards.length, 2);
      const monitorsNs = docs.filter((d) => d.kind === "PodMonitor").map((d) => (d.metadata as { namespace?: string }).namespace);
      assert.ok(monitorsNs.every((ns) => ns === p.outputs.monitoringNamespace));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
