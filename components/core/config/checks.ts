// Cross-field rules of a regional stack: what the schema of one key alone cannot say.
import { GpuShape, gpuShape } from "../gpu-catalog";
import { sizeZones, SizingInput } from "../sizing";
import { checkAws } from "./checks/aws";
import { checkAzure } from "./checks/azure";
import { checkGlobal } from "./checks/global";
import { checkKubernetes } from "./checks/kubernetes";
import { checkObservability } from "./checks/observability";
import { checkStorage } from "./checks/storage";
import { ConfigError, show } from "./schema";
import { RegionalConfig, StackConfig } from "./stack-config";

const AZURE_ZONES = ["1", "2", "3"];

export function checkZones(c: RegionalConfig): void {
  if (c.cloud === "azure") {
    const bad = c.zones.find((z) => !AZURE_ZONES.includes(z));
    if (bad !== undefined) throw new ConfigError(`dynamo-ha:zones: Azure zones are "1", "2" or "3", got ${show(c.zones)}`);
    return;
  }
  const pattern = new RegExp(`^${c.region.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[a-z]$`);
  const bad = c.zones.find((z) => !pattern.test(z));
  if (bad !== undefined) throw new ConfigError(`dynamo-ha:zones: "${bad}" is not an availability zone of ${c.region} (like "${c.region}a"), got ${show(c.zones)}`);
}

/** The GPU shape shared by every pool type; spot and fallback types must agree on GPU count and class. */
export function resolveGpuShape(c: RegionalConfig): GpuShape {
  const types = [...c.gpuPool.instanceTypes, ...(c.gpuPool.fallbackInstanceTypes ?? [])];
  let first: { type: string; shape: GpuShape } | undefined;
  for (const type of types) {
    const shape = gpuShape(c.cloud, type, c.gpuPool.gpusPerNode);
    if (!shape) {
      throw new ConfigError(
        `dynamo-ha:gpuPool.instanceTypes: "${type}" is not in the built-in ${c.cloud === "aws" ? "instance-type" : "VM-size"} table; set dynamo-ha:gpuPool.gpusPerNode, got ${show(c.gpuPool.instanceTypes)}`,
      );
    }
    if (!first) first = { type, shape };
    else if (shape.gpus !== first.shape.gpus) {
      throw new ConfigError(
        `dynamo-ha:gpuPool.instanceTypes: every type must have the same GPU count (${first.type} has ${first.shape.gpus}, ${type} has ${shape.gpus}), got ${show(types)}`,
      );
    }
  }
  return first!.shape;
}

export function sizingInput(c: RegionalConfig, shape: GpuShape): SizingInput {
  return {
    requiredGpus: c.capacity.requiredGpus,
    zones: c.zones,
    gpusPerNode: shape.gpus,
    toleratedZoneFailures: c.capacity.toleratedZoneFailures,
    onDemandFloor: c.capacity.onDemandFloor,
    spot: c.gpuPool.spot,
    headroomNodes: c.gpuPool.headroomNodes,
  };
}

/**
 * Every rule, run before any resource is registered. Layer-specific rules live beside this file in
 * checks/<layer>.ts; each throws ConfigError with one line.
 */
export function checkStack(c: StackConfig): void {
  if (c.kind === "global") return checkGlobal(c);
  if (c.kind !== "regional") return;
  checkZones(c);
  sizeZones(sizingInput(c, resolveGpuShape(c)));
  if (c.cloud === "aws") checkAws(c);
  else checkAzure(c);
  checkKubernetes(c);
  checkObservability(c);
  checkStorage(c);
}
