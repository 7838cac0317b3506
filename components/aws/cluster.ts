// The EKS control plane: KMS envelope encryption of secrets, KMS-encrypted control-plane logs, API
// authentication with explicit access entries only, and a private endpoint unless the config opens it.
import * as cloudwatch from "./sdk/cloudwatch";
import * as eks from "@pulumi/aws/eks";
import * as kms from "@pulumi/aws/kms";
import * as pulumi from "@pulumi/pulumi";
import { adminAccess } from "./cluster-access";
import { clusterRoleTrust, eksClusterArn, MANAGED_POLICIES } from "./iam-policies";
import { ServiceRole } from "./iam";
import { controlPlaneLogGroupName, logGroupKeyPolicy, secretsKeyPolicy } from "./kms-policies";

export { CLUSTER_ADMIN_POLICY } from "./cluster-access";

/** Every control-plane log type EKS offers; all are on so an outage can be investigated afterwards. */
export const CONTROL_PLANE_LOGS = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/**
 * The creator's implicit admin entry stays off: every principal with Kubernetes access is an explicit
 * access entry below. The EKS API takes this flag only at CreateCluster, so the provider replaces the
 * cluster when it changes (terraform-provider-aws internal/service/eks/cluster.go
 * @00555dc5b38f92abbfa230badea0ed0754cea81e, `ForceNew: true`); the cluster therefore ignores later
 * changes to it, and a cluster created with `true` keeps its bootstrap entry until an operator deletes
 * it (docs/operations.md, "EKS access").
 */
export const ACCESS_CONFIG = { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false } as const;
export const IGNORED_CLUSTER_CHANGES = ["accessConfig.bootstrapClusterCreatorAdminPermissions"];

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
  /**
   * The IAM role or user that runs deployments: its access entry (cluster-admin, since charts install
   * CRDs and cluster roles) is what the Kubernetes provider authenticates as.
   * @default - none: nobody installs anything in the cluster until an entry is made
   */
  readonly deployerPrincipal?: pulumi.Input<string>;
  readonly partition: pulumi.Input<string>;
  /** AWS region of the cluster (part of its ARN, which the cluster role's trust policy pins). */
  readonly region: string;
  /** AWS account of the cluster. */
  readonly accountId: pulumi.Input<string>;
  /** Days to keep control-plane logs. @default 90 */
  readonly logRetentionDays?: number;
  /** Tags on every resource. @default {} */
  readonly tags?: Record<string, string>;
  /**
   * Protect the cluster, its log group and the log group's key against `pulumi destroy` and
   * replacement: deleting the cluster deletes every workload, claim and bound volume in it.
   * @default true
   */
  readonly protect?: boolean;
}

export class EksCluster extends pulumi.ComponentResource {
  readonly cluster: eks.Cluster;
  readonly name: pulumi.Output<string>;
  readonly oidcIssuerUrl: pulumi.Output<string>;
  readonly secretsKey: kms.Key;
  readonly logsKey: kms.Key;
  /** What must exist before anything is installed in the cluster: the deployer's access. */
  readonly accessReady: pulumi.Resource[];

  constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:aws:EksCluster", name, {}, opts);
    const tags = args.tags ?? {};
    const keep = args.protect ?? true;
    const where = pulumi.all([args.partition, args.accountId]).apply(([partition, accountId]) => ({ partition, accountId, region: args.region, clusterName: args.clusterName }));
    const role = new ServiceRole(`${name}-cluster`, { trust: where.apply(clusterRoleTrust), managedPolicies: MANAGED_POLICIES.cluster, partition: args.partition, tags }, { parent: this });
    // Losing this key makes every Secret in etcd unreadable: rotate it yearly and never delete it with the stack.
    this.secretsKey = new kms.Key(
      `${name}-secrets`,
      {
        description: `EKS secrets envelope encryption for ${args.clusterName}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: pulumi.all([where, role.arn]).apply(([w, clusterRoleArn]) => JSON.stringify(secretsKeyPolicy({ ...w, clusterRoleArn }))),
        tags,
      },
      { parent: this, protect: true, retainOnDelete: true },
    );
    new kms.Alias(`${name}-secrets`, { name: `alias/eks/${args.clusterName}-secrets`, targetKeyId: this.secretsKey.keyId }, { parent: this });
    // EKS writes to this group; creating it first gives it a retention instead of "never expire" and
    // its own key. The audit trail outlives the cluster: kept like it, and retained on delete, and so
    // is the key without which it cannot be read.
    const logGroupName = controlPlaneLogGroupName(args.clusterName);
    this.logsKey = new kms.Key(
      `${name}-logs`,
      {
        description: `EKS control-plane logs of ${args.clusterName}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: where.apply((w) => JSON.stringify(logGroupKeyPolicy({ ...w, logGroupName }))),
        tags,
      },
      { parent: this, protect: keep, retainOnDelete: keep },
    );
    const logs = new cloudwatch.LogGroup(
      `${name}-logs`,
      { name: logGroupName, retentionInDays: args.logRetentionDays ?? 90, kmsKeyId: this.logsKey.arn, tags },
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
        accessConfig: { ...ACCESS_CONFIG },
        encryptionConfig: { provider: { keyArn: this.secretsKey.arn }, resources: ["secrets"] },
        enabledClusterLogTypes: [...CONTROL_PLANE_LOGS],
        // Lets Application Recovery Controller shift traffic away from an impaired zone.
        zonalShiftConfig: { enabled: true },
        tags,
      },
      { parent: this, dependsOn: [logs, role], protect: keep, ignoreChanges: IGNORED_CLUSTER_CHANGES },
    );
    const access = { clusterName: this.cluster.name, partition: args.partition, tags };
    for (const [i, principal] of (args.adminPrincipals ?? []).entries()) adminAccess(`${name}-admin-${i}`, { ...access, principalArn: principal }, { parent: this });
    this.accessReady = args.deployerPrincipal === undefined ? [] : [adminAccess(`${name}-deployer`, { ...access, principalArn: args.deployerPrincipal }, { parent: this })];
    this.name = this.cluster.name;
    this.oidcIssuerUrl = this.cluster.identities.apply((ids) => ids?.[0]?.oidcs?.[0]?.issuer ?? "");
    this.registerOutputs({ name: this.name, endpoint: this.cluster.endpoint, oidcIssuerUrl: this.oidcIssuerUrl, arn: where.apply(eksClusterArn) });
  }
}
