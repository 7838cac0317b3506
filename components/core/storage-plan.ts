// Pure decisions about the model/checkpoint store: names, the DR peer's store as its outputs
// describe it, object replication rules, and the region pairs Azure geo-redundant storage
// replicates between. No Pulumi resources here.
import { ConfigError, show } from "./config/schema";
import { REGIONAL_OUTPUTS, STORAGE_OUTPUTS, stackNameOf } from "./regional-outputs";

/** S3 bucket names: 3–63 characters of lowercase letters, digits, "-" and "."; globally unique. */
export function s3BucketName(stack: string): string {
  const base = `dynamo-ha-${stack}-checkpoints`.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/-+/g, "-");
  return base.length <= 63 ? base : base.slice(0, 63).replace(/-+$/, "");
}

/** `arn:<partition>:s3:::<bucket>`, the format S3 gives bucket ARNs: known in a preview, where the bucket's own `arn` output is not. */
export function s3BucketArn(partition: string, bucket: string): string {
  return `arn:${partition}:s3:::${bucket}`;
}

/** Azure storage account names: 3–24 lowercase letters and digits; globally unique. */
export function azureAccountName(stack: string): string {
  const clean = stack.toLowerCase().replace(/[^a-z0-9]/g, "");
  return `dynha${clean}`.slice(0, 24);
}

/**
 * KMS alias of a bucket's checkpoint key, for people and tools reading the account. Aliases allow
 * letters, digits, "/", "_" and "-" but no ".", which bucket names may contain: dots become "-".
 * Replication never relies on it: the primary reads the peer's key ARN from the peer's outputs.
 */
export function kmsAliasFor(bucket: string): string {
  return `alias/${bucket.replace(/[^a-zA-Z0-9/_-]/g, "-")}`;
}

/**
 * Azure region pairs (geo-redundant storage copies to the pair; the pair cannot be chosen).
 * Source: Azure "cross-region replication" region pair table. Some pairs are one-way (westus3 → eastus).
 */
export const AZURE_REGION_PAIRS: Readonly<Record<string, string>> = {
  eastus: "westus",
  westus: "eastus",
  eastus2: "centralus",
  centralus: "eastus2",
  westus2: "westcentralus",
  westcentralus: "westus2",
  westus3: "eastus",
  northcentralus: "southcentralus",
  southcentralus: "northcentralus",
  canadacentral: "canadaeast",
  canadaeast: "canadacentral",
  northeurope: "westeurope",
  westeurope: "northeurope",
  uksouth: "ukwest",
  ukwest: "uksouth",
  francecentral: "francesouth",
  germanywestcentral: "germanynorth",
  swedencentral: "swedensouth",
  japaneast: "japanwest",
  japanwest: "japaneast",
  australiaeast: "australiasoutheast",
  australiasoutheast: "australiaeast",
  southeastasia: "eastasia",
  eastasia: "southeastasia",
  centralindia: "southindia",
  koreacentral: "koreasouth",
};

/** A regional stack's fully qualified reference, `<org>/<project>/<stack>`, as the global stack names them. */
export function peerStackRef(organization: string, project: string, stack: string): string {
  return `${organization}/${project}/${stack}`;
}

/** What this (primary) stack expects of the store it replicates into. */
export interface PeerStoreExpectation {
  readonly cloud: "aws" | "azure";
  /** This stack's region. */
  readonly region: string;
  /** `storage.replicateToRegion`. */
  readonly replicateToRegion: string;
  /** `storage.prefix` and `storage.modelPrefix` here. */
  readonly prefix: string;
  readonly modelPrefix: string;
}

/** The DR peer's store, from its stack outputs, checked. */
export interface PeerStore {
  /** Fully qualified reference it was read from. */
  readonly ref: string;
  readonly region: string;
  /** Bucket or storage account name. */
  readonly store: string;
  readonly checkpointPrefix: string;
  readonly modelPrefix: string;
  /** AWS: destination bucket and the key replicas are encrypted with. */
  readonly bucketArn?: string;
  readonly keyArn?: string;
  /** Azure: destination account's resource ID, and the subscription and resource group it is in. */
  readonly accountId?: string;
  readonly subscriptionId?: string;
  readonly resourceGroup?: string;
}

const AZURE_ACCOUNT_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Storage\/storageAccounts\/([a-z0-9]{3,24})$/i;

/** Subscription, resource group and name of a storage account resource ID; undefined if it is not one. */
export function parseStorageAccountId(id: string): { subscriptionId: string; resourceGroup: string; account: string } | undefined {
  const m = AZURE_ACCOUNT_ID.exec(id);
  return m ? { subscriptionId: m[1], resourceGroup: m[2], account: m[3] } : undefined;
}

/**
 * Checks the DR peer's outputs and returns its store. Every failure is one line naming the key to
 * change: an output missing means the peer is not deployed (or predates these outputs), so the
 * line says which stack to `pulumi up` first.
 */
export function peerStore(want: PeerStoreExpectation, ref: string, outputs: Readonly<Record<string, unknown>> | undefined): PeerStore {
  const o = outputs ?? {};
  const stack = stackNameOf(ref);
  const need = (name: string): string => {
    const v = o[name];
    if (typeof v !== "string" || v === "") {
      throw new ConfigError(`dynamo-ha:dr.peerStack: stack '${ref}' has no output '${name}': deploy the peer first (pulumi up -s ${stack}), then this stack`);
    }
    return v;
  };
  const cloud = need(REGIONAL_OUTPUTS.cloud);
  const role = need(REGIONAL_OUTPUTS.role);
  const region = need(REGIONAL_OUTPUTS.region);
  if (cloud !== want.cloud || role !== "secondary") {
    throw new ConfigError(`dynamo-ha:dr.peerStack: must be a regional ${want.cloud} stack with dr.role secondary to receive this primary's replication, got ${stack} (${cloud}, ${role})`);
  }
  if (region === want.region) {
    throw new ConfigError(`dynamo-ha:dr.peerStack: the DR peer must be in another region than this stack's (${want.region}), got ${stack} (${region})`);
  }
  if (region !== want.replicateToRegion) {
    throw new ConfigError(`dynamo-ha:storage.replicateToRegion: must be the DR peer's region (${stack} is in ${region}), got ${show(want.replicateToRegion)}`);
  }
  const backend = need(STORAGE_OUTPUTS.backend);
  const object = want.cloud === "aws" ? "s3" : "azure-blob";
  if (backend !== object) {
    throw new ConfigError(`dynamo-ha:dr.peerStack: the DR peer must keep an object store (storage.backend object) to receive replication, got ${stack} (backend ${backend})`);
  }
  const base = { ref, region, store: need(STORAGE_OUTPUTS.store), checkpointPrefix: need(STORAGE_OUTPUTS.checkpointPrefix), modelPrefix: need(STORAGE_OUTPUTS.modelPrefix) };
  if (want.cloud === "aws") {
    // S3 replication keeps key names: replicas land under the source's prefixes, which the peer's pods must read.
    // Source: AWS S3 User Guide, "Replicating objects" (a rule's destination has no key rewrite).
    for (const [key, mine, theirs] of [["prefix", want.prefix, base.checkpointPrefix], ["modelPrefix", want.modelPrefix, base.modelPrefix]] as const) {
      if (mine !== theirs) throw new ConfigError(`dynamo-ha:storage.${key}: S3 replication keeps key names, so it must equal the DR peer's (${stack} uses ${show(theirs)}), got ${show(mine)}`);
    }
    return { ...base, bucketArn: need(STORAGE_OUTPUTS.bucketArn), keyArn: need(STORAGE_OUTPUTS.keyArn) };
  }
  const accountId = need(STORAGE_OUTPUTS.accountId);
  const parsed = parseStorageAccountId(accountId);
  if (!parsed) throw new ConfigError(`dynamo-ha:dr.peerStack: output '${STORAGE_OUTPUTS.accountId}' of ${stack} must be a storage account resource ID, got ${show(accountId)}`);
  return { ...base, accountId, subscriptionId: parsed.subscriptionId, resourceGroup: parsed.resourceGroup };
}

/** One object replication rule: a source container and the peer's container it is copied into. */
export interface ContainerPair {
  readonly sourceContainer: string;
  readonly destinationContainer: string;
}

/** Azure object replication: checkpoints into the peer's checkpoint container, models into its model container. */
export function containerPairs(want: Pick<PeerStoreExpectation, "prefix" | "modelPrefix">, peer: Pick<PeerStore, "checkpointPrefix" | "modelPrefix">): ContainerPair[] {
  return [
    { sourceContainer: want.prefix, destinationContainer: peer.checkpointPrefix },
    { sourceContainer: want.modelPrefix, destinationContainer: peer.modelPrefix },
  ];
}

/**
 * The rule ID Azure generated for a pair on the destination policy; the source policy must repeat it.
 * Source: Azure "Configure object replication" (the source policy carries the destination's policy
 * and rule IDs); azure-native storage.ObjectReplicationPolicy `rules[].ruleId`.
 */
export function ruleIdFor(pair: ContainerPair, returned: readonly { sourceContainer: string; destinationContainer: string; ruleId?: string }[] | undefined): string {
  const r = (returned ?? []).find((x) => x.sourceContainer === pair.sourceContainer && x.destinationContainer === pair.destinationContainer);
  if (!r?.ruleId) throw new Error(`the destination object replication policy returned no rule ID for ${pair.sourceContainer} -> ${pair.destinationContainer}`);
  return r.ruleId;
}

/** Protection of stored data: on unless `allowDataLoss` is set, and then both protect and retain go. */
export function dataProtection(allowDataLoss: boolean): { protect: boolean; retainOnDelete: boolean } {
  return { protect: !allowDataLoss, retainOnDelete: !allowDataLoss };
}

/**
 * The S3 server access log bucket of a checkpoint bucket: `<bucket>-logs` when that fits S3's 63
 * characters, else the bucket's name cut short with a hash of the whole name, so two long names
 * sharing a prefix still get distinct log buckets. Dots are kept; a cut never leaves "-" or "." at
 * the end of the base (S3 bucket naming rules, AWS S3 User Guide, bucketnamingrules.html).
 */
export function s3LogBucketName(bucket: string): string {
  const suffix = "-logs";
  if (bucket.length + suffix.length <= 63) return `${bucket}${suffix}`;
  const hash = fnv1a(bucket).toString(16).padStart(8, "0").slice(0, 8);
  const base = bucket.slice(0, 63 - suffix.length - hash.length - 1).replace(/[.-]+$/, "");
  return `${base}-${hash}${suffix}`;
}

/** 32-bit FNV-1a: a stable, dependency-free hash for name shortening (not for security). */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const KEY_VAULT_KEY_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.KeyVault\/vaults\/([a-zA-Z0-9-]{3,24})\/keys\/([a-zA-Z0-9-]{1,127})$/i;

/**
 * The vault and key of a Key Vault key's resource ID (`…/providers/Microsoft.KeyVault/vaults/<vault>/keys/<key>`);
 * undefined if it is not one. Vault names are 3–24 letters, digits and "-"; key names 1–127 of the same
 * (learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates, "Object identifiers").
 */
export function parseKeyVaultKeyId(id: string): { vaultName: string; keyName: string } | undefined {
  const m = KEY_VAULT_KEY_ID.exec(id);
  return m ? { vaultName: m[1], keyName: m[2] } : undefined;
}
