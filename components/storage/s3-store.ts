// The regional S3 store for model weights and CHREK checkpoints: encrypted (key with an explicit
// policy), versioned, private, access-logged to a bucket of its own (access-log-bucket.ts),
// TLS-only, optionally replicated to the DR peer's bucket, reachable by serving pods through
// EKS Pod Identity with a policy limited to its two prefixes.
import * as eks from "@pulumi/aws/eks";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import * as iam from "@pulumi/aws/iam";
import * as kms from "@pulumi/aws/kms";
import * as s3 from "@pulumi/aws/s3";
import * as pulumi from "@pulumi/pulumi";
import { dataProtection, kmsAliasFor, s3BucketArn, s3LogBucketName } from "../core/storage-plan";
import { ACCESS_LOG_PREFIX, AccessLogBucket } from "./access-log-bucket";
import { asTrustPolicy, checkpointKeyPolicy, podIdentityTrustPolicy, replicationPolicy, s3ReplicationTrustPolicy, servingAccessPolicy, tlsOnlyBucketPolicy } from "./policies";

export interface CheckpointBucketArgs {
  /** Globally unique bucket name. */
  readonly bucketName: string;
  /** AWS region of the bucket (set on every regional resource). */
  readonly region: string;
  /** Key prefix holding checkpoints; serving pods may use it. @default "checkpoints" */
  readonly prefix?: string;
  /** Key prefix holding model weights; serving pods may use it. @default "models" */
  readonly modelPrefix?: string;
  /** Days a noncurrent object version is kept before it expires. @default 30 */
  readonly noncurrentVersionDays?: number;
  /**
   * Replicate both prefixes to the DR peer's bucket, whose ARN and key come from the peer's stack
   * outputs. S3 refuses a replication configuration whose destination bucket does not exist with
   * versioning on: deploy the peer (secondary) region first.
   * @default - no replication
   */
  readonly replication?: BucketReplicationArgs;
  /** Drop protect/retainOnDelete and let the bucket be emptied on delete. @default false */
  readonly allowDataLoss?: boolean;
  /** Days S3 server access logs are kept in the log bucket (`<bucket>-logs`, s3LogBucketName). @default 365 */
  readonly accessLogDays?: number;
  /** Give this Kubernetes service account read/write access through EKS Pod Identity. @default - no pod access */
  readonly podAccess?: { readonly clusterName: pulumi.Input<string>; readonly namespace: string; readonly serviceAccount: string };
  /** Tags on every resource. @default {} */
  readonly tags?: Record<string, string>;
}

/** The DR peer's bucket as its stack outputs name it. */
export interface BucketReplicationArgs {
  /** The peer's region (the rule ID names it). */
  readonly region: string;
  readonly destinationBucketArn: pulumi.Input<string>;
  /** ARN of the peer's KMS key: replicas are encrypted with it, and the role may use no other. */
  readonly destinationKeyArn: pulumi.Input<string>;
  /** S3 Replication Time Control (15-minute SLA) with replication metrics. @default false */
  readonly timeControl?: boolean;
}

/**
 * Pass the region's AWS provider as `providers: [provider]`: every child and the account/partition
 * lookups go through it, never the ambient default provider.
 */
export class CheckpointBucket extends pulumi.ComponentResource {
  public readonly bucket: s3.Bucket;
  public readonly key: kms.Key;
  /** `s3://<bucket>/<prefix>` as CHREK's `storage.s3.uri` expects it. */
  public readonly uri: pulumi.Output<string>;
  public readonly podRole?: iam.Role;
  public readonly replication?: s3.BucketReplicationConfig;
  /** Where S3 server access logs of the bucket go. */
  public readonly accessLogs: AccessLogBucket;

  constructor(name: string, args: CheckpointBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:aws:CheckpointBucket", name, {}, opts);
    const prefix = args.prefix ?? "checkpoints";
    const prefixes = [prefix, args.modelPrefix ?? "models"];
    const days = args.noncurrentVersionDays ?? 30;
    const region = args.region;
    const tags = args.tags ?? {};
    const keep = { parent: this, ...dataProtection(args.allowDataLoss ?? false) };
    // Through the parent's provider (the region's), like every child.
    const partition = getPartitionOutput({}, { parent: this }).partition;
    const accountId = getCallerIdentityOutput({}, { parent: this }).accountId;
    // From the name, so trust and log-delivery policies show in a preview (the bucket's `arn` is unknown there).
    const bucketArn = partition.apply((p) => s3BucketArn(p, args.bucketName));

    // Losing the key loses every object it encrypted: the key is protected like the bucket. Its policy
    // is explicit (checkpointKeyPolicy) instead of the implicit default.
    const keyPolicy = pulumi.all([partition, accountId]).apply(([p, a]) => JSON.stringify(checkpointKeyPolicy({ partition: p, accountId: a, region })));
    this.key = new kms.Key(
      `${name}-key`,
      { description: `${args.bucketName} checkpoints`, enableKeyRotation: true, deletionWindowInDays: 30, policy: keyPolicy, region, tags },
      keep,
    );
    // A readable name for the key; kept with it.
    new kms.Alias(`${name}-key-alias`, { name: kmsAliasFor(args.bucketName), targetKeyId: this.key.keyId, region }, keep);

    this.bucket = new s3.Bucket(`${name}-bucket`, { bucket: args.bucketName, forceDestroy: args.allowDataLoss ?? false, region, tags }, keep);
    const bucket = this.bucket.id;
    // The guard rails are kept with the bucket: `destroy --exclude-protected` must not leave it bare
    // (public, unencrypted, unversioned, unreplicated).
    const versioning = new s3.BucketVersioning(`${name}-versioning`, { bucket, region, versioningConfiguration: { status: "Enabled" } }, keep);
    new s3.BucketServerSideEncryptionConfiguration(
      `${name}-sse`,
      { bucket, region, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: this.key.arn }, bucketKeyEnabled: true }] },
      keep,
    );
    const publicBlock = new s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      { bucket, region, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      keep,
    );
    new s3.BucketPolicy(`${name}-tls-only`, { bucket, region, policy: this.bucket.arn.apply((arn) => JSON.stringify(tlsOnlyBucketPolicy(arn))) }, { ...keep, dependsOn: [publicBlock] });
    new s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      {
        bucket,
        region,
        rules: [
          {
            id: "expire-noncurrent-versions",
            status: "Enabled",
            filter: {},
            noncurrentVersionExpiration: { noncurrentDays: days },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
          },
        ],
      },
      { ...keep, dependsOn: [versioning] },
    );

    // Server access logs, in a bucket of their own (a bucket logging to itself loops): the audit trail of who read or wrote what.
    this.accessLogs = new AccessLogBucket(
      `${name}-logs`,
      { bucketName: s3LogBucketName(args.bucketName), region, sourceBucketArn: bucketArn, accountId, partition, retentionDays: args.accessLogDays, allowDataLoss: args.allowDataLoss, tags },
      { parent: this },
    );
    new s3.BucketLogging(
      `${name}-access-logging`,
      { bucket, region, targetBucket: this.accessLogs.bucket.id, targetPrefix: ACCESS_LOG_PREFIX },
      { ...keep, dependsOn: [this.accessLogs.policy] },
    );

    if (args.replication) this.replication = this.replicate(name, args.replication, prefixes, region, versioning, tags, dataProtection(args.allowDataLoss ?? false));
    if (args.podAccess) this.podRole = this.grantPods(name, args.podAccess, prefixes, region, tags);

    this.uri = pulumi.interpolate`s3://${this.bucket.bucket}/${prefix}`;
    this.registerOutputs({ bucket: this.bucket.bucket, uri: this.uri, keyArn: this.key.arn });
  }

  private replicate(
    name: string,
    t: BucketReplicationArgs,
    prefixes: readonly string[],
    region: string,
    versioning: pulumi.Resource,
    tags: Record<string, string>,
    keep: { protect: boolean; retainOnDelete: boolean },
  ): s3.BucketReplicationConfig {
    const child = { parent: this };
    // A kept replication configuration without its role replicates nothing: the role is kept with it.
    const kept = { ...child, ...keep };
    const trust = JSON.stringify(asTrustPolicy(s3ReplicationTrustPolicy()));
    const role = new iam.Role(`${name}-replication`, { assumeRolePolicy: trust, tags }, kept);
    new iam.RolePolicy(
      `${name}-replication`,
      {
        role: role.id,
        policy: pulumi
          .all([this.bucket.arn, t.destinationBucketArn, this.key.arn, t.destinationKeyArn])
          .apply(([src, dst, key, dstKey]) => JSON.stringify(replicationPolicy({ sourceBucketArn: src, destinationBucketArn: dst, sourceKeyArn: key, destinationKeyArn: dstKey }))),
      },
      kept,
    );
    // RTC's 15-minute SLA needs replication metrics; both go on together.
    const rtc = t.timeControl
      ? { replicationTime: { status: "Enabled", time: { minutes: 15 } }, metrics: { status: "Enabled", eventThreshold: { minutes: 15 } } }
      : {};
    return new s3.BucketReplicationConfig(
      `${name}-replication`,
      {
        bucket: this.bucket.id,
        region,
        role: role.arn,
        // One rule per prefix (checkpoints, models); V2 rules with a filter need distinct priorities.
        // Source: AWS S3 User Guide, "Replication configuration file elements".
        rules: prefixes.map((p, i) => ({
          id: `${p}-to-${t.region}`,
          status: "Enabled",
          priority: i + 1,
          filter: { prefix: `${p}/` },
          deleteMarkerReplication: { status: "Enabled" },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
          destination: { bucket: t.destinationBucketArn, storageClass: "STANDARD", encryptionConfiguration: { replicaKmsKeyId: t.destinationKeyArn }, ...rtc },
        })),
      },
      { ...kept, dependsOn: [versioning] },
    );
  }

  private grantPods(name: string, a: NonNullable<CheckpointBucketArgs["podAccess"]>, prefixes: readonly string[], region: string, tags: Record<string, string>): iam.Role {
    const child = { parent: this };
    const trust = pulumi
      .output(a.clusterName)
      .apply((clusterName) => JSON.stringify(asTrustPolicy(podIdentityTrustPolicy({ clusterName, namespace: a.namespace, serviceAccount: a.serviceAccount }))));
    const role = new iam.Role(`${name}-pods`, { assumeRolePolicy: trust, tags }, child);
    new iam.RolePolicy(
      `${name}-pods`,
      { role: role.id, policy: pulumi.all([this.bucket.arn, this.key.arn]).apply(([b, k]) => JSON.stringify(servingAccessPolicy(b, prefixes, k))) },
      child,
    );
    new eks.PodIdentityAssociation(`${name}-pods`, { clusterName: a.clusterName, namespace: a.namespace, serviceAccount: a.serviceAccount, roleArn: role.arn, region, tags }, child);
    return role;
  }
}
