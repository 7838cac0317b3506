// The package schema other languages' SDKs are generated from, built in-process the way
// `pulumi package add` builds it: each provided component with its inputs, outputs and descriptions.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../../stacks/project-root";

import { packageSchema, Schema } from "./schema";

const REGION_INPUTS = ["allowDataLoss", "capacity", "cluster", "gpuPool", "region", "stackName", "tags", "zones"];

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

  it("has AwsRegion and AzureRegion as components, each described", () => {
    assert.deepStrictEqual(Object.keys(schema.resources).sort(), ["dynamo-ha:index:AwsRegion", "dynamo-ha:index:AzureRegion"]);
    for (const r of Object.values(schema.resources)) {
      assert.strictEqual(r.isComponent, true);
      assert.ok(r.description && r.description.length > 40);
    }
  });

  it("gives each region the same typed inputs, every one described", () => {
    for (const [token, r] of Object.entries(schema.resources)) {
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
});
