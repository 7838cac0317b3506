// Shared inputs for the observability tests: a parsed regional config and the layers it would meet.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig, RegionalConfig } from "../../components/core/config";
import { LABEL_CAPACITY, LABEL_POOL_ROLE, ZONE_KEY } from "../../components/core/labels";
import { CapacityReport, capacityReport, sizeZones, SizingInput } from "../../components/core/sizing";
import { ClusterFacts } from "../../components/core/cluster-facts";
import type { KubernetesLayer } from "../../components/k8s/kubernetes-layer";
import { replicationAlerting, resolveSettings, ObservabilitySettings } from "../../components/k8s/observability/settings";

export const PASSWORD = "s3cret-grafana-Pa55";
export const ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"];

export function config(extra: Record<string, unknown> = {}): RegionalConfig {
  const c = parseStackConfig(
    {
      cloud: "aws",
      region: "us-east-1",
      zones: ZONES,
      gpuPool: { instanceTypes: ["g6e.2xlarge", "g6e.4xlarge"] },
      capacity: { requiredGpus: 8, toleratedZoneFailures: 1 },
      ...extra,
    },
    "t",
  );
  if (c.kind !== "regional") throw new Error("fixture must be regional");
  return c;
}

export function capacity(c: RegionalConfig): CapacityReport {
  const input: SizingInput = { requiredGpus: c.capacity.requiredGpus, zones: c.zones, gpusPerNode: 1, toleratedZoneFailures: c.capacity.toleratedZoneFailures, onDemandFloor: 0.5, spot: true, headroomNodes: 2 };
  return capacityReport(input, sizeZones(input), (p) => ({ name: `gpu-${p.zone}-${p.capacityType}`, instanceTypes: ["g6e.2xlarge"] }));
}

/** Facts without a provider, for pure tests (the builders never touch it). */
export function facts(provider?: k8s.Provider, gpuSoftware: ClusterFacts["gpuSoftware"] = "gpu-operator"): ClusterFacts {
  return {
    cloud: "aws",
    region: "us-east-1",
    zones: ZONES,
    clusterName: pulumi.output("c"),
    provider: provider as k8s.Provider,
    gpuPools: ZONES.map((zone) => ({ name: `gpu-${zone}`, zone, capacityType: "spot", gpuClass: "L40S", gpusPerNode: 1, labels: { [ZONE_KEY]: zone, [LABEL_CAPACITY]: "spot", [LABEL_POOL_ROLE]: "gpu" } })),
    gpuTolerations: [],
    gpuNodeLabel: { key: LABEL_POOL_ROLE, value: "gpu" },
    systemNodeLabels: { [LABEL_POOL_ROLE]: "system" },
    driversPreinstalled: true,
    gpuSoftware,
    blockStorageClass: "gp3",
    internalLoadBalancerAnnotations: {},
    identity: { kind: "eks-pod-identity", clusterName: pulumi.output("c"), oidcIssuerUrl: pulumi.output("https://oidc") },
    readyResources: [],
  };
}

export function kube(readyResources: pulumi.Resource[] = []): KubernetesLayer {
  return {
    namespace: "dynamo",
    graphName: "llm",
    components: [
      { name: "Frontend", type: "frontend", replicas: 2 },
      { name: "VllmPrefillWorker", type: "prefill", replicas: 2 },
      { name: "VllmDecodeWorker", type: "decode", replicas: 3 },
    ],
    outputs: {},
    readyResources,
  };
}

/** Settings for the default stack, and one with every optional part on (etcd, NATS) and no zone tolerance. */
export function settingsVariants(): { name: string; s: ObservabilitySettings }[] {
  const base = config();
  const full = config({ platform: { etcd: { enabled: true }, nats: { enabled: true, replicas: 5 } } });
  const noZoneLoss = config({ capacity: { requiredGpus: 8, toleratedZoneFailures: 0 } });
  const rtc = config({ dr: { role: "primary", peerStack: "peer" }, storage: { replicateToRegion: "us-west-2", replicationTimeControl: true } });
  const defaults = resolveSettings(base, facts(), capacity(base), kube());
  return [
    { name: "default", s: defaults },
    { name: "etcd+nats", s: resolveSettings(full, facts(), capacity(full), kube()) },
    { name: "f=0, device plugin", s: resolveSettings(noZoneLoss, facts(undefined, "device-plugin"), capacity(noZoneLoss), kube()) },
    { name: "S3 replication with RTC", s: resolveSettings(rtc, facts(), capacity(rtc), kube()) },
    // Azure replication as an Azure stack's storage config resolves it; every other setting is cloud-neutral.
    { name: "Azure object replication", s: { ...defaults, replication: replicationAlerting({ cloud: "azure", stack: "t", storage: { ...base.storage!, replicateToRegion: "westus3" } }) } },
  ];
}
