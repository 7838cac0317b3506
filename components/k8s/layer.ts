// The cloud-neutral Kubernetes layer: GPU software, Dynamo platform + CRDs, one example graph and
// its frontend exposure. It knows the cloud only through ClusterFacts and StorageFacts.
import * as corev1 from "@pulumi/kubernetes/core/v1";
import * as networkingv1 from "@pulumi/kubernetes/networking/v1";
import * as pulumi from "@pulumi/pulumi";
import { RegionalConfig } from "../core/config";
import { FRONTEND_URL_OUTPUT, REGIONAL_OUTPUTS } from "../core/regional-outputs";
import { VERSIONS } from "../core/versions";
import { ClusterFacts } from "../core/cluster-facts";
import type { KubernetesLayer } from "./kubernetes-layer";
import { HaGraph } from "./dynamo-graph";
import { DynamoPlatform } from "./dynamo-platform";
import { FrontendExposure, frontendLoadBalancerAnnotations } from "./frontend-service";
import { GpuSoftware } from "./gpu-software";
import { graphNamespace, LAYER_LABELS } from "./graph-namespace";
import { resolveGraph } from "./graph-settings";
import { graphNetworkPolicies } from "./network-policy";
import { DEFAULT_PLATFORM_NAMESPACE } from "./observability/settings";
import { StorageFacts } from "../core/storage-facts";

export { LAYER_LABELS };

/** @param namespace the graph namespace, when the stack created it earlier (see graph-namespace.ts). */
export function buildKubernetesLayer(c: RegionalConfig, facts: ClusterFacts, storage: StorageFacts, namespace?: corev1.Namespace): KubernetesLayer {
  const providers = { providers: [facts.provider] };
  const ready = [...facts.readyResources];
  const settings = resolveGraph(c);
  const labels = { ...LAYER_LABELS };

  // Bottlerocket NVIDIA images run their own device plugin: a second one would fight it.
  const gpu = facts.gpuSoftware === "none" ? undefined : new GpuSoftware(
    "gpu-software",
    {
      input: {
        cloud: facts.cloud,
        gpuSoftware: facts.gpuSoftware,
        driversPreinstalled: facts.driversPreinstalled,
        gpuTolerations: facts.gpuTolerations,
        gpuNodeLabel: facts.gpuNodeLabel,
        systemNodeLabels: facts.systemNodeLabels,
      },
      waitFor: ready,
    },
    providers,
  );

  const platform = new DynamoPlatform(
    "dynamo-platform",
    {
      operatorReplicas: c.platform.operatorReplicas,
      etcd: c.platform.etcd,
      nats: c.platform.nats,
      grove: c.platform.grove,
      kaiScheduler: c.platform.kaiScheduler,
      systemNodeLabels: facts.systemNodeLabels,
      blockStorageClass: facts.blockStorageClass,
      ownMonitors: c.observability.enabled,
      checkpoint: storage.checkpoint,
      protectCrds: c.platform.protectCrds,
      allowDataLoss: c.storage.allowDataLoss,
      helmTimeoutSeconds: c.platform.helmTimeoutSeconds,
    },
    { ...providers, dependsOn: ready },
  );

  const graphNs = namespace ?? graphNamespace(c, facts);
  const serviceAccount = storage.serviceAccountName
    ? [
        new corev1.ServiceAccount(
          "graph-sa",
          { metadata: { name: storage.serviceAccountName, namespace: settings.namespace, labels, annotations: { ...storage.serviceAccountAnnotations } } },
          { provider: facts.provider, dependsOn: [graphNs] },
        ),
      ]
    : [];

  // Default deny plus Dynamo's flows, in place before the first graph pod starts.
  const frontendName = settings.components.find((x) => x.type === "frontend")!.name;
  const netpols = graphNetworkPolicies({
    graphName: settings.name,
    namespace: settings.namespace,
    frontendComponent: frontendName,
    // A NodePort for the edge also admits traffic from outside the cluster (the nodes).
    loadBalancer: c.exposure.loadBalancer || facts.frontendOrigin !== undefined,
    platformNamespace: DEFAULT_PLATFORM_NAMESPACE,
    etcd: c.platform.etcd.enabled,
    nats: c.platform.nats.enabled,
    podIdentityAgent: facts.cloud === "aws",
    monitoringNamespace: c.observability.enabled ? c.observability.namespace : undefined,
    labels,
  }).map((np) => new networkingv1.NetworkPolicy(`graph-netpol-${np.metadata.name.slice(settings.name.length + 1)}`, np, { provider: facts.provider, dependsOn: [graphNs] }));

  // Order: CRDs → platform (its webhook admits graphs) → graph; GPUs advertised before workers wait.
  const graph = new HaGraph(
    "dynamo-graph",
    {
      ...settings,
      components: [...settings.components],
      placement: { gpuTolerations: [...facts.gpuTolerations], gpuNodeLabel: { ...facts.gpuNodeLabel } },
      storage: { env: storage.env, podLabels: storage.podLabels, serviceAccountName: storage.serviceAccountName, pvcName: storage.backend === "pvc" ? storage.pvcName : undefined },
      labels,
    },
    { ...providers, dependsOn: [...platform.crds, platform.release, ...(gpu ? [gpu.release] : []), graphNs, ...netpols, ...serviceAccount, ...storage.resources] },
  );

  const frontend = settings.components.find((x) => x.type === "frontend")!;
  const origin = facts.frontendOrigin;
  const lbAnnotations = frontendLoadBalancerAnnotations(c.exposure, facts.internalLoadBalancerAnnotations);
  const exposure = new FrontendExposure(
    "frontend",
    {
      graphName: settings.name,
      namespace: settings.namespace,
      component: frontend.name,
      // The edge's Private Link Service sits on the internal load balancer.
      loadBalancerAnnotations: lbAnnotations && origin?.kind === "private-link" ? { ...lbAnnotations, ...origin.annotations } : lbAnnotations,
      loadBalancerSourceRanges: c.exposure.loadBalancerSourceRanges,
      edgeNodePort: origin?.kind === "node-port" ? origin.nodePort : undefined,
      labels,
      dependsOn: [graph.graph],
    },
    providers,
  );

  const outputs: Record<string, pulumi.Input<unknown>> = {
    [FRONTEND_URL_OUTPUT]: exposure.endpoint,
    [REGIONAL_OUTPUTS.frontendHost]: exposure.host,
    [REGIONAL_OUTPUTS.frontendPort]: exposure.port,
    [REGIONAL_OUTPUTS.frontendProtocol]: exposure.protocol,
    graphName: settings.name,
    graphNamespace: settings.namespace,
    platformNamespace: platform.namespace,
    dynamoVersion: VERSIONS.dynamoPlatform.version,
  };
  return {
    namespace: settings.namespace,
    graphName: settings.name,
    components: settings.components.map((x) => ({ name: x.name, type: x.type, replicas: x.replicas })),
    outputs,
    frontend: { host: exposure.host, port: exposure.port, services: exposure.services },
    readyResources: [...platform.crds, platform.release, graphNs],
  };
}
