// How each backend's worker is started (upstream examples: examples/backends/<backend>/deploy).
import { Backend, ComponentType } from "./graph-settings";

export interface WorkerCommand {
  command: string[];
  args: string[];
}

const NIXL_KV = '{"kv_connector":"NixlConnector","kv_role":"kv_both"}';

/** Command and args of the main container of a worker component. */
export function workerCommand(backend: Backend, type: Exclude<ComponentType, "frontend">, model: string, gpus: number): WorkerCommand {
  const disagg = type === "prefill" || type === "decode";
  switch (backend) {
    case "vllm":
      return {
        command: ["python3", "-m", "dynamo.vllm"],
        args: [
          "--model", model,
          "--tensor-parallel-size", String(gpus),
          ...(disagg ? ["--disaggregation-mode", type, "--kv-transfer-config", NIXL_KV] : []),
        ],
      };
    case "sglang":
      return {
        command: ["python3", "-m", "dynamo.sglang"],
        args: [
          "--model-path", model,
          "--served-model-name", model,
          "--tp", String(gpus),
          ...(disagg ? ["--disaggregation-mode", type, "--disaggregation-transfer-backend", "nixl"] : []),
        ],
      };
    case "trtllm":
      return {
        command: ["python3", "-m", "dynamo.trtllm"],
        args: [
          "--model-path", model,
          "--served-model-name", model,
          "--tensor-parallel-size", String(gpus),
          ...(disagg ? ["--disaggregation-mode", type] : []),
        ],
      };
  }
}
