// Small builders for the Kubernetes objects, charts and node pools the policy tests judge.
import { Res } from "./helpers";

export const ZONE = "topology.kubernetes.io/zone";
export const HOST = "kubernetes.io/hostname";

export const zoneTsc = (labels: Record<string, string>, key = ZONE) => ({ maxSkew: 1, topologyKey: key, whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: labels } });

export function deployment(name: string, replicas: number | string | undefined, podSpec: Record<string, unknown> = {}, labels: Record<string, string> = { app: name }, kind = "Deployment"): Res {
  return {
    type: `kubernetes:apps/v1:${kind}`,
    name,
    props: {
      apiVersion: "apps/v1",
      kind,
      metadata: { name, namespace: "dynamo" },
      spec: { ...(replicas === undefined ? {} : { replicas }), selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "main", image: "img:1" }], ...podSpec } } },
    },
  };
}

export const spread = (labels: Record<string, string>) => ({ topologySpreadConstraints: [zoneTsc(labels), zoneTsc(labels, HOST)] });

export function pdb(name: string, selector: unknown, budget: Record<string, unknown>, namespace = "dynamo"): Res {
  return { type: "kubernetes:policy/v1:PodDisruptionBudget", name, props: { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name, namespace }, spec: { selector, ...budget } } };
}

const DGD_LABELS = (graph: string, c: string) => ({ "nvidia.com/dynamo-graph-deployment-name": graph, "nvidia.com/dynamo-component": c });
export const dgdLabels = DGD_LABELS;

/** v1beta1: spec.components[] with podTemplate. */
export function dgdBeta(name: string, comps: { name: string; type?: string; replicas?: number; podSpec?: Record<string, unknown> }[]): Res {
  return {
    type: "kubernetes:nvidia.com/v1beta1:DynamoGraphDeployment",
    name,
    props: {
      apiVersion: "nvidia.com/v1beta1",
      kind: "DynamoGraphDeployment",
      metadata: { name, namespace: "dynamo" },
      spec: {
        components: comps.map((c) => ({
          name: c.name,
          type: c.type ?? "worker",
          ...(c.replicas === undefined ? {} : { replicas: c.replicas }),
          podTemplate: { spec: { containers: [{ name: "main", image: "img:1", securityContext: hardened() }], ...(c.podSpec ?? {}) } },
        })),
      },
    },
  };
}

/** v1alpha1: spec.services map with extraPodSpec. */
export function dgdAlpha(name: string, services: Record<string, { replicas?: number; extraPodSpec?: Record<string, unknown> }>): Res {
  return {
    type: "kubernetes:nvidia.com/v1alpha1:DynamoGraphDeployment",
    name,
    props: { apiVersion: "nvidia.com/v1alpha1", kind: "DynamoGraphDeployment", metadata: { name, namespace: "dynamo" }, spec: { services } },
  };
}

export function platform(values: Record<string, unknown>, type = "kubernetes:helm.sh/v3:Release", chart = "dynamo-platform"): Res {
  return { type, name: "platform", props: { chart, version: "1.0.0", namespace: "dynamo-system", values } };
}

export function eksPool(name: string, o: { gpuClass?: string; capacity?: "SPOT" | "ON_DEMAND"; subnets?: string[]; zoneTag?: string; instanceTypes?: string[]; minSize?: unknown; gpusPerNode?: string }): Res {
  return {
    type: "aws:eks/nodeGroup:NodeGroup",
    name,
    props: {
      clusterName: "c",
      nodeRoleArn: "arn",
      subnetIds: (o.subnets ?? []).map((s) => `${s}-id`),
      capacityType: o.capacity ?? "ON_DEMAND",
      amiType: "AL2023_x86_64_NVIDIA",
      instanceTypes: o.instanceTypes ?? ["p5.48xlarge"],
      labels: o.gpuClass ? { "dynamo-ha.io/gpu-class": o.gpuClass } : {},
      tags: { ...(o.zoneTag ? { "dynamo-ha.io/zone": o.zoneTag } : {}), ...(o.gpusPerNode ? { "k8s.io/cluster-autoscaler/node-template/resources/nvidia.com/gpu": o.gpusPerNode } : {}) },
      scalingConfig: { desiredSize: 1, minSize: o.minSize ?? 1, maxSize: 2 },
    },
    propertyDependencies: o.subnets ? { subnetIds: o.subnets.map((s) => `urn:pulumi:t::dynamo-ha::aws:ec2/subnet:Subnet::${s}`) } : {},
  };
}

export const subnet = (name: string, az: string): Res => ({ type: "aws:ec2/subnet:Subnet", name, props: { vpcId: "v", cidrBlock: "10.0.0.0/24", availabilityZone: az } });

export function aksPool(name: string, o: { gpuClass?: string; spot?: boolean; zones?: unknown; count?: unknown; minCount?: unknown; autoscale?: unknown }): Res {
  return {
    type: "azure-native:containerservice:AgentPool",
    name,
    props: {
      resourceGroupName: "rg",
      resourceName: "aks",
      vmSize: "Standard_NC24ads_A100_v4",
      scaleSetPriority: o.spot ? "Spot" : "Regular",
      availabilityZones: o.zones ?? ["1", "2", "3"],
      nodeLabels: o.gpuClass ? { "dynamo-ha.io/gpu-class": o.gpuClass } : {},
      ...(o.autoscale === undefined ? {} : { enableAutoScaling: o.autoscale }),
      ...(o.count === undefined ? {} : { count: o.count }),
      ...(o.minCount === undefined ? {} : { minCount: o.minCount }),
    },
  };
}

/** A container securityContext that workload-hardening accepts. */
export const hardened = () => ({ allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" } });

export function namespace(name: string, labels: Record<string, string> = { "pod-security.kubernetes.io/enforce": "baseline" }, protect = true): Res {
  return { type: "kubernetes:core/v1:Namespace", name: `ns-${name}`, props: { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } }, protect };
}

export function networkPolicy(name: string, spec: Record<string, unknown>, ns = "dynamo"): Res {
  return { type: "kubernetes:networking.k8s.io/v1:NetworkPolicy", name, props: { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace: ns }, spec } };
}

export const defaultDeny = (ns = "dynamo") => networkPolicy(`deny-${ns}`, { podSelector: {}, policyTypes: ["Ingress", "Egress"] }, ns);

/** A LoadBalancer Service selecting a graph component (the frontend by default). */
export function lbService(name: string, annotations: Record<string, string>, spec: Record<string, unknown> = {}, selector: Record<string, string> = DGD_LABELS("llm", "frontend")): Res {
  return {
    type: "kubernetes:core/v1:Service",
    name,
    props: { apiVersion: "v1", kind: "Service", metadata: { name, namespace: "dynamo", annotations }, spec: { type: "LoadBalancer", selector, ports: [{ name: "http", port: 8000 }], ...spec } },
  };
}

export const AWS_INTERNAL = { "service.beta.kubernetes.io/aws-load-balancer-type": "nlb", "service.beta.kubernetes.io/aws-load-balancer-internal": "true" };
