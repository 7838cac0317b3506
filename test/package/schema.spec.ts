// The package schema other languages' SDKs are generated from, built in-process the way
// `pulumi package add` builds it: each provided component with its inputs, outputs and descriptions.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ACTIVE_ACTIVE_ROUTING, DNS_PROVIDERS, ROUTING_MODES } from "../../components/core/config/sections/global";
import { PROJECT_ROOT } from "../../stacks/project-root";

import { packageSchema, Prop, Schema } from "./schema";

const REGION_INPUTS = ["allowDataLoss", "capacity", "cluster", "gpuPool", "region", "stackName", "tags", "zones"];
const REGIONS = ["AwsRegion", "AzureRegion"];
const K8S = ["DynamoPlatform", "HaGraph", "Observability"];
const STORAGE = ["CheckpointStore", "CheckpointBucket", "CheckpointVolume"];
const GLOBAL = ["GlobalRouting"];

/** Every property of a type the schema reaches from `prop`, nested types included, each with its path. */
function reachable(schema: Schema, path: string, prop: Prop, seen = new Set<string>()): [string, Prop][] {
  const out: [string, Prop][] = [[path, prop]];
  const ref = prop.$ref ?? prop.items?.$ref;
  if (!ref?.startsWith("#/types/") || seen.has(ref)) return out;
  seen.add(ref);
  const t = schema.types[ref.slice("#/types/".length)];
  for (const [k, p] of Object.entries(t.properties ?? {})) out.push(...reachable(schema, `${path}.${k}`, p, seen));
  return out;
}

describe("component package schema", function () {
  this.timeout(60000);
  let schema: Schema;
  before(async () => {
    schema = await packageSchema();
  });

  it("names the package and carries the root package's version", () => {
    const root = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { name: string; version: string };
    assert.strictEqual(schema.name, root.name);
    assert.strictEqual(schema.version, root.version, "provider/package.json version must follow package.json");
  });

  it("has the regions, the Kubernetes-layer components, the checkpoint stores and global routing as components, each described", () => {
    assert.deepStrictEqual(Object.keys(schema.resources).sort(), [...REGIONS, ...K8S, ...STORAGE, ...GLOBAL].map((c) => `dynamo-ha:index:${c}`).sort());
    for (const r of Object.values(schema.resources)) {
      assert.strictEqual(r.isComponent, true);
      assert.ok(r.description && r.description.length > 40);
    }
  });

  it("gives each region the same typed inputs, every one described", () => {
    for (const token of REGIONS.map((c) => `dynamo-ha:index:${c}`)) {
      const r = schema.resources[token];
      assert.deepStrictEqual(Object.keys(r.inputProperties).sort(), REGION_INPUTS, token);
      assert.deepStrictEqual(r.requiredInputs.slice().sort(), ["capacity", "gpuPool", "region", "zones"], token);
      for (const [k, p] of Object.entries(r.inputProperties)) assert.ok(p.description, `${token} input ${k} has no description`);
      assert.strictEqual(r.inputProperties.zones.type, "array");
      assert.strictEqual(r.inputProperties.gpuPool.$ref, "#/types/dynamo-ha:index:GpuPoolArgs");
    }
  });

  it("describes the nested arg types field by field", () => {
    const gpu = schema.types["dynamo-ha:index:GpuPoolArgs"];
    assert.deepStrictEqual(gpu.required, ["instanceTypes"]);
    assert.ok(Object.keys(gpu.properties).includes("fallbackInstanceTypes"));
    for (const t of ["ClusterArgs", "GpuPoolArgs", "CapacityArgs"]) {
      for (const [k, p] of Object.entries(schema.types[`dynamo-ha:index:${t}`].properties)) assert.ok(p.description, `${t}.${k} has no description`);
    }
    assert.deepStrictEqual(schema.types["dynamo-ha:index:CapacityArgs"].required, ["requiredGpus"]);
  });

  it("exposes the outputs a program needs: cluster name, kubeconfig, OIDC issuer, pools", () => {
    const aws = schema.resources["dynamo-ha:index:AwsRegion"].properties;
    assert.deepStrictEqual(Object.keys(aws).sort(), ["clusterName", "gpuNodeGroupNames", "kubeconfig", "oidcIssuerUrl", "vpcId"]);
    const azure = schema.resources["dynamo-ha:index:AzureRegion"].properties;
    assert.deepStrictEqual(Object.keys(azure).sort(), ["clusterName", "gpuPoolNames", "kubeconfig", "oidcIssuerUrl", "resourceGroupName"]);
    for (const p of [...Object.values(aws), ...Object.values(azure)]) assert.ok(p.description);
  });

  it("gives DynamoPlatform the platform section's fields plus what the cluster gives, only those two required", () => {
    const r = schema.resources["dynamo-ha:index:DynamoPlatform"];
    assert.deepStrictEqual(Object.keys(r.inputProperties).sort(), [
      "allowDataLoss", "blockStorageClass", "chartVersion", "checkpoint", "etcd", "grove", "helmTimeoutSeconds", "kaiScheduler",
      "namespace", "nats", "operatorReplicas", "ownMonitors", "protectCrds", "systemNodeLabels",
    ]);
    assert.deepStrictEqual(r.requiredInputs.slice().sort(), ["blockStorageClass", "systemNodeLabels"]);
    assert.strictEqual(r.inputProperties.etcd.$ref, "#/types/dynamo-ha:index:QuorumStoreArgs");
    assert.strictEqual(r.inputProperties.nats.$ref, "#/types/dynamo-ha:index:QuorumStoreArgs");
    assert.deepStrictEqual(Object.keys(schema.types["dynamo-ha:index:QuorumStoreArgs"].properties).sort(), ["enabled", "replicas", "storageSize"]);
    assert.deepStrictEqual(schema.types["dynamo-ha:index:OperatorCheckpointArgs"].required?.slice().sort(), ["basePath", "pvcName"]);
    assert.deepStrictEqual(Object.keys(r.properties).sort(), ["crdNames", "namespace", "releaseName", "releaseStatus"]);
    assert.strictEqual(r.properties.crdNames.type, "array");
  });

  it("gives HaGraph the graph section's fields with placement the one required input, and enums for backend and role", () => {
    const r = schema.resources["dynamo-ha:index:HaGraph"];
    assert.deepStrictEqual(Object.keys(r.inputProperties).sort(), [
      "backend", "components", "gpusPerWorker", "hfTokenSecret", "image", "labels", "migrationLimit", "model", "name", "namespace",
      "placement", "readyTimeoutSeconds", "startupTimeoutSeconds", "storage", "terminationGracePeriodSeconds",
    ]);
    assert.deepStrictEqual(r.requiredInputs, ["placement"]);
    const values = (token: string) => (schema.types[token] as unknown as { enum: { value: string }[] }).enum.map((e) => e.value);
    assert.strictEqual(r.inputProperties.backend.$ref, "#/types/dynamo-ha:index:Backend");
    assert.deepStrictEqual(values("dynamo-ha:index:Backend"), ["vllm", "sglang", "trtllm"]);
    assert.strictEqual(r.inputProperties.components.items?.$ref, "#/types/dynamo-ha:index:ComponentPlan");
    assert.strictEqual(schema.types["dynamo-ha:index:ComponentPlan"].properties.type.$ref, "#/types/dynamo-ha:index:ComponentType");
    assert.deepStrictEqual(values("dynamo-ha:index:ComponentType").sort(), ["decode", "frontend", "prefill", "worker"]);
    const placement = schema.types["dynamo-ha:index:GraphPlacement"];
    assert.strictEqual(placement.properties.gpuTolerations.items?.$ref, "#/types/dynamo-ha:index:GpuToleration");
    assert.deepStrictEqual(values("dynamo-ha:index:TaintEffect").sort(), ["NoExecute", "NoSchedule", "PreferNoSchedule"]);
    assert.deepStrictEqual(Object.keys(r.properties).sort(), ["componentNames", "graphName", "namespace"]);
  });

  it("gives Observability its settings, the optional Prometheus stack and a password input, and its namespace and secret as outputs", () => {
    const r = schema.resources["dynamo-ha:index:Observability"];
    assert.deepStrictEqual(Object.keys(r.inputProperties).sort(), ["grafanaAdminPassword", "installPrometheusStack", "settings", "systemNodeLabels"]);
    assert.deepStrictEqual(r.requiredInputs, ["settings"]);
    // An Input<string>: other languages pass a secret Output; the component keeps it secret in the Secret it writes.
    assert.strictEqual(r.inputProperties.grafanaAdminPassword.type, "string");
    const settings = schema.types["dynamo-ha:index:ObservabilitySettings"];
    assert.ok(!settings.required?.includes("replication"), "replication is optional");
    assert.strictEqual(settings.properties.thresholds.$ref, "#/types/dynamo-ha:index:AlertThresholds");
    assert.deepStrictEqual(Object.keys(r.properties).sort(), ["grafanaAdminSecretName", "monitoringNamespace"]);
    assert.deepStrictEqual(r.required, ["monitoringNamespace"], "the secret name exists only with the Prometheus stack");
  });

  it("gives GlobalRouting the global section's routing fields with the regions as stack references, enums for service, mode and active-active policy", () => {
    const r = schema.resources["dynamo-ha:index:GlobalRouting"];
    assert.deepStrictEqual(Object.keys(r.inputProperties).sort(), [
      "activeActiveRouting", "azureLocation", "dnsTtlSeconds", "healthCheckFailureThreshold", "healthCheckIntervalSeconds", "maxFailoverSeconds",
      "mode", "protect", "recordName", "regions", "resourceGroupName", "service", "sourceRanges", "stackName", "tags", "zoneName",
    ]);
    assert.deepStrictEqual(r.requiredInputs, ["regions"]);
    assert.deepStrictEqual([r.inputProperties.regions.type, r.inputProperties.regions.items?.type], ["array", "string"]);
    assert.strictEqual(r.inputProperties.tags.type, "object");
    const values = (token: string) => (schema.types[token] as unknown as { enum: { value: string }[] }).enum.map((e) => e.value);
    // The enums carry exactly the config's values: a stack file and a program choose from the same set.
    for (const [k, token, config] of [
      ["service", "GlobalRoutingService", DNS_PROVIDERS],
      ["mode", "GlobalRoutingMode", ROUTING_MODES],
      ["activeActiveRouting", "ActiveActiveRouting", ACTIVE_ACTIVE_ROUTING],
    ] as const) {
      assert.strictEqual(r.inputProperties[k].$ref, `#/types/dynamo-ha:index:${token}`);
      assert.deepStrictEqual(values(`dynamo-ha:index:${token}`), [...config]);
    }
    assert.deepStrictEqual(Object.keys(r.properties).sort(), ["endpoint", "regionStacks", "service"]);
    assert.deepStrictEqual(r.required?.slice().sort(), ["endpoint", "regionStacks", "service"]);
    assert.strictEqual(r.properties.service.$ref, "#/types/dynamo-ha:index:GlobalRoutingService");
    assert.strictEqual(r.properties.regionStacks.type, "array");
  });

  it("gives CheckpointStore the account's settings, workload identity access as a named type, and the account's names as outputs", () => {
    const r = schema.resources["dynamo-ha:index:CheckpointStore"];
    assert.deepStrictEqual(Object.keys(r.inputProperties).sort(), [
      "accountName", "allowDataLoss", "allowedSubnetIds", "container", "customerManagedKeyId", "geoRedundant", "location", "modelContainer",
      "podAccess", "resourceGroupName", "softDeleteDays", "tags",
    ]);
    assert.deepStrictEqual(r.requiredInputs.slice().sort(), ["accountName", "location", "resourceGroupName"]);
    assert.deepStrictEqual([r.inputProperties.allowedSubnetIds.type, r.inputProperties.allowedSubnetIds.items?.type], ["array", "string"]);
    assert.strictEqual(r.inputProperties.podAccess.$ref, "#/types/dynamo-ha:index:WorkloadIdentityAccessArgs");
    assert.deepStrictEqual(schema.types["dynamo-ha:index:WorkloadIdentityAccessArgs"].required?.slice().sort(), ["namespace", "oidcIssuerUrl", "serviceAccount"]);
    assert.deepStrictEqual(Object.keys(r.properties).sort(), ["accountId", "accountName", "clientId", "containerName", "modelContainerName", "url"]);
    assert.deepStrictEqual(r.required?.slice().sort(), ["accountId", "accountName", "containerName", "modelContainerName", "url"], "the client ID exists only with podAccess");
  });

  it("gives CheckpointBucket the bucket's settings, replication and Pod Identity access as named types, and the bucket's names as outputs", () => {
    const r = schema.resources["dynamo-ha:index:CheckpointBucket"];
    assert.deepStrictEqual(Object.keys(r.inputProperties).sort(), [
      "accessLogDays", "allowDataLoss", "bucketName", "modelPrefix", "noncurrentVersionDays", "podAccess", "prefix", "region", "replication", "tags",
    ]);
    assert.deepStrictEqual(r.requiredInputs.slice().sort(), ["bucketName", "region"]);
    assert.strictEqual(r.inputProperties.replication.$ref, "#/types/dynamo-ha:index:BucketReplicationArgs");
    assert.deepStrictEqual(schema.types["dynamo-ha:index:BucketReplicationArgs"].required?.slice().sort(), ["destinationBucketArn", "destinationKeyArn", "region"]);
    assert.strictEqual(r.inputProperties.podAccess.$ref, "#/types/dynamo-ha:index:PodIdentityAccessArgs");
    assert.deepStrictEqual(schema.types["dynamo-ha:index:PodIdentityAccessArgs"].required?.slice().sort(), ["clusterName", "namespace", "serviceAccount"]);
    assert.deepStrictEqual(Object.keys(r.properties).sort(), ["accessLogBucketName", "bucketArn", "bucketName", "keyArn", "podRoleArn", "uri"]);
    assert.deepStrictEqual(r.required?.slice().sort(), ["accessLogBucketName", "bucketArn", "bucketName", "keyArn", "uri"], "the pod role exists only with podAccess");
  });

  it("gives CheckpointVolume the claim's settings with namespace and class required, and no provider or dependency among its inputs", () => {
    const r = schema.resources["dynamo-ha:index:CheckpointVolume"];
    assert.deepStrictEqual(Object.keys(r.inputProperties).sort(), ["allowDataLoss", "labels", "namespace", "pvcName", "size", "storageClassName"]);
    assert.deepStrictEqual(r.requiredInputs.slice().sort(), ["namespace", "storageClassName"]);
    assert.strictEqual(r.inputProperties.labels.type, "object");
    assert.deepStrictEqual(Object.keys(r.properties).sort(), ["namespace", "pvcName", "size"]);
  });

  it("describes every input, nested field and output of the Kubernetes-layer, storage and global components", () => {
    for (const c of [...K8S, ...STORAGE, ...GLOBAL]) {
      const r = schema.resources[`dynamo-ha:index:${c}`];
      for (const [k, p] of Object.entries(r.inputProperties)) {
        for (const [path, q] of reachable(schema, `${c}.${k}`, p)) assert.ok(q.description, `${path} has no description`);
      }
      for (const [k, p] of Object.entries(r.properties)) assert.ok(p.description, `${c} output ${k} has no description`);
    }
  });

  it("references no other package: the Kubernetes objects stay inside the components", () => {
    assert.deepStrictEqual((schema as unknown as { dependencies?: unknown[] }).dependencies ?? [], []);
  });
});
