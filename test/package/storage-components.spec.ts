// The checkpoint stores used alone, the way a program in any language composes them: typed args with
// the storage config section's defaults and checks, providers and dependencies through opts.
import * as assert from "assert";
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import { Provider as AzureProvider } from "@pulumi/azure-native/provider";
import { Provider as K8sProvider } from "@pulumi/kubernetes/provider";
import { CheckpointBucket, CheckpointStore, CheckpointVolume } from "../../components";
import { resolveAccountArgs, resolveBucketArgs, resolveVolumeArgs } from "../../components/storage/store-args";
import { capture, Capture } from "../../tools/plan/capture";
import { planMocks } from "../../tools/plan/mocks";
import { config, FakeNodePool } from "../k8s/fixtures";

const KEY_ID = "/subscriptions/sub-1/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/vault1/keys/key1";

describe("checkpoint stores used alone", function () {
  this.timeout(60000);

  describe("args", () => {
    it("default to the storage config section's defaults", () => {
      const s = config().storage;
      assert.deepStrictEqual(resolveBucketArgs({ bucketName: "my-bucket" }), {
        prefix: s.prefix,
        modelPrefix: s.modelPrefix,
        noncurrentVersionDays: s.noncurrentVersionDays,
        accessLogDays: s.accessLogDays,
      });
      assert.deepStrictEqual(resolveAccountArgs({ accountName: "myaccount1" }), { container: s.prefix, modelContainer: s.modelPrefix, softDeleteDays: s.noncurrentVersionDays });
      assert.deepStrictEqual(resolveVolumeArgs({ namespace: "dynamo", storageClassName: "efs-sc" }), { size: s.pvcSize });
    });

    it("refuse what the config schema and its storage rules refuse, in one line naming the arg", () => {
      const refused: [() => unknown, RegExp][] = [
        [() => resolveBucketArgs({ bucketName: "My_Bucket" }), /^CheckpointBucket\.bucketName: must be an S3 bucket name .*, got "My_Bucket"$/],
        [() => resolveBucketArgs({ bucketName: "b-1", prefix: "Checkpoints" }), /^CheckpointBucket\.prefix: must be 3–63 lowercase/],
        [() => resolveBucketArgs({ bucketName: "b-1", prefix: "same", modelPrefix: "same" }), /^CheckpointBucket\.modelPrefix: model weights and checkpoints need distinct prefixes/],
        [() => resolveBucketArgs({ bucketName: "b-1", noncurrentVersionDays: 0 }), /^CheckpointBucket\.noncurrentVersionDays: /],
        [() => resolveBucketArgs({ bucketName: "b-1", accessLogDays: 4000 }), /^CheckpointBucket\.accessLogDays: /],
        [() => resolveBucketArgs({ bucketName: "b-1", podAccess: { namespace: "Bad NS", serviceAccount: "sa" } }), /^CheckpointBucket\.podAccess\.namespace: /],
        [() => resolveAccountArgs({ accountName: "my-account" }), /^CheckpointStore\.accountName: an Azure storage account name is 3–24 lowercase letters and digits, got "my-account"$/],
        [() => resolveAccountArgs({ accountName: "acct1", container: "x", modelContainer: "models" }), /^CheckpointStore\.container: /],
        [() => resolveAccountArgs({ accountName: "acct1", container: "models" }), /^CheckpointStore\.modelContainer: model weights and checkpoints need distinct containers/],
        [() => resolveAccountArgs({ accountName: "acct1", softDeleteDays: 366 }), /^CheckpointStore\.softDeleteDays: /],
        [() => resolveAccountArgs({ accountName: "acct1", customerManagedKeyId: "vault1/key1" }), /^CheckpointStore\.customerManagedKeyId: must be a Key Vault key resource ID/],
        [() => resolveVolumeArgs({ namespace: "dynamo", storageClassName: "efs-sc", size: "0" }), /^CheckpointVolume\.size: must be a Kubernetes quantity above zero/],
        [() => resolveVolumeArgs({ namespace: "dynamo", storageClassName: "EFS" }), /^CheckpointVolume\.storageClassName: must be a DNS-1123 subdomain/],
        [() => resolveVolumeArgs({ namespace: "dynamo", storageClassName: undefined as unknown as string }), /^CheckpointVolume\.storageClassName: is required/],
        [() => resolveVolumeArgs({ namespace: "a.b", storageClassName: "efs-sc" }), /^CheckpointVolume\.namespace: must be a DNS-1123 label/],
      ];
      for (const [f, want] of refused) {
        assert.throws(f, (e: Error) => e.name === "ConfigError" && want.test(e.message) && !e.message.includes("\n"), String(want));
      }
      assert.doesNotThrow(() => resolveAccountArgs({ accountName: "acct1", customerManagedKeyId: KEY_ID }));
    });
  });

  describe("under the mocks", () => {
    let cap: Capture;
    before(async () => {
      cap = await capture(
        () => {
          const aws = new AwsProvider("aws", { region: "us-west-2" });
          const azure = new AzureProvider("azure", { location: "eastus2" });
          const k8s = new K8sProvider("cluster", { kubeconfig: "{}" });
          const cluster = new FakeNodePool("cluster");
          const bucket = new CheckpointBucket(
            "ckpt",
            {
              bucketName: "my-checkpoints",
              region: "us-west-2",
              replication: { region: "us-east-1", destinationBucketArn: "arn:aws:s3:::peer-checkpoints", destinationKeyArn: "arn:aws:kms:us-east-1:123456789012:key/peer" },
              podAccess: { clusterName: "c1", namespace: "dynamo", serviceAccount: "llm-storage" },
            },
            { provider: aws, dependsOn: [cluster] },
          );
          const store = new CheckpointStore(
            "blob",
            { accountName: "mycheckpoints", resourceGroupName: "rg-1", location: "eastus2", podAccess: { oidcIssuerUrl: "https://oidc.test/", namespace: "dynamo", serviceAccount: "llm-storage" } },
            { provider: azure, dependsOn: [cluster] },
          );
          const vol = new CheckpointVolume("vol", { namespace: "dynamo", storageClassName: "efs-sc", size: "2Ti" }, { provider: k8s, dependsOn: [cluster] });
          return { uri: bucket.uri, bucketName: bucket.bucketName, url: store.url, container: store.containerName, pvcName: vol.pvcName, size: vol.size, hasRole: bucket.podRole !== undefined };
        },
        { project: "dynamo-ha", stack: "t", config: {}, preview: false, mocks: planMocks },
      );
    });
    const one = (type: string, name: string) => {
      const r = cap.resources.find((x) => x.type === type && x.name === name);
      assert.ok(r, `${type} ${name} not registered`);
      return r;
    };

    it("puts every cloud and Kubernetes object through the provider given in opts, and creates no provider", () => {
      assert.deepStrictEqual(cap.resources.filter((r) => r.type.startsWith("pulumi:providers:")).map((p) => p.name).sort(), ["aws", "azure", "cluster"]);
      const expect = { "aws:": "aws", "azure-native:": "azure", "kubernetes:": "cluster" };
      const custom = cap.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:") && r.type !== "test:index:NodePool");
      assert.ok(custom.length > 20, `${custom.length} resources`);
      for (const r of custom) {
        const [prefix, provider] = Object.entries(expect).find(([p]) => r.type.startsWith(p))!;
        assert.match(r.provider, new RegExp(`::pulumi:providers:${prefix.slice(0, -1)}::${provider}::`), `${r.type} ${r.name}`);
      }
    });

    it("a component's opts.dependsOn reaches the children that need the cluster: the Pod Identity association, the federated credential, the claim", () => {
      const cluster = one("test:index:NodePool", "cluster");
      for (const [type, name] of [
        ["aws:eks/podIdentityAssociation:PodIdentityAssociation", "ckpt-pods"],
        ["azure-native:managedidentity:FederatedIdentityCredential", "blob-pods"],
        ["kubernetes:core/v1:PersistentVolumeClaim", "vol-pvc"],
      ]) {
        assert.ok(one(type, name).dependsOn.includes(cluster.urn), `${name} waits for the cluster`);
      }
    });

    it("keeps the stores' data: buckets, key, account, containers and claim are protected and retained", () => {
      for (const [type, name] of [
        ["aws:s3/bucket:Bucket", "ckpt-bucket"],
        ["aws:kms/key:Key", "ckpt-key"],
        ["aws:s3/bucketReplicationConfig:BucketReplicationConfig", "ckpt-replication"],
        ["azure-native:storage:StorageAccount", "blob-account"],
        ["azure-native:storage:BlobContainer", "blob-container"],
        ["kubernetes:core/v1:PersistentVolumeClaim", "vol-pvc"],
      ]) {
        const r = one(type, name);
        assert.deepStrictEqual([r.protect, r.retainOnDelete], [true, true], name);
      }
    });

    it("builds from the args: replication to the peer, the claim's class and size, and gives the outputs", () => {
      const rules = one("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "ckpt-replication").inputs.rules as { id: string; destination: { bucket: string } }[];
      assert.deepStrictEqual(rules.map((r) => [r.id, r.destination.bucket]), [["checkpoints-to-us-east-1", "arn:aws:s3:::peer-checkpoints"], ["models-to-us-east-1", "arn:aws:s3:::peer-checkpoints"]]);
      const pvc = one("kubernetes:core/v1:PersistentVolumeClaim", "vol-pvc").inputs as { metadata: { name: string }; spec: { storageClassName: string; resources: { requests: { storage: string } } } };
      assert.deepStrictEqual([pvc.metadata.name, pvc.spec.storageClassName, pvc.spec.resources.requests.storage], ["chrek-pvc", "efs-sc", "2Ti"]);
      assert.deepStrictEqual(cap.outputs, {
        uri: "s3://my-checkpoints/checkpoints",
        bucketName: "my-checkpoints",
        url: "https://mycheckpoints.blob.core.windows.net/checkpoints",
        container: "checkpoints",
        pvcName: "chrek-pvc",
        size: "2Ti",
        hasRole: true,
      });
    });
  });
});
