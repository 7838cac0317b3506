import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../lib/keys";
import { cfgStrings } from "../lib/stack";
import { own, text } from "../lib/values";

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
    const types = cfgStrings(args.getConfig<DataRetainedConfig>() as Record<string, unknown>, "types", DEFAULT_RETAINED_TYPES);
    if (!types.includes(args.type)) return;
    const opts = args.opts as unknown;
    if (own(opts, "protect") !== true && own(opts, "retainOnDelete") !== true) {
      report(`${text(args.type.split(":").pop())} ${text(args.name)} holds state but is neither protected nor retained on delete.`);
    }
  },
};
