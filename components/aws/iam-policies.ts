// IAM documents of the EKS layer, pure so tests can hold them to least privilege.

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow";
  Action: string | string[];
  Resource?: string | string[];
  Principal?: { Service: string } | { AWS: string };
  Condition?: Record<string, Record<string, string | string[]>>;
}
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

export const EKS_SERVICE = "eks.amazonaws.com";
export const EC2_SERVICE = "ec2.amazonaws.com";
export const POD_IDENTITY_SERVICE = "pods.eks.amazonaws.com";

/** Where an EKS cluster lives: enough to name its ARN before it exists. */
export interface ClusterLocation {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly clusterName: string;
}

/** `arn:<partition>:eks:<region>:<account>:cluster/<name>`, the format EKS gives its clusters (and sends as aws:SourceArn). */
export function eksClusterArn(c: ClusterLocation): string {
  return `arn:${c.partition}:eks:${c.region}:${c.accountId}:cluster/${c.clusterName}`;
}

/** The one service account of one cluster a Pod Identity role is for. */
export interface PodIdentityScope {
  readonly clusterName: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** The cluster's ARN: pins account and region too, where a name alone matches a same-named cluster anywhere. @default - the name only */
  readonly clusterArn?: string;
}

/**
 * The confused-deputy guard of a Pod Identity role: EKS Pod Identity tags the session with the
 * cluster ARN and name, namespace and service account (aws:RequestTag/eks-cluster-arn,
 * eks-cluster-name, kubernetes-namespace, kubernetes-service-account), so the trust policy admits
 * only this cluster's one service account, not any association anyone makes in the account
 * (awsdocs/amazon-eks-user-guide latest/ug/manage-access/aws-access/pod-id-role.adoc
 * @2edffcb14bca54edc61e5a925eb6b3c97fde11f0). The cluster ARN carries the account, so it does the
 * work aws:SourceAccount does for other services; that page documents no source keys for
 * pods.eks.amazonaws.com, and a condition on a key the service does not send would deny every pod.
 */
export function podIdentityConditions(s: PodIdentityScope): Record<string, Record<string, string>> {
  return {
    StringEquals: {
      ...(s.clusterArn !== undefined ? { "aws:RequestTag/eks-cluster-arn": s.clusterArn } : {}),
      "aws:RequestTag/eks-cluster-name": s.clusterName,
      "aws:RequestTag/kubernetes-namespace": s.namespace,
      "aws:RequestTag/kubernetes-service-account": s.serviceAccount,
    },
  };
}

/** Trust policy of a Pod Identity role: AssumeRole plus TagSession (the service tags the session), limited to `scope`. */
export function podIdentityTrust(scope: PodIdentityScope): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: POD_IDENTITY_SERVICE }, Action: ["sts:AssumeRole", "sts:TagSession"], Condition: podIdentityConditions(scope) }],
  };
}

/**
 * Trust policy of the EKS cluster role: only EKS acting for this one cluster of this account may
 * assume it (aws:SourceArn = the cluster ARN, aws:SourceAccount = its account), the cluster-role case
 * of awsdocs/amazon-eks-user-guide latest/ug/security/cross-service-confused-deputy-prevention.adoc
 * @5534e8cc25ec83c5899c7e6998afc969c5c1b651. AssumeRole only, as cluster-iam-role.adoc documents for
 * clusters without Auto Mode (Auto Mode would also need sts:TagSession).
 */
export function clusterRoleTrust(c: ClusterLocation): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: EKS_SERVICE },
        Action: ["sts:AssumeRole"],
        Condition: { ArnLike: { "aws:SourceArn": eksClusterArn(c) }, StringEquals: { "aws:SourceAccount": c.accountId } },
      },
    ],
  };
}

/**
 * Trust policy of the node role. No source condition: EC2 documents no aws:SourceArn or
 * aws:SourceAccount for the instance-profile credentials it fetches (the node role's documented
 * trust policy has none, awsdocs/amazon-eks-user-guide latest/ug/security/iam-reference/create-node-role.adoc
 * @c88259aeca48be7fcb947f11b1c0fe6b2ea734e2), and a condition on a key that is never sent would leave
 * every node without credentials. The deputy cannot be confused from outside: an instance profile
 * takes only a role of its own account, and only a principal holding iam:PassRole on this role can
 * launch an instance with it (IAM User Guide, id_roles_use_passrole).
 */
export function nodeRoleTrust(): PolicyDocument {
  return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: EC2_SERVICE }, Action: ["sts:AssumeRole"] }] };
}

/** AWS managed policies, by role. Nothing else is attached. */
export const MANAGED_POLICIES = {
  cluster: ["AmazonEKSClusterPolicy"],
  // Image pulls are pull-only. The VPC CNI's policy is not here: it has its own Pod Identity role
  // (vpcCni), as awsdocs/amazon-eks-user-guide latest/ug/networking/cni-iam-role.adoc
  // @0cc5a7608f9d1162d052bf2a61eddebc3352139f recommends ("Remove the CNI policy from the node IAM role").
  node: ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly"],
  vpcCni: ["AmazonEKS_CNI_Policy"],
  ebsCsi: ["service-role/AmazonEBSCSIDriverPolicy"],
} as const;

export function managedPolicyArn(partition: string, name: string): string {
  return `arn:${partition}:iam::aws:policy/${name}`;
}

/**
 * The cluster-autoscaler's policy: read-only discovery everywhere, node-group description of this
 * cluster only, and scaling actions only on Auto Scaling groups tagged as this cluster's (EKS tags
 * every managed node group's group `k8s.io/cluster-autoscaler/<cluster>=owned`).
 */
export function clusterAutoscalerPolicy(a: { partition: string; region: string; accountId: string; clusterName: string }): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: [
          "autoscaling:DescribeAutoScalingGroups",
          "autoscaling:DescribeAutoScalingInstances",
          "autoscaling:DescribeLaunchConfigurations",
          "autoscaling:DescribeScalingActivities",
          "autoscaling:DescribeTags",
          "ec2:DescribeImages",
          "ec2:DescribeInstanceTypes",
          "ec2:DescribeLaunchTemplateVersions",
          "ec2:GetInstanceTypesFromInstanceRequirements",
        ],
        Resource: "*",
      },
      {
        Effect: "Allow",
        Action: ["eks:DescribeNodegroup"],
        Resource: `arn:${a.partition}:eks:${a.region}:${a.accountId}:nodegroup/${a.clusterName}/*/*`,
      },
      {
        Effect: "Allow",
        Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
        Resource: "*",
        Condition: { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${a.clusterName}`]: "owned" } },
      },
    ],
  };
}
