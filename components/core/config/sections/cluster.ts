import { Grammar, IPV4_CIDR } from "../grammar";
import { bool, int, list, obj, str } from "../schema";

/** An IAM role ARN (role names ≤ 64 of [\w+=,.@-], optional path; IAM User Guide, reference_identifiers). */
export const IAM_ROLE_ARN: Grammar = {
  text: 'an IAM role ARN like "arn:aws:iam::123456789012:role/dynamo-deployer"',
  test: (s) => s.length <= 2048 && /^arn:aws(?:-[a-z]+)*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/.test(s),
};

/** `dynamo-ha:cluster.aws` — EKS-only access settings. */
const awsClusterSection = obj(
  {
    deployerRoleArn: str({
      doc: "EKS: the IAM role that runs `pulumi up`. It gets the only access entry the program needs (cluster-admin, to install charts, CRDs and cluster roles); the creator's implicit admin entry is never made. Set it in prod so the entry does not follow whoever deploys; see docs/operations.md, EKS access.",
      defaultText: "the deploying identity: its IAM user, or the role of its session (roles at path / only)",
      grammar: IAM_ROLE_ARN,
    }),
  },
  { doc: "EKS-only cluster settings.", optional: true },
);

/** `dynamo-ha:cluster.azure` — AKS-only access settings. */
const azureClusterSection = obj(
  {
    deployerClusterAdmin: bool({
      doc: "AKS: give the identity running Pulumi a standing \"Azure Kubernetes Service RBAC Cluster Admin\" role assignment on the cluster. Refused when env is prod (use an adminPrincipals group; break-glass in docs/operations.md).",
      default: false,
    }),
  },
  { doc: "AKS-only cluster settings.", optional: true },
);

/** `dynamo-ha:cluster` — the managed Kubernetes cluster itself (EKS or AKS). */
export const clusterSection = obj(
  {
    name: str({ doc: "Cluster name.", defaultText: "dynamo-<stack>" }),
    kubernetesVersion: str({ doc: "Kubernetes minor version of the control plane.", default: "1.33", pattern: /^1\.\d{2}$/, patternText: "a minor version like \"1.33\"" }),
    endpointPublicAccess: bool({ doc: "Expose the API server publicly (EKS public endpoint; AKS non-private cluster). Private by default.", default: false }),
    publicAccessCidrs: list(str({ doc: "CIDR", grammar: IPV4_CIDR }), { doc: "CIDRs allowed to reach a public endpoint.", default: [] }),
    adminPrincipals: list(str({ doc: "principal" }), {
      doc: "AWS IAM principal ARNs (EKS access entries) or Entra ID group object IDs (AKS admin groups) given cluster-admin. AKS: at least one group unless cluster.azure.deployerClusterAdmin; the identity running Pulumi acts as a member.",
      default: [],
    }),
    systemNodeSize: str({ doc: "Instance type / VM size of the on-demand system pool.", patternText: "an EC2 instance type or Azure VM size", defaultText: "m6i.xlarge (AWS), Standard_D4ds_v5 (Azure)" }),
    systemNodesPerZone: int({ doc: "System nodes per zone (on-demand; never spot).", default: 1, min: 1, max: 10 }),
    logRetentionDays: int({
      doc: "Days to keep control-plane and audit logs: the EKS CloudWatch log group (api, audit, authenticator, controllerManager, scheduler); the AKS Log Analytics workspace (30–730).",
      default: 90,
      min: 1,
      max: 3653,
    }),
    vpcCidr: str({ doc: "CIDR of the network the stack creates (host bits clear).", default: "10.40.0.0/16", grammar: IPV4_CIDR }),
    aws: awsClusterSection,
    azure: azureClusterSection,
    existingSubnetIds: list(str({ doc: "subnet id", pattern: /^subnet-[0-9a-f]{1,17}$/, patternText: "a subnet id like \"subnet-0123456789abcdef0\" (at most 17 hex digits)" }), {
      doc: "AWS only: adopt these private subnets (one or more per zone) instead of creating a VPC; their zones are looked up.",
      default: [],
      distinct: true,
      what: "subnet ids",
    }),
  },
  { doc: "The managed Kubernetes cluster.", optional: true },
);
