// The checkpoint stores' args checked by the `storage` stack config section's field schemas and rules,
// so a store composed in a program and one from a stack file are judged alike. A bad value ends with
// one line naming the arg (`CheckpointBucket.prefix: …`). Pure: tested without mocks.
import { ConfigError, DNS_LABEL, DNS_SUBDOMAIN, S3_BUCKET, show, str } from "../core/config";
import { storageSection } from "../core/config/sections/storage";

const f = storageSection.fields!;
const CMK_ID = f.azure.fields!.customerManagedKeyId;

/** Prefixes (S3) or containers (Azure) for checkpoints and model weights: the section's grammar, distinct. */
function prefixes(component: string, keys: [string, string], values: [string | undefined, string | undefined]): { prefix: string; modelPrefix: string } {
  const prefix = f.prefix.parse(values[0], `${component}.${keys[0]}`) as string;
  const modelPrefix = f.modelPrefix.parse(values[1], `${component}.${keys[1]}`) as string;
  if (prefix === modelPrefix) {
    throw new ConfigError(`${component}.${keys[1]}: model weights and checkpoints need distinct ${keys[0] === "prefix" ? "prefixes" : "containers"} (${keys[0]} is ${show(prefix)}), got ${show(modelPrefix)}`);
  }
  return { prefix, modelPrefix };
}

/** A pod identity's Kubernetes names: a namespace is a DNS label, a service account a DNS subdomain. */
function podNames(component: string, a: { namespace: string; serviceAccount: string } | undefined): void {
  if (a === undefined) return;
  str({ doc: "", grammar: DNS_LABEL }).parse(a.namespace, `${component}.podAccess.namespace`);
  str({ doc: "", grammar: DNS_SUBDOMAIN }).parse(a.serviceAccount, `${component}.podAccess.serviceAccount`);
}

export interface BucketSettings {
  readonly prefix: string;
  readonly modelPrefix: string;
  readonly noncurrentVersionDays: number;
  readonly accessLogDays: number;
}

/** CheckpointBucket's args resolved: defaults and ranges of storage.prefix/modelPrefix/noncurrentVersionDays/accessLogDays. */
export function resolveBucketArgs(a: {
  bucketName: string;
  prefix?: string;
  modelPrefix?: string;
  noncurrentVersionDays?: number;
  accessLogDays?: number;
  podAccess?: { namespace: string; serviceAccount: string };
}): BucketSettings {
  const c = "CheckpointBucket";
  if (typeof a.bucketName !== "string" || !S3_BUCKET.test(a.bucketName)) throw new ConfigError(`${c}.bucketName: must be ${S3_BUCKET.text}, got ${show(a.bucketName)}`);
  const p = prefixes(c, ["prefix", "modelPrefix"], [a.prefix, a.modelPrefix]);
  podNames(c, a.podAccess);
  return {
    ...p,
    noncurrentVersionDays: f.noncurrentVersionDays.parse(a.noncurrentVersionDays, `${c}.noncurrentVersionDays`) as number,
    accessLogDays: f.accessLogDays.parse(a.accessLogDays, `${c}.accessLogDays`) as number,
  };
}

export interface AccountSettings {
  readonly container: string;
  readonly modelContainer: string;
  readonly softDeleteDays: number;
}

/** CheckpointStore's args resolved: the account name rule, the containers, soft delete days and the key ID's grammar. */
export function resolveAccountArgs(a: {
  accountName: string;
  container?: string;
  modelContainer?: string;
  softDeleteDays?: number;
  customerManagedKeyId?: string;
  podAccess?: { namespace: string; serviceAccount: string };
}): AccountSettings {
  const c = "CheckpointStore";
  // Same rule as dynamo-ha:storage.name on Azure (checks/storage.ts).
  if (typeof a.accountName !== "string" || !/^[a-z0-9]{3,24}$/.test(a.accountName)) {
    throw new ConfigError(`${c}.accountName: an Azure storage account name is 3–24 lowercase letters and digits, got ${show(a.accountName)}`);
  }
  const p = prefixes(c, ["container", "modelContainer"], [a.container, a.modelContainer]);
  CMK_ID.parse(a.customerManagedKeyId, `${c}.customerManagedKeyId`);
  podNames(c, a.podAccess);
  return { container: p.prefix, modelContainer: p.modelPrefix, softDeleteDays: f.noncurrentVersionDays.parse(a.softDeleteDays, `${c}.softDeleteDays`) as number };
}

export interface VolumeSettings {
  readonly size: string;
}

/** CheckpointVolume's args checked: a DNS-label namespace, a DNS-subdomain class and claim name, storage.pvcSize's default and grammar. */
export function resolveVolumeArgs(a: { namespace: string; storageClassName: string; size?: string; pvcName?: string }): VolumeSettings {
  const c = "CheckpointVolume";
  str({ doc: "", grammar: DNS_LABEL }).parse(a.namespace, `${c}.namespace`);
  if (a.storageClassName === undefined) throw new ConfigError(`${c}.storageClassName: is required (a ReadWriteMany storage class), got nothing`);
  f.pvcStorageClass.parse(a.storageClassName, `${c}.storageClassName`);
  str({ doc: "", grammar: DNS_SUBDOMAIN, default: "" }).parse(a.pvcName, `${c}.pvcName`);
  return { size: f.pvcSize.parse(a.size, `${c}.size`) as string };
}
