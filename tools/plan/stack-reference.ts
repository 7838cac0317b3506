// What the offline plan answers for a `pulumi.StackReference`, derived from the referenced stack's
// file: the outputs a bundled regional stack would export for global routing and for its DR
// primary's replication. Values only a deployment knows (the frontend's load balancer hostname,
// the bucket's KMS key ID, the account's subscription) are placeholders (with `exposure.edge` on, the frontend is the edge's: HTTPS on 443). A stack that is not
// bundled answers like a stack that was never deployed: no outputs.
import * as fs from "fs";
import * as path from "path";
import { drSection } from "../../components/core/config/sections/dr";
import { exposureSection } from "../../components/core/config/sections/exposure";
import { storageSection } from "../../components/core/config/sections/storage";
import { FRONTEND_URL_OUTPUT, REGIONAL_OUTPUTS, STORAGE_OUTPUTS, stackNameOf } from "../../components/core/regional-outputs";
import { azureAccountName, s3BucketName } from "../../components/core/storage-plan";
import { FRONTEND_PORT, FRONTEND_PROTOCOL, frontendUrl } from "../../components/core/frontend";
import { loadStackFile, STACKS_DIR } from "./stack-file";

/** Placeholder bare hostname of a bundled stack's frontend load balancer. */
export function planFrontendHost(stack: string): string {
  return `${stack}.frontend.invalid`;
}

/** The account and subscription the plan's AWS and Azure look-ups answer with (tools/plan/mocks.ts). */
export const PLAN_AWS_ACCOUNT = "123456789012";
export const PLAN_AZURE_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

/** Whether the plan can answer for `ref` from a stack file in `dir`. */
export function isBundledStack(ref: string, dir = STACKS_DIR): boolean {
  const stack = stackNameOf(ref);
  return /^[A-Za-z0-9_.-]+$/.test(stack) && fs.existsSync(path.join(dir, `Pulumi.${stack}.yaml`));
}

/** `{ outputs }` for a referenced stack: derived from its stack file when bundled, none otherwise. */
export function planStackReference(ref: string, dir = STACKS_DIR): Record<string, unknown> {
  if (!isBundledStack(ref, dir)) return { outputs: {}, secretOutputNames: [] };
  const stack = stackNameOf(ref);
  const { config } = loadStackFile(stack, dir);
  const section = <T>(key: string, s: { parse(v: unknown, p: string): T }): T => {
    const raw = config[`dynamo-ha:${key}`];
    return s.parse(raw === undefined ? undefined : JSON.parse(raw), `dynamo-ha:${key}`);
  };
  const dr = section("dr", drSection);
  const edge = section("exposure", exposureSection).edge.enabled;
  const host = planFrontendHost(stack);
  const region = config["dynamo-ha:region"];
  const cloud = config["dynamo-ha:cloud"];
  return {
    outputs: {
      [REGIONAL_OUTPUTS.frontendHost]: host,
      [REGIONAL_OUTPUTS.frontendPort]: edge ? 443 : FRONTEND_PORT.containerPort,
      [REGIONAL_OUTPUTS.frontendProtocol]: edge ? "HTTPS" : FRONTEND_PROTOCOL,
      [FRONTEND_URL_OUTPUT]: edge ? `https://${host}` : frontendUrl(host),
      [REGIONAL_OUTPUTS.healthPath]: dr.healthPath,
      [REGIONAL_OUTPUTS.region]: region,
      [REGIONAL_OUTPUTS.role]: dr.role,
      [REGIONAL_OUTPUTS.priority]: dr.priority,
      [REGIONAL_OUTPUTS.weight]: dr.weight,
      [REGIONAL_OUTPUTS.cloud]: cloud,
      ...planStoreOutputs(stack, cloud, region, config["dynamo-ha:cluster"], section("storage", storageSection)),
    },
    secretOutputNames: [],
  };
}

/** The store identity a bundled regional stack exports (components/storage/index.ts). */
function planStoreOutputs(stack: string, cloud: string | undefined, region: string | undefined, clusterRaw: string | undefined, s: ReturnType<typeof storageSection.parse>): Record<string, unknown> {
  if (s.backend !== "object") return { [STORAGE_OUTPUTS.backend]: s.backend };
  const prefixes = { [STORAGE_OUTPUTS.checkpointPrefix]: s.prefix, [STORAGE_OUTPUTS.modelPrefix]: s.modelPrefix };
  if (cloud === "aws") {
    const bucket = s.name ?? s3BucketName(stack);
    return {
      [STORAGE_OUTPUTS.backend]: "s3",
      [STORAGE_OUTPUTS.store]: bucket,
      ...prefixes,
      [STORAGE_OUTPUTS.bucketArn]: `arn:aws:s3:::${bucket}`,
      [STORAGE_OUTPUTS.keyArn]: `arn:aws:kms:${region}:${PLAN_AWS_ACCOUNT}:key/plan-${stack}`,
    };
  }
  const account = s.name ?? azureAccountName(stack);
  // The store lives in the cluster's resource group, `<cluster.name or dynamo-<stack>>-rg` (components/azure/naming.ts).
  const cluster = (JSON.parse(clusterRaw ?? "{}") as { name?: string }).name ?? `dynamo-${stack}`;
  return {
    [STORAGE_OUTPUTS.backend]: "azure-blob",
    [STORAGE_OUTPUTS.store]: account,
    ...prefixes,
    [STORAGE_OUTPUTS.accountId]: `/subscriptions/${PLAN_AZURE_SUBSCRIPTION}/resourceGroups/${cluster}-rg/providers/Microsoft.Storage/storageAccounts/${account}`,
  };
}
