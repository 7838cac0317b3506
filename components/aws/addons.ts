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

export class ClusterAddons extends pulumi.ComponentResource {
  readonly podIdentityAgent: eks.Addon;
  readonly ebsCsi: eks.Addon;

  constructor(name: string, args: ClusterAddonsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:aws:ClusterAddons", name, {}, opts);
    const tags = args.tags ?? {};
    this.podIdentityAgent = new eks.Addon(`${name}-pod-identity`, { clusterName: args.clusterName, addonName: "eks-pod-identity-agent", resolveConflictsOnUpdate: "OVERWRITE", tags }, { parent: this });
    const ebsRole = new ServiceRole(`${name}-ebs-csi`, { service: POD_IDENTITY_SERVICE, managedPolicies: MANAGED_POLICIES.ebsCsi, partition: args.partition, tags }, { parent: this });
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
    this.registerOutputs({});
  }
}
