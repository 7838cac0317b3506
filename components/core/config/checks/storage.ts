// Storage, replication and DR-role rules of a regional stack: what one key alone cannot say.
import { isRegion } from "../../regions";
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
  if (c.storage.azure.customerManagedKeyId !== undefined && (c.cloud !== "azure" || c.storage.backend !== "object")) {
    throw new ConfigError(
      `dynamo-ha:storage.azure.customerManagedKeyId: only an Azure stack with the object backend has a storage account to encrypt (cloud ${c.cloud}, storage.backend ${c.storage.backend}), got ${show(c.storage.azure.customerManagedKeyId)}`,
    );
  }
  checkReplication(c);
  // EKS ships no ReadWriteMany class: a made-up default would leave the claim Pending forever.
  if (c.cloud === "aws" && c.storage.backend === "pvc" && c.storage.pvcStorageClass === undefined) {
    throw new ConfigError(`dynamo-ha:storage.pvcStorageClass: backend pvc on AWS needs a ReadWriteMany class you installed (e.g. an EFS CSI class), got nothing`);
  }
}

function checkReplication(c: RegionalConfig): void {
  const s = c.storage;
  if (s.prefix === s.modelPrefix) {
    throw new ConfigError(`dynamo-ha:storage.modelPrefix: model weights and checkpoints need distinct prefixes/containers (storage.prefix is ${show(s.prefix)}), got ${show(s.modelPrefix)}`);
  }
  // RA-GZRS is an Azure account SKU; S3 has no equivalent switch.
  if (s.geoRedundant && c.cloud !== "azure") throw new ConfigError(`dynamo-ha:storage.geoRedundant: Azure only (S3 copies across regions by replication to the DR peer), got true`);
  if (s.geoRedundant && s.backend !== "object") throw new ConfigError(`dynamo-ha:storage.geoRedundant: only the object backend has a storage account (storage.backend is ${s.backend}), got true`);
  if (s.replicateToRegion === undefined) {
    if (s.replicationTimeControl) throw new ConfigError(`dynamo-ha:storage.replicationTimeControl: needs storage.replicateToRegion, got true`);
    return;
  }
  const to = s.replicateToRegion;
  if (!isRegion(c.cloud, to)) {
    const like = c.cloud === "aws" ? 'an AWS region like "us-west-2"' : 'an Azure location like "westus3"';
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
  // The destination's identity comes from the peer's stack outputs, never from a name built here.
  if (c.dr.peerStack === undefined) {
    throw new ConfigError(`dynamo-ha:storage.replicateToRegion: replication goes into the DR peer's store; set dr.peerStack to the secondary stack in ${to}, got ${show(to)} without dr.peerStack`);
  }
  if (c.cloud === "azure" && s.replicationTimeControl) {
    throw new ConfigError(`dynamo-ha:storage.replicationTimeControl: AWS only (Azure object replication has no such option), got true`);
  }
}
