// An IAM role for one AWS service principal with exactly the trust and policies it is given.
import * as iam from "./sdk/iam";
import * as pulumi from "@pulumi/pulumi";
import { managedPolicyArn, PolicyDocument } from "./iam-policies";

export interface ServiceRoleArgs {
  /** Trust policy (from iam-policies.ts: clusterRoleTrust, nodeRoleTrust, podIdentityTrust), each with its confused-deputy guard. */
  readonly trust: pulumi.Input<PolicyDocument>;
  /** AWS managed policy names (e.g. `AmazonEKSClusterPolicy`). @default - none */
  readonly managedPolicies?: readonly string[];
  /** A custom policy attached as a customer-managed policy. @default - none */
  readonly customPolicy?: pulumi.Input<PolicyDocument>;
  /** AWS partition (`aws`, `aws-cn`, `aws-us-gov`). */
  readonly partition: pulumi.Input<string>;
  /** Tags on the role and policy. @default {} */
  readonly tags?: Record<string, string>;
}

export class ServiceRole extends pulumi.ComponentResource {
  readonly role: iam.Role;
  readonly arn: pulumi.Output<string>;
  readonly name: pulumi.Output<string>;

  constructor(name: string, args: ServiceRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:aws:ServiceRole", name, {}, opts);
    const tags = args.tags ?? {};
    this.role = new iam.Role(name, { assumeRolePolicy: pulumi.output(args.trust).apply((d) => JSON.stringify(d)), tags }, { parent: this });
    for (const policy of args.managedPolicies ?? []) {
      const short = policy.split("/").pop()!;
      new iam.RolePolicyAttachment(`${name}-${short}`, { role: this.role.name, policyArn: pulumi.output(args.partition).apply((p) => managedPolicyArn(p, policy)) }, { parent: this });
    }
    if (args.customPolicy) {
      const policy = new iam.Policy(`${name}-policy`, { policy: pulumi.output(args.customPolicy).apply((d) => JSON.stringify(d)), tags }, { parent: this });
      new iam.RolePolicyAttachment(`${name}-policy`, { role: this.role.name, policyArn: policy.arn }, { parent: this });
    }
    this.arn = this.role.arn;
    this.name = this.role.name;
    this.registerOutputs({ arn: this.arn });
  }
}
