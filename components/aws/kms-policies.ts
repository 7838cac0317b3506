// Key policies of the EKS layer's KMS keys, pure so tests can hold them to least privilege. Every key
// gets an explicit policy instead of the implicit default, so who may use it is written down here.
import { PolicyDocument, PolicyStatement } from "./iam-policies";

export interface KeyOwner {
  readonly partition: string;
  readonly accountId: string;
}

/**
 * The account keeps full control of the key through IAM: without this statement a key whose other
 * statements name only services becomes unmanageable (AWS KMS Developer Guide, key-policy-default.html,
 * "Allows access to the AWS account and enables IAM policies"). It grants nothing by itself; an IAM
 * policy must still allow a principal.
 */
export function accountAdminStatement(o: KeyOwner): PolicyStatement {
  return { Sid: "AccountAdministersKeyThroughIam", Effect: "Allow", Principal: { AWS: `arn:${o.partition}:iam::${o.accountId}:root` }, Action: "kms:*", Resource: "*" };
}

/**
 * The EKS secrets envelope key: the account, and the cluster role for the envelope operations. EKS
 * itself works through a grant that CreateCluster makes (the creating principal needs kms:CreateGrant
 * and kms:DescribeKey through IAM; awsdocs/amazon-eks-user-guide latest/ug/security/enable-kms.adoc
 * @05ad01b2f557cb6871ad4dbf5af8913377d1bb7d), so no service principal is named.
 */
export function secretsKeyPolicy(o: KeyOwner & { readonly clusterRoleArn: string }): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      accountAdminStatement(o),
      { Sid: "ClusterRoleEnvelopeEncryption", Effect: "Allow", Principal: { AWS: o.clusterRoleArn }, Action: ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey"], Resource: "*" },
    ],
  };
}

/** The CloudWatch Logs service principal of a region (China regions end in amazonaws.com.cn). */
export function logsServicePrincipal(partition: string, region: string): string {
  return `logs.${region}.${partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com"}`;
}

/**
 * The log group key: the account, and CloudWatch Logs only while it encrypts or decrypts this one log
 * group (kms:EncryptionContext:aws:logs:arn is the log group ARN), the statement of the CloudWatch
 * Logs User Guide, encrypt-log-data-kms.html ("Step 2: Set permissions on the KMS key").
 */
export function logGroupKeyPolicy(o: KeyOwner & { readonly region: string; readonly logGroupName: string }): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      accountAdminStatement(o),
      {
        Sid: "CloudWatchLogsForOneLogGroup",
        Effect: "Allow",
        Principal: { Service: logsServicePrincipal(o.partition, o.region) },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": logGroupArn({ ...o, name: o.logGroupName }) } },
      },
    ],
  };
}

export function logGroupArn(a: KeyOwner & { readonly region: string; readonly name: string }): string {
  return `arn:${a.partition}:logs:${a.region}:${a.accountId}:log-group:${a.name}`;
}

/** The log group EKS writes control-plane logs to (its fixed name). */
export function controlPlaneLogGroupName(clusterName: string): string {
  return `/aws/eks/${clusterName}/cluster`;
}
