// Regional model/checkpoint storage: picks the backend from config, builds it, and hands the
// Kubernetes layer StorageFacts (where the store is, which service account may use it, the operator's
// checkpoint storage). Only the stack's own cloud's store modules are loaded.
/* eslint-disable @typescript-eslint/no-require-imports -- the other cloud's SDK is never loaded */
import * as pulumi from "@pulumi/pulumi";
import { RegionalConfig } from "../core/config";
import { STORAGE_OUTPUTS } from "../core/regional-outputs";
import { azureAccountName, containerPairs, PeerStoreExpectation, s3BucketName } from "../core/storage-plan";
import { ClusterFacts } from "../core/cluster-facts";
import { NO_STORAGE, StorageFacts } from "../core/storage-facts";
import { AZURE_RWX_CLASS, premiumFileClass } from "./file-storage-class";
import { CHREK_BASE_PATH, CHREK_PVC_NAME, CheckpointVolume } from "./pvc-store";
import { readPeerStore } from "./peer-store";

/**
 * The default ReadWriteMany class: Azure Files premium with Retain (created here, file-storage-class.ts).
 * EKS ships no ReadWriteMany class (EFS needs its CSI driver and a file system), so AWS stacks must
 * name one in storage.pvcStorageClass (checked before anything registers).
 */
export { AZURE_RWX_CLASS };

/** The service account the graph's pods run as when they use the store. */
export function storageServiceAccount(c: RegionalConfig): string {
  return `${c.graph.name}-storage`;
}

/**
 * @param namespace the graph namespace; the volume claim (backend pvc) waits for it.
 * @param cloudProvider the region's aws.Provider or azure-native Provider (RegionLayer.cloudProvider):
 *   buckets, keys, roles and storage accounts go through it, never the ambient default provider.
 */
export function buildStorage(
  c: RegionalConfig,
  facts: ClusterFacts,
  namespace: pulumi.Resource | undefined,
  cloudProvider: pulumi.ProviderResource,
): { facts: StorageFacts; outputs: Record<string, pulumi.Input<unknown>> } {
  const inRegion = { providers: [cloudProvider] };
  const s = c.storage;
  const out = (f: StorageFacts, store: pulumi.Input<string>, identity: Record<string, pulumi.Input<unknown>> = {}) => ({
    facts: f,
    outputs: { [STORAGE_OUTPUTS.backend]: f.backend, [STORAGE_OUTPUTS.location]: f.location, [STORAGE_OUTPUTS.store]: store, ...identity },
  });
  if (s.backend === "none") return { facts: NO_STORAGE, outputs: { [STORAGE_OUTPUTS.backend]: "none" } };

  if (s.backend === "pvc") {
    const waitFor = namespace ? [namespace] : [];
    // The config check requires pvcStorageClass on AWS: only Azure falls back to the class made here.
    const made = s.pvcStorageClass ? undefined : premiumFileClass("checkpoints-files", s.allowDataLoss, facts.provider, [...facts.readyResources]);
    const pvcName = CHREK_PVC_NAME;
    const vol = new CheckpointVolume(
      "checkpoints",
      { namespace: c.graph.namespace, storageClassName: s.pvcStorageClass ?? AZURE_RWX_CLASS, size: s.pvcSize, pvcName, allowDataLoss: s.allowDataLoss },
      { provider: facts.provider, dependsOn: made ? [...waitFor, made] : waitFor },
    );
    return out(
      {
        backend: "pvc",
        location: pvcName,
        pvcName,
        serviceAccountAnnotations: {},
        podLabels: {},
        env: {},
        // The operator mounts this claim in the pods it checkpoints or restores (platform values).
        checkpoint: { pvcName, basePath: CHREK_BASE_PATH },
        resources: [vol],
      },
      pvcName,
    );
  }

  const sa = storageServiceAccount(c);
  const ns = c.graph.namespace;
  const prefixes = { [STORAGE_OUTPUTS.checkpointPrefix]: s.prefix, [STORAGE_OUTPUTS.modelPrefix]: s.modelPrefix };
  // Peer first: the destination's identity comes from the peer's stack outputs (the config check
  // guarantees dr.peerStack and role primary whenever replicateToRegion is set).
  const peer =
    s.replicateToRegion !== undefined && c.dr.peerStack !== undefined
      ? readPeerStore(c.dr.peerStack, peerExpectation(c, s.replicateToRegion))
      : undefined;
  if (facts.identity.kind === "eks-pod-identity") {
    const { CheckpointBucket } = require("./s3-store") as typeof import("./s3-store");
    const name = s.name ?? s3BucketName(c.stack);
    const bucket = new CheckpointBucket(
      "checkpoints",
      {
        bucketName: name,
        region: c.region,
        prefix: s.prefix,
        modelPrefix: s.modelPrefix,
        noncurrentVersionDays: s.noncurrentVersionDays,
        accessLogDays: s.accessLogDays,
        // The peer's bucket must exist (versioned) before this one replicates to it: deploy the peer first.
        replication: peer && {
          region: s.replicateToRegion!,
          destinationBucketArn: peer.apply((p) => p.bucketArn!),
          destinationKeyArn: peer.apply((p) => p.keyArn!),
          timeControl: s.replicationTimeControl,
        },
        allowDataLoss: s.allowDataLoss,
        podAccess: { clusterName: facts.identity.clusterName, namespace: ns, serviceAccount: sa },
        tags: c.labels,
      },
      inRegion,
    );
    // Pod Identity needs no service-account annotation: the association names the account.
    return out(
      {
        backend: "s3",
        location: bucket.uri,
        serviceAccountName: sa,
        serviceAccountAnnotations: {},
        podLabels: {},
        // The bucket holds model weights; the pinned operator has no S3 checkpoint storage (storage-facts.ts).
        env: { AWS_REGION: c.region },
        resources: [bucket],
      },
      bucket.bucketName,
      { ...prefixes, [STORAGE_OUTPUTS.bucketArn]: bucket.bucketArn, [STORAGE_OUTPUTS.keyArn]: bucket.keyArn },
    );
  }

  const { CheckpointStore } = require("./blob-store") as typeof import("./blob-store");
  const accountName = s.name ?? azureAccountName(c.stack);
  const store = new CheckpointStore(
    "checkpoints",
    {
      accountName,
      resourceGroupName: facts.identity.resourceGroupName,
      location: c.region,
      container: s.prefix,
      modelContainer: s.modelPrefix,
      softDeleteDays: s.noncurrentVersionDays,
      geoRedundant: s.geoRedundant,
      // Only the AKS nodes (and so the pods) reach the account's data plane.
      allowedSubnetIds: facts.nodeSubnetId ? [facts.nodeSubnetId] : [],
      customerManagedKeyId: s.azure.customerManagedKeyId,
      allowDataLoss: s.allowDataLoss,
      podAccess: { oidcIssuerUrl: facts.identity.oidcIssuerUrl, namespace: ns, serviceAccount: sa },
      tags: c.labels,
    },
    inRegion,
  );
  if (peer) {
    const { ObjectReplication } = require("./object-replication") as typeof import("./object-replication");
    new ObjectReplication(
      "checkpoints-replication",
      {
        sourceAccountId: store.accountId,
        // The chosen name (known in a preview); the account ID below orders the policy after the account.
        sourceAccountName: accountName,
        sourceResourceGroupName: facts.identity.resourceGroupName,
        destination: peer.apply((p) => ({ accountId: p.accountId!, accountName: p.store, resourceGroup: p.resourceGroup!, subscriptionId: p.subscriptionId!, location: p.region })),
        rules: peer.apply((p) => containerPairs(s, p)),
        allowDataLoss: s.allowDataLoss,
      },
      // The source policy waits for the source containers and blob service settings.
      { ...inRegion, dependsOn: [store.blobService, store.container, store.modelContainer] },
    );
  }
  return out(
    {
      backend: "azure-blob",
      location: store.url,
      serviceAccountName: sa,
      serviceAccountAnnotations: { "azure.workload.identity/client-id": store.clientId! },
      podLabels: { "azure.workload.identity/use": "true" },
      // No Azure Blob checkpoint storage exists upstream; the location is an output for model download and tooling.
      env: {},
      resources: [store],
    },
    store.accountName,
    { ...prefixes, [STORAGE_OUTPUTS.accountId]: store.accountId },
  );
}

function peerExpectation(c: RegionalConfig, replicateToRegion: string): PeerStoreExpectation {
  return { cloud: c.cloud, region: c.region, replicateToRegion, prefix: c.storage.prefix, modelPrefix: c.storage.modelPrefix };
}
