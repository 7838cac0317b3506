// What the component provider serves to other Pulumi languages, and where its schema is read from.
// The schema comes from the TypeScript source: provider/package.json points the SDK's analyzer at the
// public entry (components/index.ts) and provider/tsconfig.json gives it the components' sources only.
import * as path from "path";
import { AwsRegion, AzureRegion, CheckpointBucket, CheckpointStore, CheckpointVolume, DynamoPlatform, GlobalRouting, HaGraph, Observability } from "../components";
import { PROJECT_ROOT } from "../stacks/project-root";

export const PACKAGE_NAME = "dynamo-ha";
export const PROVIDER_DIR = path.join(PROJECT_ROOT, "provider");

/**
 * The components other languages can construct. Each one's args and class fields stay within what a
 * package schema can express: plain values, Inputs/Outputs, mutable arrays, string maps, nested
 * interfaces and `as const` enums. Resources a TypeScript caller reads are getters, which the schema
 * leaves out; dependencies come through `opts.dependsOn`.
 */
export const PROVIDED_COMPONENTS = [AwsRegion, AzureRegion, DynamoPlatform, HaGraph, Observability, CheckpointStore, CheckpointBucket, CheckpointVolume, GlobalRouting];
