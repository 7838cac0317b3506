// IAM and bucket policy documents for the checkpoint bucket, as pure functions of ARNs, so the
// least-privilege shape is unit-tested without mocks.
import { podIdentityConditions, PodIdentityScope } from "../aws/iam-policies";
import { accountAdminStatement, KeyOwner } from "../aws/kms-policies";

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: unknown;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

const doc = (...Statement: PolicyStatement[]): PolicyDocument => ({ Version: "2012-10-17", Statement });

/** Refuses every request that is not over TLS (plain HTTP would expose model weights in transit). */
export function tlsOnlyBucketPolicy(bucketArn: string): PolicyDocument {
  return doc({
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  });
}

/**
 * Serving pods: list their prefixes, read/write objects under them, and use the bucket's key only
 * through S3 (`s3ViaService` of the bucket's region); nothing else.
 */
export function servingAccessPolicy(bucketArn: string, prefixes: readonly string[], kmsKeyArn: string, s3Service: string): PolicyDocument {
  return doc(
    { Sid: "ListPrefix", Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn, Condition: { StringLike: { "s3:prefix": prefixes.flatMap((p) => [`${p}/*`, p]) } } },
    { Sid: "ObjectsUnderPrefix", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"], Resource: prefixes.map((p) => `${bucketArn}/${p}/*`) },
    { Sid: "UseBucketKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: kmsKeyArn, Condition: { StringEquals: { "kms:ViaService": s3Service } } },
  );
}

/**
 * EKS Pod Identity: the agent assumes the role and tags the session with the pod's attributes; only
 * the serving pods' service account of this cluster may (podIdentityConditions, the confused-deputy guard).
 */
export function podIdentityTrustPolicy(scope: PodIdentityScope): PolicyDocument {
  return doc({ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"], Resource: "*", Condition: podIdentityConditions(scope) });
}

/**
 * S3 replication assumes the role. No aws:SourceAccount/aws:SourceArn condition: the S3 User Guide's
 * replication trust policy has none (setting-repl-config-perm-overview.html, "Creating an IAM role")
 * and does not document S3 sending those keys when it assumes the role; a condition on a key that is
 * never sent would stop replication, which is the DR copy. The confused-deputy guard is the
 * iam:PassRole check S3 makes on PutBucketReplication: only principals of this account allowed to
 * pass this role can name it in a replication configuration.
 */
export function s3ReplicationTrustPolicy(): PolicyDocument {
  return doc({ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole", Resource: "*" });
}

/** The partition of an ARN (`arn:<partition>:…`). */
export function arnPartition(arn: string): string {
  return arn.split(":")[1] ?? "aws";
}

/** The regional S3 endpoint KMS sees as kms:ViaService (China regions end in amazonaws.com.cn). */
export function s3ViaService(partition: string, region: string): string {
  return `s3.${region}.${partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com"}`;
}

/**
 * The checkpoint key's policy: the account administers and uses it through IAM, nothing else (the
 * default key policy's one statement, written out). Who may use the key is then exactly who has an IAM
 * grant for it: the serving pods' role and the replication role, each only through S3
 * (kms:ViaService on their grants). A statement for every principal of the account through S3 would
 * let anyone with s3:GetObject read the data without any KMS grant.
 */
export function checkpointKeyPolicy(o: KeyOwner): PolicyDocument {
  return doc({ ...accountAdminStatement(o), Resource: "*" });
}

/**
 * The access log bucket's policy: S3 server access logging (logging.s3.amazonaws.com) may put objects
 * under the prefix only for this account's checkpoint bucket, as the S3 User Guide's
 * enable-server-access-logging.html ("Grant permissions to the logging service principal by using a
 * bucket policy") writes it; a bucket-owner-enforced bucket takes no ACL grant, so this is the only way
 * in. Requests without TLS are refused, as on the checkpoint bucket.
 */
export function accessLogBucketPolicy(a: { readonly logBucketArn: string; readonly prefix: string; readonly sourceBucketArn: string; readonly accountId: string }): PolicyDocument {
  return doc(
    {
      Sid: "S3ServerAccessLogDelivery",
      Effect: "Allow",
      Principal: { Service: "logging.s3.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `${a.logBucketArn}/${a.prefix}*`,
      Condition: { ArnLike: { "aws:SourceArn": a.sourceBucketArn }, StringEquals: { "aws:SourceAccount": a.accountId } },
    },
    ...tlsOnlyBucketPolicy(a.logBucketArn).Statement,
  );
}

/** What S3 replication needs: read versions from the source, write replicas to the destination, KMS on both ends. */
export function replicationPolicy(a: {
  sourceBucketArn: string;
  destinationBucketArn: string;
  sourceKeyArn: string;
  /** The peer's key, by ARN from its stack outputs: the only key replicas may be encrypted with. */
  destinationKeyArn: string;
  /** S3 in the source and the destination region (`s3ViaService`): the keys are used only through it. */
  sourceS3Service: string;
  destinationS3Service: string;
}): PolicyDocument {
  return doc(
    { Sid: "ReadSourceConfig", Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: a.sourceBucketArn },
    {
      Sid: "ReadSourceVersions",
      Effect: "Allow",
      Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
      Resource: `${a.sourceBucketArn}/*`,
    },
    { Sid: "WriteReplicas", Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource: `${a.destinationBucketArn}/*` },
    { Sid: "DecryptSource", Effect: "Allow", Action: "kms:Decrypt", Resource: a.sourceKeyArn, Condition: { StringEquals: { "kms:ViaService": a.sourceS3Service } } },
    { Sid: "EncryptReplicas", Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: a.destinationKeyArn, Condition: { StringEquals: { "kms:ViaService": a.destinationS3Service } } },
  );
}

/** Trust policies carry no Resource; IAM rejects one that has it. */
export function asTrustPolicy(d: PolicyDocument): object {
  return { Version: d.Version, Statement: d.Statement.map(({ Resource: _r, ...s }) => s) };
}
