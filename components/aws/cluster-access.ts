// Who may use the Kubernetes API of an EKS cluster: explicit access entries only. The cluster is
// created without the creator's hidden admin entry (bootstrapClusterCreatorAdminPermissions false);
// the deploying identity and the configured admins each get a visible entry and a cluster-scoped
// AmazonEKSClusterAdminPolicy association that the plan shows and a config change removes.
import * as eks from "@pulumi/aws/eks";
import * as pulumi from "@pulumi/pulumi";

/** EKS access policy giving cluster-admin (installing charts needs CRDs and cluster roles, so the deployer needs it too). */
export const CLUSTER_ADMIN_POLICY = "AmazonEKSClusterAdminPolicy";

export function accessPolicyArn(partition: string, policy: string): string {
  return `arn:${partition}:eks::aws:cluster-access-policy/${policy}`;
}

const DEPLOYER_KEY = "dynamo-ha:cluster.aws.deployerRoleArn";

/**
 * The IAM principal an access entry takes for the identity running the deployment, from its STS
 * caller ARN. Access entries take IAM role or user ARNs, not assumed-role session ARNs
 * (awsdocs/amazon-eks-user-guide latest/ug/manage-access/k8s-access/creating-access-entries.adoc
 * @1b1d3dfc05c983f1df2fa0cb7cc1a1cb76d0fe3d; one entry per principal).
 * A session ARN names the role but not its path, so this is right only for roles at path "/"; IAM
 * Identity Center roles (AWSReservedSSO_*) always have a path and are refused, as are the root user
 * and federated users, which access entries do not take.
 */
export function deployerFromCaller(callerArn: string): string {
  const user = /^arn:(aws[a-z-]*):iam::(\d{12}):user\/.+$/.exec(callerArn);
  if (user) return callerArn;
  const role = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/.+$/.exec(callerArn);
  if (role && !role[3].startsWith("AWSReservedSSO_")) return `arn:${role[1]}:iam::${role[2]}:role/${role[3]}`;
  const why = role ? "an IAM Identity Center role has a path the session ARN omits" : "access entries take an IAM role or user, not this identity";
  throw new Error(`${DEPLOYER_KEY}: set the IAM role ARN that runs the deployment (${why}), got deploying identity "${callerArn}"`);
}

export interface AdminAccessArgs {
  readonly clusterName: pulumi.Input<string>;
  readonly principalArn: pulumi.Input<string>;
  readonly partition: pulumi.Input<string>;
  readonly tags: Record<string, string>;
}

/** One STANDARD access entry with cluster-admin over the whole cluster; returns the association (ready once it exists). */
export function adminAccess(name: string, a: AdminAccessArgs, opts: pulumi.CustomResourceOptions): eks.AccessPolicyAssociation {
  const entry = new eks.AccessEntry(name, { clusterName: a.clusterName, principalArn: a.principalArn, type: "STANDARD", tags: a.tags }, opts);
  return new eks.AccessPolicyAssociation(
    name,
    {
      clusterName: a.clusterName,
      principalArn: entry.principalArn,
      policyArn: pulumi.output(a.partition).apply((p) => accessPolicyArn(p, CLUSTER_ADMIN_POLICY)),
      accessScope: { type: "cluster" },
    },
    opts,
  );
}
