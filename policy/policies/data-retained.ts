import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../lib/keys";

export interface DataRetainedConfig {
  types?: string[];
}

/** Stateful types: deleting a CRD deletes every object of it (all graphs); buckets hold checkpoints. */
export const DEFAULT_RETAINED_TYPES: readonly string[] = [
  T.crd,
  T.pvc,
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
  "aws:efs/fileSystem:FileSystem",
  "aws:ebs/volume:Volume",
  "azure-native:storage:StorageAccount",
  "azure-native:storage:BlobContainer",
  "azure-native:storage:FileShare",
  "azure-native:compute:Disk",
];

export const dataRetained: ResourceValidationPolicy = {
  name: "data-retained",
  description: "CustomResourceDefinitions, checkpoint buckets and containers, and persistent stores are protected (or retained on delete), so a refactor or destroy cannot delete them.",
  remediationSteps:
    "Set the resource option protect: true (and retainOnDelete: true). The analyzer protocol carries protect but not retainOnDelete, so the pack can only see protect.",
  enforcementLevel: "advisory",
  severity: "high",
  configSchema: { properties: { types: { type: "array", items: { type: "string" }, default: [...DEFAULT_RETAINED_TYPES] } } },
  validateResource: (args, report) => {
    const cfg = args.getConfig<DataRetainedConfig>();
    const types = Array.isArray(cfg.types) ? cfg.types : DEFAULT_RETAINED_TYPES;
    if (!types.includes(args.type)) return;
    const opts = args.opts as { protect?: boolean; retainOnDelete?: boolean };
    if (opts.protect !== true && opts.retainOnDelete !== true) {
      report(`${args.type.split(":").pop()} ${args.name} holds state but is neither protected nor retained on delete.`);
    }
  },
};
