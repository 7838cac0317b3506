// Region args ↔ regional config: the stack's mapping loses nothing, and a bad arg names the component's field.
import * as assert from "assert";
import { loadStackConfig, RegionalConfig } from "../../components/core/config";
import { regionArgsOf, resolveRegionArgs } from "../../components/core/region-args";
import { loadStackFile } from "../../stacks/stack-file";

const config = (stack: string) => loadStackConfig(loadStackFile(stack).config, stack) as RegionalConfig;

describe("region args", () => {
  for (const stack of ["eks-us-east-1", "aks-westus3"]) {
    it(`${stack}: config → args → config keeps every field the region reads`, () => {
      const c = config(stack);
      const back = resolveRegionArgs("Region", c.cloud, regionArgsOf(c), "other-stack");
      for (const k of ["cloud", "region", "zones", "labels", "cluster", "gpuPool", "capacity", "stack"] as const) assert.deepStrictEqual(back[k], c[k], k);
      assert.strictEqual(back.storage.allowDataLoss, c.storage.allowDataLoss);
    });
  }

  it("fills defaults from the config schema", () => {
    const c = resolveRegionArgs("AwsRegion", "aws", { region: "us-west-2", zones: ["us-west-2a", "us-west-2b"], gpuPool: { instanceTypes: ["g6e.2xlarge", "g6e.4xlarge"] }, capacity: { requiredGpus: 2 } }, "dev");
    assert.strictEqual(c.stack, "dev");
    assert.strictEqual(c.cluster.kubernetesVersion, "1.33");
    assert.strictEqual(c.gpuPool.amiType, "AL2023_x86_64_NVIDIA");
    assert.strictEqual(c.storage.allowDataLoss, false);
  });

  it("names the component's field in a one-line error", () => {
    const args = { region: "us-west-2", zones: ["us-west-2a", "eu-west-1b"], gpuPool: { instanceTypes: ["g6e.2xlarge", "g6e.4xlarge"] }, capacity: { requiredGpus: 2 } };
    assert.throws(() => resolveRegionArgs("AwsRegion", "aws", args, "dev"), /^ConfigError: AwsRegion\.zones: "eu-west-1b" is not an availability zone of us-west-2/);
    assert.throws(() => resolveRegionArgs("AwsRegion", "aws", { ...args, zones: ["us-west-2a", "us-west-2b"], capacity: { requiredGpus: 0 } }, "dev"), /AwsRegion\.capacity\.requiredGpus/);
  });
});
