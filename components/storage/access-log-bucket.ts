// The S3 server access log bucket of a checkpoint bucket: same account and region (S3 requires both),
// SSE-S3 (the only default encryption log delivery supports), private, bucket-owner-enforced, writable
// only by S3 log delivery for the one source bucket, expiring logs after a set number of days.
// Source: AWS S3 User Guide, enable-server-access-logging.html.
import * as s3 from "../aws/sdk/s3";
import * as pulumi from "@pulumi/pulumi";
import { dataProtection, s3BucketArn } from "../core/storage-plan";
import { accessLogBucketPolicy } from "./policies";

/** Key prefix the access logs are written under. */
export const ACCESS_LOG_PREFIX = "s3-access/";

export interface AccessLogBucketArgs {
  /** Globally unique name of the log bucket (s3LogBucketName). */
  readonly bucketName: string;
  /** Region of the log bucket and of the bucket it logs. */
  readonly region: string;
  /** ARN of the bucket whose access is logged (the only source log delivery may write for). */
  readonly sourceBucketArn: pulumi.Input<string>;
  /** Account of both buckets. */
  readonly accountId: pulumi.Input<string>;
  /** AWS partition of the account (the log bucket's ARN is built from it, known in a preview). @default "aws" */
  readonly partition?: pulumi.Input<string>;
  /** Days a log object is kept before it expires. @default 365 */
  readonly retentionDays?: number;
  /** Drop protect/retainOnDelete and let the bucket be emptied on delete. @default false */
  readonly allowDataLoss?: boolean;
  /** Tags on every resource that takes them. @default {} */
  readonly tags?: Record<string, string>;
}

/** Pass the region's AWS provider as `providers: [provider]`. */
export class AccessLogBucket extends pulumi.ComponentResource {
  public readonly bucket: s3.Bucket;
  /** The bucket policy letting log delivery write; logging should wait for it. */
  public readonly policy: s3.BucketPolicy;

  constructor(name: string, args: AccessLogBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:aws:AccessLogBucket", name, {}, opts);
    const region = args.region;
    const tags = args.tags ?? {};
    // The logs are the audit trail of the checkpoint bucket: kept like it, guard rails included.
    const keep = { parent: this, ...dataProtection(args.allowDataLoss ?? false) };

    this.bucket = new s3.Bucket(`${name}-bucket`, { bucket: args.bucketName, forceDestroy: args.allowDataLoss ?? false, region, tags }, keep);
    const bucket = this.bucket.id;
    // ACLs off: log delivery is granted by the bucket policy alone, and every log object is the bucket owner's.
    const ownership = new s3.BucketOwnershipControls(`${name}-ownership`, { bucket, region, rule: { objectOwnership: "BucketOwnerEnforced" } }, keep);
    // SSE-S3: log delivery does not support default SSE-KMS on the target bucket (enable-server-access-logging.html).
    new s3.BucketServerSideEncryptionConfiguration(`${name}-sse`, { bucket, region, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, keep);
    const publicBlock = new s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      { bucket, region, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      keep,
    );
    this.policy = new s3.BucketPolicy(
      `${name}-policy`,
      {
        bucket,
        region,
        policy: pulumi
          .all([args.partition ?? "aws", args.sourceBucketArn, args.accountId])
          .apply(([partition, sourceBucketArn, accountId]) =>
            JSON.stringify(accessLogBucketPolicy({ logBucketArn: s3BucketArn(partition, args.bucketName), prefix: ACCESS_LOG_PREFIX, sourceBucketArn, accountId })),
          ),
      },
      { ...keep, dependsOn: [publicBlock, ownership] },
    );
    new s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      {
        bucket,
        region,
        rules: [
          { id: "expire-access-logs", status: "Enabled", filter: {}, expiration: { days: args.retentionDays ?? 365 }, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
        ],
      },
      keep,
    );
    this.registerOutputs({ bucket: this.bucket.bucket });
  }
}
