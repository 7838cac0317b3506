import * as pulumi from "@pulumi/pulumi";
import { RegionalConfig } from "../components/core/config";
import { REGIONAL_OUTPUTS as OUT } from "../components/core/regional-outputs";
import { graphNamespace } from "../components/k8s/graph-namespace";
import { buildKubernetesLayer } from "../components/k8s/layer";
import { buildObservability } from "../components/k8s/observability";
import { buildStorage } from "../components/storage";
import { cloudLayer } from "./cloud-layer";
import { buildFrontendEdge, withFrontendOrigin } from "./frontend-edge";

/**
 * One region: cloud layer → ClusterFacts → storage → Kubernetes layer → public edge → observability.
 * The outputs named in REGIONAL_OUTPUTS are what the global stack reads (see the README).
 */
export function regionalStack(c: RegionalConfig): Record<string, unknown> {
  const region = cloudLayer(c);
  const facts = withFrontendOrigin(c, region.facts);
  const namespace = graphNamespace(c, facts);
  const storage = buildStorage(c, facts, namespace, region.cloudProvider);
  const kube = buildKubernetesLayer(c, facts, storage.facts, namespace);
  const edge = buildFrontendEdge(c, region, kube);
  const observability = buildObservability(c, facts, region.capacity, kube);
  return {
    env: c.env,
    [OUT.cloud]: c.cloud,
    [OUT.region]: c.region,
    zones: c.zones,
    [OUT.role]: c.dr.role,
    [OUT.priority]: c.dr.priority,
    [OUT.weight]: c.dr.weight,
    [OUT.healthPath]: c.dr.healthPath,
    capacity: region.capacity,
    ...region.outputs,
    ...storage.outputs,
    ...kube.outputs,
    // The edge's host, port and protocol replace the cluster's: clients and global routing use the edge.
    ...edge,
    ...observability.outputs,
  } satisfies Record<string, pulumi.Input<unknown> | unknown>;
}
