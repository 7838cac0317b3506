import * as pulumi from "@pulumi/pulumi";
import { RegionalConfig } from "../components/core/config";
import { buildAwsRegion } from "../components/aws/region";
import { buildAzureRegion } from "../components/azure/region";
import { buildKubernetesLayer } from "../components/k8s/layer";
import { buildObservability } from "../components/k8s/observability";
import { buildStorage } from "../components/storage";

/**
 * One region: cloud layer → ClusterFacts → storage → Kubernetes layer → observability.
 * The returned outputs are what the global stack reads (names documented in the README).
 */
export function regionalStack(c: RegionalConfig): Record<string, unknown> {
  const region = c.cloud === "aws" ? buildAwsRegion(c) : buildAzureRegion(c);
  const storage = buildStorage(c, region.facts);
  const kube = buildKubernetesLayer(c, region.facts, storage.facts);
  const observability = buildObservability(c, region.facts, region.capacity, kube);
  return {
    env: c.env,
    cloud: c.cloud,
    region: c.region,
    zones: c.zones,
    role: c.dr.role,
    priority: c.dr.priority,
    weight: c.dr.weight,
    healthPath: c.dr.healthPath,
    capacity: region.capacity,
    ...region.outputs,
    ...storage.outputs,
    ...kube.outputs,
    ...observability.outputs,
  } satisfies Record<string, pulumi.Input<unknown> | unknown>;
}
