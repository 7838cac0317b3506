// Storage, replication and DR-role rules of a regional stack: what one key alone cannot say.
import { isRegion } from "../../regions";
import { AZURE_REGION_PAIRS } from "../../storage-plan";
import { S3_BUCKET } from "../grammar";
import { ConfigError, show } from "../schema";
import { RegionalConfig } from "../stack-config";

export function checkStorage(c: RegionalConfig): void {
  if (c.dr.peerStack !== undefined && c.dr.peerStack === c.stack) {
    throw new ConfigError(`dynamo-ha:dr.peerStack: the DR peer must be another stack than this one (${c.stack}), got ${show(c.dr.peerStack)}`);
  }
  if (c.cloud === "azure" && c.storage.name !== undefined && !/^[a-z0-9]{3,24}$/.test(c.storage.name)) {
    throw new ConfigError(`dynamo-ha:storage.name: an Azure storage account name is 3–24 lowercase letters and digits, got ${show(c.storage.name)}`);
  }
  if (c.cloud === "aws" && c.storage.name !== undefined && !S3_BUCKET.test(c.storage.name)) {
    throw new ConfigError(`dynamo-ha:storage.name: must be ${S3_BUCKET.text}, got ${show(c.storage.name)}`);
  }
  checkReplication(c);
  // EKS ships no ReadWriteMany class: a made-up default would leave the claim Pending forever.
  if (c.cloud === "aws" && c.storage.backend === "pvc" && c.storage.pvcStorageClass === undefined) {
    throw new ConfigError(`dynamo-ha:storage.pvcStorageClass: backend pvc on AWS needs a ReadWriteMany class you installed (e.g. an EFS CSI class), got nothing`);
  }
}

function checkReplication(c: RegionalConfig): void {
  const s = c.storage;
  if (s.replicateToRegion === undefined) {
    if (s.replicationTimeControl) throw new ConfigError(`dynamo-ha:storage.replicationTimeControl: needs storage.replicateToRegion, got true`);
    return;
  }
  const to = s.replicateToRegion;
  if (!isRegion(c.cloud, to)) {
    const like = c.cloud === "aws" ? 'an AWS region like "us-west-2"' : 'an Azure location like "centralus"';
    throw new ConfigError(`dynamo-ha:storage.replicateToRegion: must be ${like} (known regions: components/core/regions.ts), got ${show(to)}`);
  }
  if (to === c.region) {
    throw new ConfigError(`dynamo-ha:storage.replicateToRegion: must be another region than this stack's (${c.region}), got ${show(to)}`);
  }
  if (s.backend !== "object") {
    throw new ConfigError(`dynamo-ha:storage.replicateToRegion: only the object backend replicates (storage.backend is ${s.backend}), got ${show(to)}`);
  }
  if (c.dr.role !== "primary") {
    throw new ConfigError(`dynamo-ha:storage.replicateToRegion: only the primary replicates to its DR peer (dr.role is ${c.dr.role}), got ${show(to)}`);
  }
  if (c.cloud === "aws") {
    if (s.replicateToBucket === undefined && c.dr.peerStack === undefined) {
      throw new ConfigError(`dynamo-ha:storage.replicateToBucket: set it or dr.peerStack (the destination bucket is the peer's), got nothing`);
    }
    return;
  }
  if (s.replicationTimeControl) throw new ConfigError(`dynamo-ha:storage.replicationTimeControl: AWS only (Azure geo-redundant storage has no such option), got true`);
  if (s.replicateToBucket !== undefined) {
    throw new ConfigError(`dynamo-ha:storage.replicateToBucket: AWS only (Azure replicates to the account's geo pair), got ${show(s.replicateToBucket)}`);
  }
  const pair = AZURE_REGION_PAIRS[c.region];
  if (pair !== undefined && pair !== to) {
    throw new ConfigError(`dynamo-ha:storage.replicateToRegion: geo-redundant storage in ${c.region} replicates to its pair ${pair}, got ${show(to)}`);
  }
}
