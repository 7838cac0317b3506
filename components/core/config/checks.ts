// Cross-field rules of a regional stack: what the schema of one key alone cannot say.
import { GpuShape, gpuShape, knownShape } from "../gpu-catalog";
import { isRegion, REGIONS, zonesOf } from "../regions";
import { sizeZones, SizingInput } from "../sizing";
import { checkAws } from "./checks/aws";
import { checkAzure, checkAzureProd } from "./checks/azure";
import { checkProdCapacity } from "./checks/capacity";
import { checkExposure } from "./checks/exposure";
import { checkGlobal } from "./checks/global";
import { checkKubernetes } from "./checks/kubernetes";
import { checkObservability } from "./checks/observability";
import { checkStorage } from "./checks/storage";
import { AZURE_VM_SIZE, EC2_INSTANCE_TYPE } from "./grammar";
import { nearest } from "./nearest";
import { ConfigError, show } from "./schema";
import { RegionalConfig, StackConfig } from "./stack-config";

const AZURE_ZONES = ["1", "2", "3"];

/** The region is one of the cloud's (pinned in components/core/regions.ts); on Azure, one with zones. */
export function checkRegion(c: RegionalConfig): void {
  if (!isRegion(c.cloud, c.region)) {
    const near = nearest(c.region, Object.keys(REGIONS[c.cloud]));
    const like = c.cloud === "aws" ? 'an AWS region like "us-east-1"' : 'an Azure location name like "eastus2"';
    // The suggestion comes from the value, so it follows ", got" (a secret key's error drops both).
    throw new ConfigError(`dynamo-ha:region: ${like} (known regions: components/core/regions.ts), got ${show(c.region)}${near ? ` (did you mean ${near}?)` : ""}`);
  }
  if (zonesOf(c.cloud, c.region).length === 0) {
    throw new ConfigError(`dynamo-ha:region: must be an Azure location with availability zones (zone-spread pools need them), got ${show(c.region)}`);
  }
}

/** Every zone is one of the region's own (pinned list). */
export function checkZones(c: RegionalConfig): void {
  if (c.cloud === "azure") {
    const bad = c.zones.find((z) => !AZURE_ZONES.includes(z));
    if (bad !== undefined) throw new ConfigError(`dynamo-ha:zones: Azure zones are "1", "2" or "3", got ${show(c.zones)}`);
    return;
  }
  const own = zonesOf("aws", c.region);
  const bad = c.zones.find((z) => !own.includes(z));
  if (bad !== undefined) {
    throw new ConfigError(`dynamo-ha:zones: ${show(bad)} is not an availability zone of ${c.region} (${own.join(", ")}), got ${show(c.zones)}`);
  }
}

type PoolList = "instanceTypes" | "fallbackInstanceTypes";

/** Every pool type with the list it came from, so a message names the key the value was set under. */
function poolTypes(c: RegionalConfig): { key: PoolList; index: number; type: string }[] {
  const g = c.gpuPool;
  return [
    ...g.instanceTypes.map((type, index) => ({ key: "instanceTypes" as const, index, type })),
    ...(g.fallbackInstanceTypes ?? []).map((type, index) => ({ key: "fallbackInstanceTypes" as const, index, type })),
  ];
}

/**
 * Instance types / VM sizes have the cloud's grammar, and a type the catalog knows has the catalog's
 * GPU count: `gpusPerNode` describes unlisted types and may not contradict a listed one (the zone-loss
 * sizing would assume GPUs that do not exist).
 */
export function checkInstanceTypes(c: RegionalConfig): void {
  const grammar = c.cloud === "aws" ? EC2_INSTANCE_TYPE : AZURE_VM_SIZE;
  for (const { key, index, type } of poolTypes(c)) {
    if (!grammar.test(type)) throw new ConfigError(`dynamo-ha:gpuPool.${key}[${index}]: must be ${grammar.text}, got ${show(type)}`);
  }
  const n = c.gpuPool.gpusPerNode;
  if (n === undefined) return;
  for (const { type } of poolTypes(c)) {
    const known = knownShape(c.cloud, type);
    if (known !== undefined && known.gpus !== n) {
      throw new ConfigError(
        `dynamo-ha:gpuPool.gpusPerNode: ${type} has ${known.gpus} GPU${known.gpus === 1 ? "" : "s"} (built-in table, a fact); set gpusPerNode only for types missing from it, got ${n}`,
      );
    }
  }
}

/** The GPU shape shared by every pool type; spot and fallback types must agree on GPU count and class. */
export function resolveGpuShape(c: RegionalConfig): GpuShape {
  let first: { type: string; shape: GpuShape } | undefined;
  const all = poolTypes(c);
  for (const { key, type } of all) {
    const shape = gpuShape(c.cloud, type, c.gpuPool.gpusPerNode);
    if (!shape) {
      throw new ConfigError(
        `dynamo-ha:gpuPool.${key}: ${show(type)} is not in the built-in ${c.cloud === "aws" ? "instance-type" : "VM-size"} table; set dynamo-ha:gpuPool.gpusPerNode, got ${show(c.gpuPool[key])}`,
      );
    }
    if (!first) first = { type, shape };
    else if (shape.gpus !== first.shape.gpus) {
      throw new ConfigError(
        `dynamo-ha:gpuPool.${key}: every type must have the same GPU count (${first.type} has ${first.shape.gpus}, ${type} has ${shape.gpus}), got ${show(all.map((t) => t.type))}`,
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
  checkRegion(c);
  checkZones(c);
  checkInstanceTypes(c);
  const shape = resolveGpuShape(c);
  const sizing = sizeZones(sizingInput(c, shape));
  if (c.cloud === "aws") checkAws(c);
  else {
    checkAzure(c);
    checkAzureProd(c);
  }
  checkKubernetes(c);
  checkProdCapacity(c, shape, sizing);
  checkObservability(c);
  checkExposure(c);
  checkStorage(c);
}
