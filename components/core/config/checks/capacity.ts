// The prod HA floor: losing every spot node (a spot eviction storm or a capacity drought) must never
// leave a prod stack without the GPUs to keep serving.
import { GpuShape } from "../../gpu-catalog";
import { Sizing } from "../../sizing";
import { ConfigError, show } from "../schema";
import { RegionalConfig } from "../stack-config";

/** On-demand workers left after losing every spot node and `f` zones, and the workers serving needs. */
export function spotLossSurvivors(c: RegionalConfig, shape: GpuShape, sizing: Sizing): { gpus: number; workers: number; needWorkers: number } {
  const zonesLeft = c.zones.length - c.capacity.toleratedZoneFailures;
  const nodes = sizing.onDemandNodesPerZone * zonesLeft;
  const perNode = Math.floor(shape.gpus / c.graph.gpusPerWorker);
  // Serving needs one worker of each kind: one aggregated worker, or one prefill and one decode worker.
  const needWorkers = c.graph.mode === "aggregated" ? 1 : 2;
  return { gpus: nodes * shape.gpus, workers: nodes * perNode, needWorkers };
}

export function checkProdCapacity(c: RegionalConfig, shape: GpuShape, sizing: Sizing): void {
  if (c.env !== "prod" || !c.gpuPool.spot) return;
  const s = spotLossSurvivors(c, shape, sizing);
  if (s.gpus > 0 && s.workers >= s.needWorkers) return;
  const f = c.capacity.toleratedZoneFailures;
  throw new ConfigError(
    `dynamo-ha:capacity.onDemandFloor: in prod the on-demand GPUs left after losing every spot node${f > 0 ? ` and ${f} zone${f === 1 ? "" : "s"}` : ""} (${s.gpus}) must be > 0 and hold ${s.needWorkers === 1 ? "one worker" : "one prefill and one decode worker"} of ${c.graph.gpusPerWorker} GPU${c.graph.gpusPerWorker === 1 ? "" : "s"}; raise it (gpuPool.requireFallback ${c.gpuPool.requireFallback}), got ${show(c.capacity.onDemandFloor)}`,
  );
}
