// EKS managed add-ons the region relies on: the Pod Identity agent (how the VPC CNI, the autoscaler,
// the EBS CSI driver and workloads get AWS credentials), the VPC CNI with its own Pod Identity role and
// the network policy agent, and the EBS CSI driver (zonal volumes for etcd/NATS).
import * as eks from "@pulumi/aws/eks";
import * as pulumi from "@pulumi/pulumi";
import { MANAGED_POLICIES, podIdentityTrust } from "./iam-policies";
import { ServiceRole } from "./iam";

export const EBS_CSI_SERVICE_ACCOUNT = "ebs-csi-controller-sa";
/** The VPC CNI's service account (aws/amazon-vpc-cni-k8s; cni-iam-role.adoc: "a Kubernetes service account named aws-node"). */
export const VPC_CNI_SERVICE_ACCOUNT = "aws-node";

export interface ClusterAddonsArgs {
  readonly clusterName: pulumi.Input<string>;
  /** The cluster's ARN, pinned in the add-on roles' trust policies. */
  readonly clusterArn: pulumi.Input<string>;
  readonly partition: pulumi.Input<string>;
  /**
   * What the EBS CSI add-on waits for: its controller Deployment needs nodes to become active, while the
   * VPC CNI must exist before them, so a region passes a promise it resolves once its nodes are declared.
   * @default []
   */
  readonly nodesReady?: pulumi.Resource[] | Promise<pulumi.Resource[]>;
  /** Tags. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * The VPC CNI's network policy agent enforces NetworkPolicy (the graph namespace's default deny).
 * The key is a string "true" (aws/amazon-vpc-cni-k8s charts/aws-vpc-cni/values.yaml
 * `enableNetworkPolicy: "false"` @10e9f18d4d5b2cf7aaaac7d765e787af8af2a6f3; the add-on's configurationValues use the same schema).
 */
export const VPC_CNI_CONFIGURATION = { enableNetworkPolicy: "true" } as const;

export class ClusterAddons extends pulumi.ComponentResource {
  readonly podIdentityAgent: eks.Addon;
  readonly ebsCsi: eks.Addon;
  readonly vpcCni: eks.Addon;

  constructor(name: string, args: ClusterAddonsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:aws:ClusterAddons", name, {}, opts);
    const tags = args.tags ?? {};
    // An add-on role admits only its service account in kube-system of this cluster.
    const trustFor = (serviceAccount: string) =>
      pulumi.all([args.clusterName, args.clusterArn]).apply(([clusterName, clusterArn]) => podIdentityTrust({ clusterName, clusterArn, namespace: "kube-system", serviceAccount }));
    this.podIdentityAgent = new eks.Addon(`${name}-pod-identity`, { clusterName: args.clusterName, addonName: "eks-pod-identity-agent", resolveConflictsOnUpdate: "OVERWRITE", tags }, { parent: this });
    // The CNI's EC2 rights live on their own role, not on every node's (cni-iam-role.adoc
    // @0cc5a7608f9d1162d052bf2a61eddebc3352139f recommends a separate role); the add-on owns the Pod
    // Identity association (awsdocs/amazon-eks-user-guide latest/ug/workloads/add-ons-iam.adoc
    // @1fe584bb85015901f37598d1e033b00164b5cead). Its DaemonSet and the agent's run on host network,
    // so both come up on new nodes without pod networking.
    const cniRole = new ServiceRole(`${name}-vpc-cni`, { trust: trustFor(VPC_CNI_SERVICE_ACCOUNT), managedPolicies: MANAGED_POLICIES.vpcCni, partition: args.partition, tags }, { parent: this });
    // EKS installs the VPC CNI itself; the managed add-on adopts it (OVERWRITE) to turn the policy agent on.
    this.vpcCni = new eks.Addon(
      `${name}-vpc-cni`,
      {
        clusterName: args.clusterName,
        addonName: "vpc-cni",
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
        configurationValues: JSON.stringify(VPC_CNI_CONFIGURATION),
        podIdentityAssociations: [{ roleArn: cniRole.arn, serviceAccount: VPC_CNI_SERVICE_ACCOUNT }],
        tags,
      },
      { parent: this, dependsOn: [this.podIdentityAgent] },
    );
    const afterNodes: Promise<pulumi.Input<pulumi.Resource>[]> = Promise.resolve(args.nodesReady ?? []).then((nodes) => [this.podIdentityAgent, ...nodes]);
    const ebsRole = new ServiceRole(`${name}-ebs-csi`, { trust: trustFor(EBS_CSI_SERVICE_ACCOUNT), managedPolicies: MANAGED_POLICIES.ebsCsi, partition: args.partition, tags }, { parent: this });
    this.ebsCsi = new eks.Addon(
      `${name}-ebs-csi`,
      {
        clusterName: args.clusterName,
        addonName: "aws-ebs-csi-driver",
        resolveConflictsOnUpdate: "OVERWRITE",
        podIdentityAssociations: [{ roleArn: ebsRole.arn, serviceAccount: EBS_CSI_SERVICE_ACCOUNT }],
        tags,
      },
      { parent: this, dependsOn: afterNodes },
    );
    this.registerOutputs({});
  }
}
