// EKS managed add-ons the region relies on: the Pod Identity agent (how the autoscaler, the EBS CSI
// driver and workloads get AWS credentials) and the EBS CSI driver (zonal volumes for etcd/NATS).
import * as eks from "@pulumi/aws/eks";
import * as pulumi from "@pulumi/pulumi";
import { MANAGED_POLICIES, POD_IDENTITY_SERVICE } from "./iam-policies";
import { ServiceRole } from "./iam";

export const EBS_CSI_SERVICE_ACCOUNT = "ebs-csi-controller-sa";

export interface ClusterAddonsArgs {
  readonly clusterName: pulumi.Input<string>;
  readonly partition: pulumi.Input<string>;
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
    this.podIdentityAgent = new eks.Addon(`${name}-pod-identity`, { clusterName: args.clusterName, addonName: "eks-pod-identity-agent", resolveConflictsOnUpdate: "OVERWRITE", tags }, { parent: this });
    const ebsRole = new ServiceRole(
      `${name}-ebs-csi`,
      {
        service: POD_IDENTITY_SERVICE,
        // The add-on runs its controller in kube-system.
        podIdentity: { clusterName: args.clusterName, namespace: "kube-system", serviceAccount: EBS_CSI_SERVICE_ACCOUNT },
        managedPolicies: MANAGED_POLICIES.ebsCsi,
        partition: args.partition,
        tags,
      },
      { parent: this },
    );
    this.ebsCsi = new eks.Addon(
      `${name}-ebs-csi`,
      {
        clusterName: args.clusterName,
        addonName: "aws-ebs-csi-driver",
        resolveConflictsOnUpdate: "OVERWRITE",
        podIdentityAssociations: [{ roleArn: ebsRole.arn, serviceAccount: EBS_CSI_SERVICE_ACCOUNT }],
        tags,
      },
      { parent: this, dependsOn: [this.podIdentityAgent] },
    );
    // EKS installs the VPC CNI itself; the managed add-on adopts it (OVERWRITE) to turn the policy agent on.
    this.vpcCni = new eks.Addon(
      `${name}-vpc-cni`,
      { clusterName: args.clusterName, addonName: "vpc-cni", resolveConflictsOnCreate: "OVERWRITE", resolveConflictsOnUpdate: "OVERWRITE", configurationValues: JSON.stringify(VPC_CNI_CONFIGURATION), tags },
      { parent: this },
    );
    this.registerOutputs({});
  }
}
