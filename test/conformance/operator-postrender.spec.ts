import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { OPERATOR_POSTRENDER, OPERATOR_ROLLING_UPDATE } from "../../components/k8s/operator-ha";
import { PROJECT_ROOT } from "../../stacks/project-root";

// The project root, where Helm runs the post-renderer from (`pulumi up`'s working directory).
const ROOT = PROJECT_ROOT;
const run = (stdin: string) => spawnSync(path.join(ROOT, OPERATOR_POSTRENDER), { input: stdin, encoding: "utf8", cwd: ROOT });

// Shaped like the pinned operator template's output (strategy: Recreate hard-coded, ai-dynamo/dynamo
// deploy/helm/charts/platform/components/operator/templates/deployment.yaml @05da1f972b2216d227949ed8d93cf2b0fb3c6cef).
const OPERATOR = `# Source: dynamo-platform/charts/dynamo-operator/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dynamo-platform-dynamo-operator-controller-manager
  labels:
    app.kubernetes.io/component: manager
    app.kubernetes.io/created-by: dynamo-operator
    control-plane: controller-manager
spec:
  replicas: 2
  strategy:
    type: Recreate
  template:
    spec:
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: dynamo-ha.io/pool, operator: In, values: [system]}
`;
const GROVE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: grove-operator
spec:
  template:
    spec:
      containers: [{name: grove-operator, image: g}]
`;
const SERVICE = "apiVersion: v1\nkind: Service\nmetadata:\n  name: other\n";

describe("operator post-renderer (the executable Helm runs)", () => {
  it("ships as an executable next to the component", () => {
    const mode = fs.statSync(path.join(ROOT, OPERATOR_POSTRENDER)).mode;
    assert.ok(mode & 0o111, "executable bit set");
  });

  it("replaces the chart's Recreate with a surging rolling update and leaves other objects as they were", () => {
    const r = run([SERVICE, OPERATOR].join("---\n"));
    assert.strictEqual(r.status, 0, r.stderr);
    const docs = parseAllDocuments(r.stdout).map((d) => d.toJS());
    assert.strictEqual(docs.length, 2);
    assert.deepStrictEqual(docs[0], { apiVersion: "v1", kind: "Service", metadata: { name: "other" } });
    assert.deepStrictEqual(docs[1].spec.strategy, OPERATOR_ROLLING_UPDATE);
    assert.strictEqual(docs[1].spec.replicas, 2);
    // Idempotent: a second pass (the stored manifest of the next upgrade) changes nothing.
    assert.strictEqual(run(r.stdout).stdout, r.stdout);
  });

  it("gives the Grove operator the operator's system-pool node affinity (its chart reads none)", () => {
    const r = run([OPERATOR, GROVE].join("---\n"));
    assert.strictEqual(r.status, 0, r.stderr);
    const [op, grove] = parseAllDocuments(r.stdout).map((d) => d.toJS());
    assert.deepStrictEqual(grove.spec.template.spec.affinity.nodeAffinity, op.spec.template.spec.affinity.nodeAffinity);
    assert.strictEqual(grove.spec.template.spec.containers[0].name, "grove-operator");
  });

  it("fails the release, naming what is missing, when the chart no longer renders the operator Deployment", () => {
    const r = run(SERVICE);
    assert.notStrictEqual(r.status, 0);
    assert.match(r.stderr, /expected 1 dynamo-operator controller-manager Deployment, found 0/);
  });
});
