import * as assert from "assert";
import fc from "fast-check";
import { PROJECT } from "../../components/core/config";
import { runProgram } from "../../stacks/main";
import { capture } from "../../tools/plan/capture";
import { planMocks } from "../../tools/plan/mocks";
import { configErrorLine } from "../../tools/plan/run";
import { loadStackFile } from "../../tools/plan/stack-file";

// The whole program over random regional configs: each run registers a stack or ends with one
// config line before anything is registered — never another exception.
describe("program over random configs (property)", function () {
  this.timeout(600_000);

  const bases = { aws: loadStackFile("eks-us-east-1").config, azure: loadStackFile("aks-eastus2").config };
  const awsTypes = ["g6e.2xlarge", "g6e.4xlarge", "g6.2xlarge", "g5.12xlarge", "p5.48xlarge", "x9.unknown"];
  const azureTypes = ["Standard_NC24ads_A100_v4", "Standard_NC48ads_A100_v4", "Standard_ND96isr_H100_v5", "Standard_Unknown_v9"];

  const arb = fc.record({
    cloud: fc.constantFrom<"aws" | "azure">("aws", "azure"),
    // Mostly valid values, with a weighted share of invalid ones, so both outcomes are exercised.
    zones: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 2, max: 3 }) }, { weight: 1, arbitrary: fc.constant(1) }),
    requiredGpus: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 64 }) }, { weight: 1, arbitrary: fc.integer({ min: -2, max: 0 }) }),
    failures: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 1 }) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 3 }) }),
    types: fc.oneof({ weight: 6, arbitrary: fc.constant<number[]>([0]) }, { weight: 2, arbitrary: fc.constant<number[]>([0, 1]) }, { weight: 1, arbitrary: fc.array(fc.nat(10), { minLength: 1, maxLength: 3 }) }),
    spot: fc.boolean(),
    haMode: fc.boolean(),
    mode: fc.constantFrom("aggregated", "disaggregated"),
    replicas: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 2, max: 4 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 1 }) }),
    gpusPerWorker: fc.oneof({ weight: 6, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 9 }) }),
    etcd: fc.record({ enabled: fc.boolean(), replicas: fc.integer({ min: 1, max: 5 }) }),
    backend: fc.constantFrom("object", "pvc", "none"),
    observability: fc.boolean(),
  });

  it("each random config yields a plan or a one-line config error", async () => {
    let planned = 0;
    let rejected = 0;
    const samples = fc.sample(arb, { numRuns: 24, seed: 4242 });
    for (const s of samples) {
      const base = bases[s.cloud];
      const zoneNames = s.cloud === "aws" ? ["us-east-1a", "us-east-1b", "us-east-1c"] : ["1", "2", "3"];
      const types = s.cloud === "aws" ? awsTypes : azureTypes;
      const config: Record<string, string> = {
        ...base,
        "dynamo-ha:zones": JSON.stringify(zoneNames.slice(0, s.zones)),
        "dynamo-ha:haMode": String(s.haMode),
        "dynamo-ha:capacity": JSON.stringify({ requiredGpus: s.requiredGpus, toleratedZoneFailures: s.failures }),
        "dynamo-ha:gpuPool": JSON.stringify({ instanceTypes: [...new Set(s.types.map((i) => types[i % types.length]))], spot: s.spot }),
        "dynamo-ha:graph": JSON.stringify({ mode: s.mode, frontendReplicas: s.replicas, workerReplicas: s.replicas, prefillReplicas: s.replicas, decodeReplicas: s.replicas, gpusPerWorker: s.gpusPerWorker }),
        "dynamo-ha:platform": JSON.stringify({ etcd: s.etcd }),
        "dynamo-ha:storage": JSON.stringify({ backend: s.backend, ...(s.backend === "pvc" ? { pvcStorageClass: "rwx" } : {}) }),
        "dynamo-ha:observability": JSON.stringify({ enabled: s.observability }),
      };
      try {
        const cap = await capture(runProgram, { project: PROJECT, stack: `prop-${planned + rejected}`, config, mocks: planMocks });
        assert.ok(cap.resources.length > 20, `a plan with only ${cap.resources.length} resources`);
        planned++;
      } catch (e) {
        const line = configErrorLine(e);
        assert.ok(line !== undefined, `not a config error for ${JSON.stringify(s)}: ${(e as Error).stack}`);
        assert.ok(!line.includes("\n"), `multi-line: ${line}`);
        assert.match(line, /^dynamo-ha:[A-Za-z.[\]0-9]+: /);
        rejected++;
      }
    }
    // The sample must exercise both outcomes, or it proves nothing about one of them.
    assert.ok(planned > 0 && rejected > 0, `planned ${planned}, rejected ${rejected}`);
  });
});
