import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { T } from "../lib/keys";
import { HELM_TYPES, platformValues } from "../lib/platform-chart";
import { cfgStrings, stackItems } from "../lib/stack";
import { at, isUnknown, own, plainProps, str, text, UNKNOWN, Unknown } from "../lib/values";

export interface DataRetainedConfig {
  types?: string[];
}

/**
 * Stateful types: deleting a CRD deletes every object of it (all graphs); buckets hold checkpoints.
 * Guard rails too: deleting one leaves the data unprotected (public access, TLS-only policy,
 * encryption, versioning, replication (S3 and Azure object replication), lifecycle, access logging, blob soft delete). A namespace takes its claims and
 * Secrets with it; log groups hold the audit trail; DNS records, health checks and Traffic Manager
 * profiles are what clients resolve; the policy group is what enforces this pack.
 */
export const DEFAULT_RETAINED_TYPES: readonly string[] = [
  T.crd,
  T.pvc,
  T.namespace,
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  "aws:s3/bucketPolicy:BucketPolicy",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
  "aws:s3/bucketVersioning:BucketVersioning",
  "aws:s3/bucketVersioningV2:BucketVersioningV2",
  "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
  // S3 server access logging (the audit trail of the bucket) and the log bucket's ownership setting.
  "aws:s3/bucketLogging:BucketLogging",
  "aws:s3/bucketLoggingV2:BucketLoggingV2",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  "aws:efs/fileSystem:FileSystem",
  "aws:ebs/volume:Volume",
  "aws:cloudwatch/logGroup:LogGroup",
  // A KMS key guards what it encrypts: once deleted, EKS Secrets, encrypted logs and checkpoints are unreadable.
  "aws:kms/key:Key",
  "aws:route53/record:Record",
  "aws:route53/healthCheck:HealthCheck",
  "azure-native:storage:StorageAccount",
  "azure-native:storage:BlobContainer",
  "azure-native:storage:BlobServiceProperties",
  "azure-native:storage:ObjectReplicationPolicy",
  "azure-native:storage:FileShare",
  "azure-native:compute:Disk",
  "azure-native:trafficmanager:Profile",
  "pulumiservice:index:PolicyGroup",
  // AKS: the audit trail (Log Analytics workspace and the diagnostic setting feeding it) and the KMS
  // etcd key and its vault, without which the cluster's Secrets cannot be read.
  "azure-native:operationalinsights:Workspace",
  "azure-native:monitor:DiagnosticSetting",
  "azure-native:keyvault:Vault",
  "azure-native:keyvault:Key",
];

/** What puts state into a namespace: claims, Secrets, StatefulSets, graphs (their claims and HF token), the platform chart (etcd/NATS claims). */
const NAMESPACE_STATE: readonly string[] = [T.pvc, "kubernetes:core/v1:Secret", T.statefulSet, T.dgdV1alpha1, T.dgdV1beta1];

/** Namespaces the stack puts state in; UNKNOWN when some stateful object's namespace is not known yet. */
function statefulNamespaces(resources: readonly PolicyResource[]): Set<string> | Unknown {
  const out = new Set<string>();
  for (const r of stackItems(resources, [...NAMESPACE_STATE, ...HELM_TYPES])) {
    if (HELM_TYPES.includes(r.type) && platformValues(r.type, r.props) === undefined) continue;
    const ns = HELM_TYPES.includes(r.type) ? str(at(r.props, "namespace")) : str(at(r.props, "metadata", "namespace"));
    if (isUnknown(ns)) return UNKNOWN;
    out.add(ns ?? "default");
  }
  return out;
}

export const dataRetained: StackValidationPolicy = {
  name: "data-retained",
  description:
    "CustomResourceDefinitions, checkpoint buckets and containers, persistent stores, their guard rails (public-access block, bucket policy, encryption, versioning, replication, lifecycle, access logging, object ownership, blob service properties), namespaces holding claims, Secrets or graphs, log groups and workspaces with their diagnostic settings, KMS keys, etcd encryption keys and vaults, DNS records and health checks, and the policy group are protected (or retained on delete), so a refactor or destroy cannot delete them.",
  remediationSteps:
    "Set the resource option protect: true (and retainOnDelete: true). The analyzer protocol carries protect but not retainOnDelete, so the pack can only see protect.",
  enforcementLevel: "advisory",
  severity: "high",
  configSchema: { properties: { types: { type: "array", items: { type: "string" }, default: [...DEFAULT_RETAINED_TYPES] } } },
  validateStack: (args, report) => {
    const types = cfgStrings(args.getConfig<DataRetainedConfig>() as Record<string, unknown>, "types", DEFAULT_RETAINED_TYPES);
    const judged = args.resources.filter((r) => types.includes(r.type));
    if (judged.length === 0) return;
    const stateful = judged.some((r) => r.type === T.namespace) ? statefulNamespaces(args.resources) : new Set<string>();
    for (const r of judged) {
      const opts = r.opts as unknown;
      if (own(opts, "protect") === true || own(opts, "retainOnDelete") === true) continue;
      if (r.type === T.namespace && !isUnknown(stateful)) {
        // A namespace without state costs nothing to delete (the GPU Operator's, say); an unknown name is judged.
        const name = str(at(plainProps(r.props), "metadata", "name"));
        if (typeof name === "string" && !stateful.has(name)) continue;
      }
      report(`${text(r.type.split(":").pop())} ${text(r.name)} holds state or guards it but is neither protected nor retained on delete.`, r.urn);
    }
  },
};
