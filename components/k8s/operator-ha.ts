// What the dynamo-platform chart does not give the operator and this program adds: upgrades that keep a
// ready webhook pod, a PodDisruptionBudget, and (with this stack's own monitors) a metrics Service.
//
// Update strategy. The pinned chart hard-codes `strategy: type: Recreate` in the operator Deployment and
// reads no strategy value (ai-dynamo/dynamo deploy/helm/charts/platform/components/operator/templates/
// deployment.yaml @05da1f972b2216d227949ed8d93cf2b0fb3c6cef). Recreate stops every replica before
// starting new ones, and the admission webhook fails closed, so each `helm upgrade` blocks all Dynamo
// writes until the new pods are ready. Two ways were weighed:
//  - A server-side-apply patch of the live Deployment (kubernetes.apps.v1.DeploymentPatch) does not
//    survive: `helm upgrade` computes a three-way merge of old manifest, new manifest and live object
//    and sets every manifest field whose live value differs, so the next upgrade writes Recreate back
//    and rolls the new template out with it: exactly the upgrade that needed the rolling strategy.
//  - A Helm post-renderer rewrites the manifest before Helm stores or applies it, so old manifest, new
//    manifest and live object all say RollingUpdate and no upgrade can undo it. Helm v3 `Release` keeps
//    running the chart's hooks. The executable ships in this repository next to this file; Helm runs it
//    from the program's working directory (the project root), where `pulumi up` runs.
// The post-renderer fails the release (atomic: rolled back) when it cannot find the operator Deployment,
// so a chart that renames it is noticed at the upgrade instead of silently losing the strategy.
import { PLATFORM_RELEASE, OPERATOR_POD_LABEL } from "./platform-values";

/** Project-relative path of the post-renderer (Helm resolves a path with a separator against its cwd). */
export const OPERATOR_POSTRENDER = "components/k8s/operator-postrender.js";

/** Surge one new pod before an old one leaves: the webhook always has a ready endpoint. */
export const OPERATOR_ROLLING_UPDATE = { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } as const;

/** Port name and number the pinned operator serves metrics on (HTTPS with authn/authz: operator-config `metrics.secure: true`). */
export const OPERATOR_METRICS_PORT = { name: "metrics", port: 8080 } as const;
/** Label of our metrics Service, which our ServiceMonitor selects. */
export const OPERATOR_METRICS_SERVICE_LABEL = { "dynamo-ha.io/metrics": "dynamo-operator" } as const;
export const OPERATOR_METRICS_SERVICE = `${PLATFORM_RELEASE}-operator-metrics`;

export interface OperatorPdbObject {
  apiVersion: "policy/v1";
  kind: "PodDisruptionBudget";
  metadata: { name: string; namespace: string };
  spec: { minAvailable: number; unhealthyPodEvictionPolicy: "AlwaysAllow"; selector: { matchLabels: Record<string, string> } };
}

/**
 * One operator pod always stays: drains and node upgrades take the replicas one at a time. Upstream has no
 * operator PDB. With a single replica there is none (minAvailable 1 would block every drain forever).
 */
export function operatorPdb(namespace: string, replicas: number): OperatorPdbObject | undefined {
  if (!Number.isInteger(replicas) || replicas < 1) throw new Error(`operatorPdb: replicas ${JSON.stringify(replicas)} is not allowed: a positive integer`);
  if (replicas < 2) return undefined;
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: `${PLATFORM_RELEASE}-dynamo-operator`, namespace },
    // AlwaysAllow: a crash-looping pod may still be evicted, so a broken pod cannot block a drain.
    spec: { minAvailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow", selector: { matchLabels: { ...OPERATOR_POD_LABEL } } },
  };
}

/**
 * The operator metrics Service our ServiceMonitor selects. The chart's own Service and ServiceMonitor
 * are turned off (`metricsService.enabled: false`) when this stack runs its monitors: the chart creates
 * its ServiceMonitor only when the monitoring CRDs already exist at install time, so leaving it on would
 * scrape twice or not at all depending on install order.
 */
export function operatorMetricsService(namespace: string): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: OPERATOR_METRICS_SERVICE, namespace, labels: { ...OPERATOR_METRICS_SERVICE_LABEL } },
    spec: {
      type: "ClusterIP",
      selector: { ...OPERATOR_POD_LABEL },
      ports: [{ name: OPERATOR_METRICS_PORT.name, port: OPERATOR_METRICS_PORT.port, targetPort: OPERATOR_METRICS_PORT.name, protocol: "TCP" }],
    },
  };
}
