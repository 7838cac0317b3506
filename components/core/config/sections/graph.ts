import { enumOf, int, obj, str } from "../schema";

export const BACKENDS = ["vllm", "sglang", "trtllm"] as const;
export const GRAPH_MODES = ["aggregated", "disaggregated"] as const;

/** `dynamo-ha:graph` — the example DynamoGraphDeployment each regional stack serves. */
export const graphSection = obj(
  {
    name: str({ doc: "DynamoGraphDeployment name.", default: "llm", pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, patternText: "a DNS label" }),
    namespace: str({ doc: "Namespace of the graph.", default: "dynamo", pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, patternText: "a DNS label" }),
    model: str({ doc: "Model served (Hugging Face id).", default: "Qwen/Qwen3-0.6B" }),
    image: str({ doc: "Runtime image with an explicit tag.", defaultText: "the pinned runtime image of the backend" }),
    backend: enumOf(BACKENDS, { doc: "Inference backend.", default: "vllm" }),
    mode: enumOf(GRAPH_MODES, { doc: "Aggregated workers, or prefill/decode disaggregation.", default: "disaggregated" }),
    frontendReplicas: int({ doc: "Frontend replicas.", default: 2, min: 0, max: 100 }),
    workerReplicas: int({ doc: "Aggregated worker replicas (mode aggregated).", default: 2, min: 0, max: 1000 }),
    prefillReplicas: int({ doc: "Prefill worker replicas (mode disaggregated).", default: 2, min: 0, max: 1000 }),
    decodeReplicas: int({ doc: "Decode worker replicas (mode disaggregated).", default: 2, min: 0, max: 1000 }),
    gpusPerWorker: int({ doc: "GPUs per worker pod.", default: 1, min: 1, max: 16 }),
    terminationGracePeriodSeconds: int({ doc: "Pod grace period; within the spot notice (AWS 120 s, Azure 30 s).", default: 110, min: 10, max: 3600 }),
    migrationLimit: int({ doc: "Request migrations per request on worker loss (DYN_MIGRATION_LIMIT).", default: 3, min: 0, max: 10 }),
    hfTokenSecret: str({ doc: "Secret holding HF_TOKEN, created by you in the graph's namespace.", default: "hf-token-secret" }),
  },
  { doc: "The served DynamoGraphDeployment.", optional: true },
);
