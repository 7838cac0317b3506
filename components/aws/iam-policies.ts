// IAM documents of the EKS layer, pure so tests can hold them to least privilege.

export interface PolicyStatement {
  Effect: "Allow";
  Action: string | string[];
  Resource?: string | string[];
  Principal?: { Service: string };
  Condition?: Record<string, Record<string, string | string[]>>;
}
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/** The one service account of one cluster a Pod Identity role is for. */
export interface PodIdentityScope {
  readonly clusterName: string;
  readonly namespace: string;
  readonly serviceAccount: string;
}

/**
 * The confused-deputy guard of a Pod Identity role: EKS Pod Identity tags the session with the
 * cluster, namespace and service account (aws:RequestTag/eks-cluster-name, kubernetes-namespace,
 * kubernetes-service-account), so the trust policy admits only this cluster's one service account,
 * not any association anyone makes in the account (awsdocs/amazon-eks-user-guide,
 * latest/ug/manage-access/aws-access/pod-id-role.adoc, 2edffcb14bca54edc61e5a925eb6b3c97fde11f0).
 * The EKS cluster role and the EC2 node role stay without conditions: their documented trust
 * policies (cluster-iam-role.adoc, create-node-role.adoc) name no source key the services send.
 */
export function podIdentityConditions(s: PodIdentityScope): Record<string, Record<string, string>> {
  return {
    StringEquals: {
      "aws:RequestTag/eks-cluster-name": s.clusterName,
      "aws:RequestTag/kubernetes-namespace": s.namespace,
      "aws:RequestTag/kubernetes-service-account": s.serviceAccount,
    },
  };
}

/** Trust policy for a role an AWS service assumes (EKS, EC2, or EKS Pod Identity, then limited to `scope`). */
export function trustPolicy(service: string, scope?: PodIdentityScope): PolicyDocument {
  // EKS Pod Identity also tags the session (cluster, namespace, service account); it needs sts:TagSession.
  const actions = service === "ec2.amazonaws.com" ? ["sts:AssumeRole"] : ["sts:AssumeRole", "sts:TagSession"];
  const condition = scope ? { Condition: podIdentityConditions(scope) } : {};
  return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: actions, ...condition }] };
}

export const EKS_SERVICE = "eks.amazonaws.com";
export const EC2_SERVICE = "ec2.amazonaws.com";
export const POD_IDENTITY_SERVICE = "pods.eks.amazonaws.com";

/** AWS managed policies, by role. Nothing else is attached. */
export const MANAGED_POLICIES = {
  cluster: ["AmazonEKSClusterPolicy"],
  // The VPC CNI runs as the node's identity (its documented default); image pulls are pull-only.
  node: ["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryPullOnly"],
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
