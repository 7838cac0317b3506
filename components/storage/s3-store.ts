// The regional S3 store for model weights and CHREK checkpoints: encrypted (key with an explicit
// policy), versioned, private, access-logged to a bucket of its own (access-log-bucket.ts),
// TLS-only, optionally replicated to the DR peer's bucket, reachable by serving pods through
// EKS Pod Identity with a policy limited to its two prefixes.
import * as eks from "@pulumi/aws/eks";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import * as iam from "../aws/sdk/iam";
import * as kms from "@pulumi/aws/kms";
import * as s3 from "../aws/sdk/s3";
import * as pulumi from "@pulumi/pulumi";
import { dataProtection, kmsAliasFor, s3BucketArn, s3LogBucketName } from "../core/storage-plan";
import { ACCESS_LOG_PREFIX, AccessLogBucket } from "./access-log-bucket";
import { resolveBucketArgs } from "./store-args";
import { childDependsOn } from "../core/child-depends-on";
import { arnPartition, asTrustPolicy, checkpointKeyPolicy, podIdentityTrustPolicy, replicationPolicy, s3ReplicationTrustPolicy, s3ViaService, servingAccessPolicy, tlsOnlyBucketPolicy } from "./policies";

export interface CheckpointBucketArgs {
  /**
   * Globally unique bucket name (3–63 lowercase letters, digits, '.' or '-').
   * @default - required, no default
   */
  readonly bucketName: string;
  /**
   * AWS region of the bucket (set on every regional resource).
   * @default - required, no default
   */
  readonly region: string;
  /**
   * Key prefix holding checkpoints; serving pods may use it.
   * @default "checkpoints"
   */
  readonly prefix?: string;
  /**
   * Key prefix holding model weights; serving pods may use it.
   * @default "models"
   */
  readonly modelPrefix?: string;
  /**
   * Days a noncurrent object version is kept before it expires (1–365).
   * @default 30
   */
  readonly noncurrentVersionDays?: number;
  /**
   * Replicate both prefixes to the DR peer's bucket, whose ARN and key come from the peer's stack
   * outputs. S3 refuses a replication configuration whose destination bucket does not exist with
   * versioning on: deploy the peer (secondary) region first.
   * @default - no replication
   */
  readonly replication?: BucketReplicationArgs;
  /**
   * Drop protect/retainOnDelete and let the bucket be emptied on delete.
   * @default false
   */
  readonly allowDataLoss?: boolean;
  /**
   * Days S3 server access logs are kept in the log bucket (`<bucket>-logs`), 1–3650.
   * @default 365
   */
  readonly accessLogDays?: number;
  /**
   * Give this Kubernetes service account read/write access to both prefixes through EKS Pod Identity.
   * @default - no pod access
   */
  readonly podAccess?: PodIdentityAccessArgs;
  /**
   * Tags on every resource.
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

/** The DR peer's bucket as its stack outputs name it. */
export interface BucketReplicationArgs {
  /**
   * The peer's region (the rule IDs name it).
   * @default - required, no default
   */
  readonly region: string;
  /**
   * ARN of the peer's bucket, which must exist with versioning on.
   * @default - required, no default
   */
  readonly destinationBucketArn: pulumi.Input<string>;
  /**
   * ARN of the peer's KMS key: replicas are encrypted with it, and the role may use no other.
   * @default - required, no default
   */
  readonly destinationKeyArn: pulumi.Input<string>;
  /**
   * S3 Replication Time Control (15-minute SLA) with replication metrics.
   * @default false
   */
  readonly timeControl?: boolean;
}

/** A Kubernetes service account given the store through EKS Pod Identity. */
export interface PodIdentityAccessArgs {
  /**
   * The EKS cluster the pods run in.
   * @default - required, no default
   */
  readonly clusterName: pulumi.Input<string>;
  /**
   * Namespace of the service account.
   * @default - required, no default
   */
  readonly namespace: string;
  /**
   * Name of the service account.
   * @default - required, no default
   */
  readonly serviceAccount: string;
}

// What TypeScript callers read through getters: resources are not part of the package schema.
interface BucketChildren {
  bucket: s3.Bucket;
  key: kms.Key;
  accessLogs: AccessLogBucket;
  podRole?: iam.Role;
  replication?: s3.BucketReplicationConfig;
}
const children = new WeakMap<CheckpointBucket, BucketChildren>();

/**
 * The regional S3 store for model weights and checkpoints: SSE-KMS with its own key (explicit key
 * policy), versioned, private, TLS-only, server access logs in a bucket of their own, optionally
 * replicated to the DR peer's bucket and reachable by one service account through EKS Pod Identity
 * with a policy limited to its two prefixes. The bucket, key and guard rails are protected and retained
 * on delete unless data loss is allowed. Every child and the account/partition lookups go through the
 * AWS provider in `opts.provider(s)`, never the ambient default provider.
 */
export class CheckpointBucket extends pulumi.ComponentResource {
  /** Name of the bucket. */
  readonly bucketName: pulumi.Output<string>;
  /** ARN of the bucket (the DR primary's replication destination when this is the peer). */
  readonly bucketArn: pulumi.Output<string>;
  /** ARN of the KMS key encrypting the bucket. */
  readonly keyArn: pulumi.Output<string>;
  /** `s3://<bucket>/<prefix>` as CHREK's `storage.s3.uri` expects it. */
  readonly uri: pulumi.Output<string>;
  /** Name of the bucket holding the server access logs. */
  readonly accessLogBucketName: pulumi.Output<string>;
  /** ARN of the role the service account assumes through Pod Identity (only with podAccess). */
  readonly podRoleArn?: pulumi.Output<string>;

  constructor(name: string, args: CheckpointBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:aws:CheckpointBucket", name, {}, opts);
    const settings = resolveBucketArgs(args);
    const prefix = settings.prefix;
    const prefixes = [prefix, settings.modelPrefix];
    const days = settings.noncurrentVersionDays;
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
    const keyPolicy = pulumi.all([partition, accountId]).apply(([p, a]) => JSON.stringify(checkpointKeyPolicy({ partition: p, accountId: a })));
    const key = new kms.Key(
      `${name}-key`,
      { description: `${args.bucketName} checkpoints`, enableKeyRotation: true, deletionWindowInDays: 30, policy: keyPolicy, region, tags },
      keep,
    );
    // A readable name for the key; kept with it.
    new kms.Alias(`${name}-key-alias`, { name: kmsAliasFor(args.bucketName), targetKeyId: key.keyId, region }, keep);

    const bucketResource = new s3.Bucket(`${name}-bucket`, { bucket: args.bucketName, forceDestroy: args.allowDataLoss ?? false, region, tags }, keep);
    const bucket = bucketResource.id;
    // The guard rails are kept with the bucket: `destroy --exclude-protected` must not leave it bare
    // (public, unencrypted, unversioned, unreplicated).
    const versioning = new s3.BucketVersioning(`${name}-versioning`, { bucket, region, versioningConfiguration: { status: "Enabled" } }, keep);
    new s3.BucketServerSideEncryptionConfiguration(
      `${name}-sse`,
      { bucket, region, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }] },
      keep,
    );
    const publicBlock = new s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      { bucket, region, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      keep,
    );
    new s3.BucketPolicy(`${name}-tls-only`, { bucket, region, policy: bucketResource.arn.apply((arn) => JSON.stringify(tlsOnlyBucketPolicy(arn))) }, { ...keep, dependsOn: [publicBlock] });
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
    const accessLogs = new AccessLogBucket(
      `${name}-logs`,
      { bucketName: s3LogBucketName(args.bucketName), region, sourceBucketArn: bucketArn, accountId, partition, retentionDays: settings.accessLogDays, allowDataLoss: args.allowDataLoss, tags },
      { parent: this },
    );
    new s3.BucketLogging(
      `${name}-access-logging`,
      { bucket, region, targetBucket: accessLogs.bucket.id, targetPrefix: ACCESS_LOG_PREFIX },
      { ...keep, dependsOn: [accessLogs.policy] },
    );

    const made: BucketChildren = { bucket: bucketResource, key, accessLogs };
    children.set(this, made);
    this.bucketName = bucketResource.bucket;
    this.bucketArn = bucketResource.arn;
    this.keyArn = key.arn;
    this.uri = pulumi.interpolate`s3://${bucketResource.bucket}/${prefix}`;
    this.accessLogBucketName = accessLogs.bucket.bucket;
    if (args.replication) made.replication = this.replicate(name, args.replication, prefixes, region, versioning, tags, dataProtection(args.allowDataLoss ?? false));
    if (args.podAccess) {
      made.podRole = this.grantPods(name, args.podAccess, prefixes, region, tags, childDependsOn(opts));
      this.podRoleArn = made.podRole.arn;
    }
    this.registerOutputs({ bucket: this.bucketName, uri: this.uri, keyArn: this.keyArn });
  }

  /** The bucket (TypeScript only). */
  get bucket(): s3.Bucket {
    return children.get(this)!.bucket;
  }

  /** The KMS key encrypting the bucket (TypeScript only). */
  get key(): kms.Key {
    return children.get(this)!.key;
  }

  /** Where S3 server access logs of the bucket go (TypeScript only). */
  get accessLogs(): AccessLogBucket {
    return children.get(this)!.accessLogs;
  }

  /** The role the pods assume, with podAccess (TypeScript only). */
  get podRole(): iam.Role | undefined {
    return children.get(this)!.podRole;
  }

  /** The replication configuration, with replication (TypeScript only). */
  get replication(): s3.BucketReplicationConfig | undefined {
    return children.get(this)!.replication;
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
          .all([this.bucketArn, t.destinationBucketArn, this.keyArn, t.destinationKeyArn])
          .apply(([src, dst, key, dstKey]) =>
            JSON.stringify(
              replicationPolicy({
                sourceBucketArn: src,
                destinationBucketArn: dst,
                sourceKeyArn: key,
                destinationKeyArn: dstKey,
                sourceS3Service: s3ViaService(arnPartition(src), region),
                destinationS3Service: s3ViaService(arnPartition(src), t.region),
              }),
            ),
          ),
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

  /** `waitFor`: the component's own dependencies (the cluster, for the association). */
  private grantPods(name: string, a: PodIdentityAccessArgs, prefixes: readonly string[], region: string, tags: Record<string, string>, waitFor: pulumi.Input<pulumi.Resource>[]): iam.Role {
    const child = { parent: this };
    const trust = pulumi
      .output(a.clusterName)
      .apply((clusterName) => JSON.stringify(asTrustPolicy(podIdentityTrustPolicy({ clusterName, namespace: a.namespace, serviceAccount: a.serviceAccount }))));
    const role = new iam.Role(`${name}-pods`, { assumeRolePolicy: trust, tags }, child);
    new iam.RolePolicy(
      `${name}-pods`,
      { role: role.id, policy: pulumi.all([this.bucketArn, this.keyArn]).apply(([b, k]) => JSON.stringify(servingAccessPolicy(b, prefixes, k, s3ViaService(arnPartition(b), region)))) },
      child,
    );
    new eks.PodIdentityAssociation(`${name}-pods`, { clusterName: a.clusterName, namespace: a.namespace, serviceAccount: a.serviceAccount, roleArn: role.arn, region, tags }, { ...child, dependsOn: waitFor });
    return role;
  }
}
