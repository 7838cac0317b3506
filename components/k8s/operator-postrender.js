#!/usr/bin/env node
// Helm post-renderer for the dynamo-platform release (components/k8s/operator-ha.ts explains why).
// Reads the rendered manifests on stdin, writes them to stdout with:
//  - the operator Deployment's `strategy: Recreate` (hard-coded by the chart) replaced by a rolling
//    update that surges a new pod before an old one leaves, so the fail-closed webhook keeps a
//    ready endpoint through every `helm upgrade`;
//  - the bundled Grove operator (when present) given the operator's node affinity, because the
//    pinned Grove chart reads no nodeSelector or affinity value.
// Exits non-zero naming what it could not find: Helm then fails the (atomic) upgrade.
"use strict";
const YAML = require("yaml");

const ROLLING_UPDATE = { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } };

/** The chart's operator Deployment: its own labels (operator templates/deployment.yaml). */
function isOperatorDeployment(o) {
  const labels = (o && o.metadata && o.metadata.labels) || {};
  return o && o.kind === "Deployment" && labels["control-plane"] === "controller-manager" && labels["app.kubernetes.io/created-by"] === "dynamo-operator";
}

/** Grove's Deployment has a fixed name (grove operator/charts/templates/deployment.yaml). */
function isGroveDeployment(o) {
  return o && o.kind === "Deployment" && o.metadata && o.metadata.name === "grove-operator";
}

function postRender(text) {
  const docs = YAML.parseAllDocuments(text);
  for (const d of docs) if (d.errors.length) throw new Error(`operator-postrender: rendered manifest does not parse: ${d.errors[0].message}`);
  const operators = docs.filter((d) => isOperatorDeployment(d.toJS()));
  if (operators.length !== 1) throw new Error(`operator-postrender: expected 1 dynamo-operator controller-manager Deployment, found ${operators.length}`);
  const operator = operators[0];
  operator.setIn(["spec", "strategy"], operator.createNode(ROLLING_UPDATE));
  const nodeAffinity = operator.getIn(["spec", "template", "spec", "affinity", "nodeAffinity"]);
  for (const grove of docs.filter((d) => isGroveDeployment(d.toJS()))) {
    if (!nodeAffinity) throw new Error("operator-postrender: the operator Deployment has no nodeAffinity to give the Grove operator");
    grove.setIn(["spec", "template", "spec", "affinity", "nodeAffinity"], YAML.parseDocument(YAML.stringify(nodeAffinity)).contents);
  }
  return docs.map((d) => d.toString()).join("");
}

module.exports = { postRender, ROLLING_UPDATE };

if (require.main === module) {
  const chunks = [];
  process.stdin.on("data", (c) => chunks.push(c));
  process.stdin.on("end", () => {
    try {
      process.stdout.write(postRender(Buffer.concat(chunks).toString("utf8")));
    } catch (e) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
  });
}
