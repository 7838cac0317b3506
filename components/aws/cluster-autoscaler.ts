// The cluster-autoscaler: balances the per-zone GPU groups, prefers spot over on-demand through the
// priority expander, and gets AWS credentials from EKS Pod Identity with a least-privilege policy.
import * as eks from "@pulumi/aws/eks";
import * as corev1 from "@pulumi/kubernetes/core/v1";
// The Release module alone: the helm/v3 index also loads the legacy Chart and its YAML engine (~0.2 s).
import * as helm from "@pulumi/kubernetes/helm/v3/release";
import * as pulumi from "@pulumi/pulumi";
import { VERSIONS } from "../core/versions";
import { AUTOSCALER_NAMESPACE, AUTOSCALER_SERVICE_ACCOUNT, autoscalerValues, priorityExpanderConfigMap } from "./autoscaler-values";
import { clusterAutoscalerPolicy, podIdentityTrust } from "./iam-policies";
import { ServiceRole } from "./iam";

export interface ClusterAutoscalerArgs {
  /** Cluster name (plain: it is part of the IAM condition and the auto-discovery tags). */
  readonly clusterName: string;
  /** The cluster resource's name output, so the association waits for the cluster. */
  readonly clusterNameOutput: pulumi.Input<string>;
  /** The cluster's ARN, pinned in the role's trust policy. */
  readonly clusterArn: pulumi.Input<string>;
  readonly region: string;
  readonly partition: pulumi.Input<string>;
  readonly accountId: pulumi.Input<string>;
  /** Node labels of the system group, where the autoscaler runs. */
  readonly systemNodeLabels: Readonly<Record<string, string>>;
  /** Resources that must exist before the release (pod identity agent, system nodes). @default [] */
  readonly dependsOn?: pulumi.Resource[];
  /** Tags. @default {} */
  readonly tags?: Record<string, string>;
}

export class ClusterAutoscaler extends pulumi.ComponentResource {
  readonly release: helm.Release;
  readonly priorities: corev1.ConfigMap;

  constructor(name: string, args: ClusterAutoscalerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:aws:ClusterAutoscaler", name, {}, opts);
    const policy = pulumi
      .all([args.partition, args.accountId])
      .apply(([partition, accountId]) => clusterAutoscalerPolicy({ partition, accountId, region: args.region, clusterName: args.clusterName }));
    const role = new ServiceRole(
      name,
      {
        trust: pulumi.output(args.clusterArn).apply((clusterArn) => podIdentityTrust({ clusterName: args.clusterName, clusterArn, namespace: AUTOSCALER_NAMESPACE, serviceAccount: AUTOSCALER_SERVICE_ACCOUNT })),
        customPolicy: policy,
        partition: args.partition,
        tags: args.tags,
      },
      { parent: this },
    );
    const association = new eks.PodIdentityAssociation(
      name,
      { clusterName: args.clusterNameOutput, namespace: AUTOSCALER_NAMESPACE, serviceAccount: AUTOSCALER_SERVICE_ACCOUNT, roleArn: role.arn, tags: args.tags ?? {} },
      { parent: this },
    );
    this.priorities = new corev1.ConfigMap(`${name}-priorities`, priorityExpanderConfigMap(), { parent: this });
    this.release = new helm.Release(
      name,
      {
        name: "cluster-autoscaler",
        chart: VERSIONS.clusterAutoscaler.chart,
        version: VERSIONS.clusterAutoscaler.version,
        repositoryOpts: { repo: VERSIONS.clusterAutoscaler.repo },
        namespace: AUTOSCALER_NAMESPACE,
        values: autoscalerValues({ clusterName: args.clusterName, region: args.region, systemNodeLabels: { ...args.systemNodeLabels } }),
        atomic: true,
      },
      { parent: this, dependsOn: [association, this.priorities, ...(args.dependsOn ?? [])] },
    );
    this.registerOutputs({});
  }
}
