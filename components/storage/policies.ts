// IAM and bucket policy documents for the checkpoint bucket, as pure functions of ARNs, so the
// least-privilege shape is unit-tested without mocks.
import { podIdentityConditions, PodIdentityScope } from "../aws/iam-policies";

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

/** Serving pods: list their prefixes, read/write objects under them, and use the bucket's key; nothing else. */
export function servingAccessPolicy(bucketArn: string, prefixes: readonly string[], kmsKeyArn: string): PolicyDocument {
  return doc(
    { Sid: "ListPrefix", Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn, Condition: { StringLike: { "s3:prefix": prefixes.flatMap((p) => [`${p}/*`, p]) } } },
    { Sid: "ObjectsUnderPrefix", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"], Resource: prefixes.map((p) => `${bucketArn}/${p}/*`) },
    { Sid: "UseBucketKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: kmsKeyArn },
  );
}

/**
 * EKS Pod Identity: the agent assumes the role and tags the session with the pod's attributes; only
 * the serving pods' service account of this cluster may (podIdentityConditions, the confused-deputy guard).
 */
export function podIdentityTrustPolicy(scope: PodIdentityScope): PolicyDocument {
  return doc({ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"], Resource: "*", Condition: podIdentityConditions(scope) });
}

export function s3ReplicationTrustPolicy(): PolicyDocument {
  return doc({ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole", Resource: "*" });
}

/** What S3 replication needs: read versions from the source, write replicas to the destination, KMS on both ends. */
export function replicationPolicy(a: {
  sourceBucketArn: string;
  destinationBucketArn: string;
  sourceKeyArn: string;
  /** The peer's key, by ARN from its stack outputs: the only key replicas may be encrypted with. */
  destinationKeyArn: string;
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
    { Sid: "DecryptSource", Effect: "Allow", Action: "kms:Decrypt", Resource: a.sourceKeyArn },
    { Sid: "EncryptReplicas", Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: a.destinationKeyArn },
  );
}

/** Trust policies carry no Resource; IAM rejects one that has it. */
export function asTrustPolicy(d: PolicyDocument): object {
  return { Version: d.Version, Statement: d.Statement.map(({ Resource: _r, ...s }) => s) };
}
