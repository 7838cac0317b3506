// The EKS control plane: KMS envelope encryption of secrets, control-plane logs, API authentication
// with access entries, and a private endpoint unless the config opens it.
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as eks from "@pulumi/aws/eks";
import * as kms from "@pulumi/aws/kms";
import * as pulumi from "@pulumi/pulumi";
import { EKS_SERVICE, MANAGED_POLICIES } from "./iam-policies";
import { ServiceRole } from "./iam";

/** Every control-plane log type EKS offers; all are on so an outage can be investigated afterwards. */
export const CONTROL_PLANE_LOGS = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/** EKS access policy giving cluster-admin to `adminPrincipals`. */
export const CLUSTER_ADMIN_POLICY = "AmazonEKSClusterAdminPolicy";

export interface EksClusterArgs {
  readonly clusterName: string;
  /** Kubernetes minor version, e.g. "1.33". */
  readonly kubernetesVersion: string;
  /** Private subnets (all zones) the control plane's network interfaces go in. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Open the API endpoint to the internet (within `publicAccessCidrs`). @default false */
  readonly endpointPublicAccess?: boolean;
  /** CIDRs allowed to reach a public endpoint. @default [] */
  readonly publicAccessCidrs?: readonly string[];
  /** IAM principal ARNs given cluster-admin through access entries. @default [] */
  readonly adminPrincipals?: readonly string[];
  readonly partition: pulumi.Input<string>;
  /** Days to keep control-plane logs. @default 90 */
  readonly logRetentionDays?: number;
  /** Tags on every resource. @default {} */
  readonly tags?: Record<string, string>;
  /**
   * Protect the cluster against `pulumi destroy` and replacement: deleting it deletes every workload,
   * claim and bound volume in it.
   * @default true
   */
  readonly protect?: boolean;
}

export class EksCluster extends pulumi.ComponentResource {
  readonly cluster: eks.Cluster;
  readonly name: pulumi.Output<string>;
  readonly oidcIssuerUrl: pulumi.Output<string>;
  readonly secretsKey: kms.Key;

  constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:aws:EksCluster", name, {}, opts);
    const tags = args.tags ?? {};
    const role = new ServiceRole(`${name}-cluster`, { service: EKS_SERVICE, managedPolicies: MANAGED_POLICIES.cluster, partition: args.partition, tags }, { parent: this });
    // Losing this key makes every Secret in etcd unreadable: rotate it yearly and never delete it with the stack.
    this.secretsKey = new kms.Key(
      `${name}-secrets`,
      { description: `EKS secrets envelope encryption for ${args.clusterName}`, enableKeyRotation: true, deletionWindowInDays: 30, tags },
      { parent: this, protect: true, retainOnDelete: true },
    );
    new kms.Alias(`${name}-secrets`, { name: `alias/eks/${args.clusterName}-secrets`, targetKeyId: this.secretsKey.keyId }, { parent: this });
    // EKS writes to this group; creating it first gives it a retention instead of "never expire". The
    // audit trail outlives the cluster: kept like it, and retained on delete.
    const keep = args.protect ?? true;
    const logs = new cloudwatch.LogGroup(
      `${name}-logs`,
      { name: `/aws/eks/${args.clusterName}/cluster`, retentionInDays: args.logRetentionDays ?? 90, tags },
      { parent: this, protect: keep, retainOnDelete: keep },
    );
    this.cluster = new eks.Cluster(
      name,
      {
        name: args.clusterName,
        version: args.kubernetesVersion,
        roleArn: role.arn,
        vpcConfig: {
          subnetIds: args.subnetIds,
          endpointPrivateAccess: true,
          endpointPublicAccess: args.endpointPublicAccess ?? false,
          publicAccessCidrs: args.endpointPublicAccess ? [...(args.publicAccessCidrs ?? [])] : undefined,
        },
        accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
        encryptionConfig: { provider: { keyArn: this.secretsKey.arn }, resources: ["secrets"] },
        enabledClusterLogTypes: [...CONTROL_PLANE_LOGS],
        // Lets Application Recovery Controller shift traffic away from an impaired zone.
        zonalShiftConfig: { enabled: true },
        tags,
      },
      { parent: this, dependsOn: [logs, role], protect: args.protect ?? true },
    );
    for (const [i, principal] of (args.adminPrincipals ?? []).entries()) {
      const entry = new eks.AccessEntry(`${name}-admin-${i}`, { clusterName: this.cluster.name, principalArn: principal, type: "STANDARD", tags }, { parent: this });
      new eks.AccessPolicyAssociation(
        `${name}-admin-${i}`,
        {
          clusterName: this.cluster.name,
          principalArn: entry.principalArn,
          policyArn: pulumi.output(args.partition).apply((p) => `arn:${p}:eks::aws:cluster-access-policy/${CLUSTER_ADMIN_POLICY}`),
          accessScope: { type: "cluster" },
        },
        { parent: this },
      );
    }
    this.name = this.cluster.name;
    this.oidcIssuerUrl = this.cluster.identities.apply((ids) => ids?.[0]?.oidcs?.[0]?.issuer ?? "");
    this.registerOutputs({ name: this.name, endpoint: this.cluster.endpoint, oidcIssuerUrl: this.oidcIssuerUrl });
  }
}
