import { DNS_LABEL, DNS_SUBDOMAIN, IMAGE_REFERENCE, MODEL_ID } from "../grammar";
import { enumOf, int, obj, str } from "../schema";

export const BACKENDS = ["vllm", "sglang", "trtllm"] as const;
export const GRAPH_MODES = ["aggregated", "disaggregated"] as const;

/** `dynamo-ha:graph` — the example DynamoGraphDeployment each regional stack serves. */
export const graphSection = obj(
  {
    name: str({ doc: "DynamoGraphDeployment name.", default: "llm", grammar: DNS_LABEL }),
    namespace: str({ doc: "Namespace of the graph.", default: "dynamo", grammar: DNS_LABEL }),
    model: str({ doc: "Model served (Hugging Face id).", default: "Qwen/Qwen3-0.6B", grammar: MODEL_ID }),
    image: str({ doc: "Runtime image with an explicit tag (or digest); `latest` is refused.", defaultText: "the pinned runtime image of the backend", grammar: IMAGE_REFERENCE }),
    backend: enumOf(BACKENDS, { doc: "Inference backend.", default: "vllm" }),
    mode: enumOf(GRAPH_MODES, { doc: "Aggregated workers, or prefill/decode disaggregation.", default: "disaggregated" }),
    frontendReplicas: int({ doc: "Frontend replicas (≥ 2 in HA mode).", default: 2, min: 0, max: 100 }),
    workerReplicas: int({ doc: "Aggregated worker replicas (mode aggregated; ≥ 2 in HA mode).", default: 2, min: 0, max: 1000 }),
    prefillReplicas: int({ doc: "Prefill worker replicas (mode disaggregated; ≥ 2 in HA mode).", default: 2, min: 0, max: 1000 }),
    decodeReplicas: int({ doc: "Decode worker replicas (mode disaggregated; ≥ 2 in HA mode).", default: 2, min: 0, max: 1000 }),
    gpusPerWorker: int({ doc: "GPUs per worker pod; at most the GPUs of one node.", default: 1, min: 1, max: 16 }),
    terminationGracePeriodSeconds: int({
      doc: "Pod grace period; must fit in the spot notice when spot pools are on (AWS 120 s, Azure 30 s).",
      defaultText: "110 on AWS, 25 on Azure",
      min: 10,
      max: 3600,
    }),
    startupTimeoutSeconds: int({ doc: "How long a worker may take to load its model before its startup probe gives up.", default: 3600, min: 60, max: 14400 }),
    readyTimeoutSeconds: int({ doc: "How long `pulumi up` waits for the graph to be Ready with state successful (Dynamo's own tooling waits 1800 s).", default: 1800, min: 60, max: 7200 }),
    migrationLimit: int({ doc: "Request migrations per request on worker loss (DYN_MIGRATION_LIMIT; 0 turns migration off, refused in HA mode).", default: 3, min: 0, max: 10 }),
    hfTokenSecret: str({ doc: "Secret holding HF_TOKEN, created by you in the graph's namespace.", default: "hf-token-secret", grammar: DNS_SUBDOMAIN }),
  },
  { doc: "The served DynamoGraphDeployment.", optional: true },
);
