// Kubernetes records as the plan captures them, for the coverage and report tests.
import { ResourceRecord } from "../../tools/plan/records";

export function k8s(type: string, name: string, inputs: Record<string, unknown>): ResourceRecord {
  return {
    urn: `urn:pulumi:t::dynamo-ha::${type}::${name}`,
    type,
    name,
    parent: "",
    provider: "",
    custom: true,
    inputs,
    protect: false,
    retainOnDelete: false,
    dependsOn: [],
    propertyDependencies: {},
    ignoreChanges: [],
  };
}

const zoneSpread = [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { app: "x" } } }];
const hostSpread = [{ maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "DoNotSchedule" }];

export const deployment = (name: string, replicas: unknown, labels: Record<string, string>, podSpec: Record<string, unknown> = {}, namespace = "dynamo") =>
  k8s("kubernetes:apps/v1:Deployment", name, {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "c", image: "i" }], ...podSpec } } },
  });

export const pdb = (name: string, selector: Record<string, unknown>, namespace = "dynamo") =>
  k8s("kubernetes:policy/v1:PodDisruptionBudget", name, { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name, namespace }, spec: { maxUnavailable: 1, selector } });

export const dgdBeta = (name: string) =>
  k8s("kubernetes:nvidia.com/v1beta1:DynamoGraphDeployment", name, {
    apiVersion: "nvidia.com/v1beta1",
    kind: "DynamoGraphDeployment",
    metadata: { name, namespace: "dynamo" },
    spec: {
      components: [
        { name: "Frontend", type: "frontend", replicas: 2, podTemplate: { metadata: { labels: { tier: "edge" } }, spec: { topologySpreadConstraints: zoneSpread } } },
        { name: "VllmDecodeWorker", type: "decode", replicas: 3, podTemplate: { spec: { topologySpreadConstraints: hostSpread } } },
      ],
    },
  });

export const dgdAlpha = (name: string) =>
  k8s("kubernetes:nvidia.com/v1alpha1:DynamoGraphDeployment", name, {
    apiVersion: "nvidia.com/v1alpha1",
    kind: "DynamoGraphDeployment",
    metadata: { name, namespace: "dynamo" },
    spec: {
      services: {
        Frontend: { componentType: "frontend", replicas: 2, extraPodSpec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "topology.kubernetes.io/zone" }] } } } },
        Planner: { componentType: "planner" },
      },
    },
  });

export { zoneSpread, hostSpread };
