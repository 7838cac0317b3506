import * as assert from "assert";
import { imageHasPinnedTag } from "../../components/core/config/checks/kubernetes";
import { config, configError } from "./fixtures";

const oneLine = (m: string | undefined) => {
  assert.ok(m, "expected a ConfigError");
  assert.ok(!m.includes("\n"), m);
  return m;
};

describe("Kubernetes-layer config checks", () => {
  it("accepts the defaults", () => {
    assert.strictEqual(configError({}), undefined);
  });

  it("rejects replicas < 2 per component in HA mode, and allows them outside it", () => {
    assert.match(oneLine(configError({ graph: { frontendReplicas: 1 } })), /^dynamo-ha:graph\.frontendReplicas: must be ≥ 2 in HA mode.*, got 1$/);
    assert.match(oneLine(configError({ graph: { decodeReplicas: 1 } })), /^dynamo-ha:graph\.decodeReplicas: .*got 1$/);
    assert.match(oneLine(configError({ graph: { prefillReplicas: 0 } })), /^dynamo-ha:graph\.prefillReplicas: .*got 0$/);
    assert.match(oneLine(configError({ graph: { mode: "aggregated", workerReplicas: 1 } })), /^dynamo-ha:graph\.workerReplicas: .*got 1$/);
    assert.match(oneLine(configError({ platform: { operatorReplicas: 1 } })), /^dynamo-ha:platform\.operatorReplicas: .*got 1$/);
    assert.match(oneLine(configError({ graph: { migrationLimit: 0 } })), /^dynamo-ha:graph\.migrationLimit: .*got 0$/);
    // Aggregated mode does not read prefill/decode counts.
    assert.strictEqual(configError({ graph: { mode: "aggregated", prefillReplicas: 0 } }), undefined);
    assert.strictEqual(configError({ haMode: "false", graph: { frontendReplicas: 1, decodeReplicas: 1 }, platform: { operatorReplicas: 1 } }), undefined);
  });

  it("rejects more GPUs per worker than one node has (from the GPU catalog)", () => {
    // g6e.2xlarge / g6e.4xlarge: 1 GPU each.
    assert.match(oneLine(configError({ graph: { gpusPerWorker: 2 } })), /^dynamo-ha:graph\.gpusPerWorker: must be ≤ 1 .*got 2$/);
    const four = { instanceTypes: ["g6e.12xlarge", "g6e.24xlarge"], fallbackInstanceTypes: ["g6e.12xlarge"] };
    assert.strictEqual(configError({ gpuPool: four, graph: { gpusPerWorker: 4 } }), undefined);
    assert.match(oneLine(configError({ gpuPool: four, graph: { gpusPerWorker: 8 } })), /must be ≤ 4/);
  });

  it("rejects an image without a pinned tag", () => {
    assert.match(oneLine(configError({ graph: { image: "nvcr.io/nvidia/ai-dynamo/vllm-runtime" } })), /^dynamo-ha:graph\.image: must name an explicit tag.*got "nvcr\.io\/nvidia\/ai-dynamo\/vllm-runtime"$/);
    assert.ok(configError({ graph: { image: "registry:5000/vllm-runtime" } }), "a registry port is not a tag");
    assert.ok(configError({ graph: { image: "vllm-runtime:latest" } }));
    assert.strictEqual(configError({ graph: { image: "registry:5000/team/vllm-runtime:1.5.1-custom" } }), undefined);
    assert.ok(imageHasPinnedTag(`repo/img@sha256:${"a".repeat(64)}`));
    assert.ok(!imageHasPinnedTag("repo/img:"));
  });

  it("rejects even or (in HA) sub-quorum etcd/NATS replica counts only when installed", () => {
    assert.match(oneLine(configError({ platform: { etcd: { enabled: true, replicas: 4 } } })), /^dynamo-ha:platform\.etcd\.replicas: must be odd.*got 4$/);
    assert.match(oneLine(configError({ platform: { nats: { enabled: true, replicas: 2 } } })), /^dynamo-ha:platform\.nats\.replicas: must be odd.*got 2$/);
    assert.match(oneLine(configError({ platform: { etcd: { enabled: true, replicas: 1 } } })), /^dynamo-ha:platform\.etcd\.replicas: must be ≥ 3 in HA mode.*got 1$/);
    assert.strictEqual(configError({ platform: { etcd: { enabled: false, replicas: 4 } } }), undefined);
    assert.strictEqual(configError({ platform: { etcd: { enabled: true, replicas: 5 } } }), undefined);
  });

  it("keeps the grace period inside the spot notice", () => {
    assert.match(oneLine(configError({ graph: { terminationGracePeriodSeconds: 120 } })), /^dynamo-ha:graph\.terminationGracePeriodSeconds: must be < 120 on aws.*got 120$/);
    assert.strictEqual(configError({ graph: { terminationGracePeriodSeconds: 300 }, gpuPool: { instanceTypes: ["g6e.2xlarge", "g6e.4xlarge"], spot: false } }), undefined);
    assert.strictEqual(config({}).graph.terminationGracePeriodSeconds, undefined, "the cloud decides the default");
  });
});
