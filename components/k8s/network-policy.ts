// NetworkPolicies of the graph namespace: deny everything, then allow the flows Dynamo needs. Pure:
// plain objects in, plain NetworkPolicy manifests out (the layer creates them).
import type * as k8s from "@pulumi/kubernetes/types/input";
import { componentSelector } from "./pdb";
import { FRONTEND_PORT, SYSTEM_PORT } from "./probes";

type NetworkPolicySpec = k8s.networking.v1.NetworkPolicySpec;
type NetworkPolicyPeer = k8s.networking.v1.NetworkPolicyPeer;
type NetworkPolicyPort = k8s.networking.v1.NetworkPolicyPort;

export interface NetworkPolicyObject {
  apiVersion: "networking.k8s.io/v1";
  kind: "NetworkPolicy";
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: NetworkPolicySpec;
}

export interface GraphNetworkInput {
  readonly graphName: string;
  readonly namespace: string;
  /** The frontend component's name in the graph. */
  readonly frontendComponent: string;
  /** True when a load balancer Service exposes the frontend; false means in-cluster clients only. */
  readonly loadBalancer: boolean;
  /** The Dynamo platform's namespace (operator, etcd, NATS). */
  readonly platformNamespace: string;
  /** Whether the platform runs etcd / NATS (then the graph's pods reach them). */
  readonly etcd: boolean;
  readonly nats: boolean;
  /** EKS: the pods get AWS credentials from the node's Pod Identity agent (a link-local address). */
  readonly podIdentityAgent: boolean;
  /** Namespace of Prometheus, when the stack runs its own monitors. */
  readonly monitoringNamespace?: string;
  readonly labels?: Record<string, string>;
}

/** Well-known client ports: etcd 2379 and NATS 4222 (IANA registrations, the charts' defaults). */
export const ETCD_CLIENT_PORT = 2379;
export const NATS_CLIENT_PORT = 4222;
/**
 * The EKS Pod Identity agent: 169.254.170.23 (IPv6 fd00:ec2::23) port 80 on every node
 * (docs.aws.amazon.com/eks/latest/userguide/pod-id-how-it-works.html; aws/eks-pod-identity-agent).
 */
export const POD_IDENTITY_AGENT = { cidrs: ["169.254.170.23/32", "fd00:ec2::23/128"], port: 80 } as const;
/** The name label the API server puts on every namespace (Kubernetes ≥ 1.22). */
const NS_NAME = "kubernetes.io/metadata.name";

const inNamespace = (ns: string): NetworkPolicyPeer => ({ namespaceSelector: { matchLabels: { [NS_NAME]: ns } } });
const tcp = (port: number | string): NetworkPolicyPort => ({ protocol: "TCP", port });

/**
 * The policies, in order. Named ports (`http`, `system`) follow the pods' container ports, so a port
 * change in probes.ts moves the rules with it.
 *
 * - default-deny: every pod of the namespace, both directions;
 * - dns: egress to CoreDNS in kube-system;
 * - intra-namespace: frontend ↔ workers, prefill ↔ decode (the request plane and KV transfer use
 *   ports the runtime picks, so the namespace, dedicated to the graph, is open to itself);
 * - frontend-ingress: the API port. Behind a load balancer from anywhere: with
 *   `externalTrafficPolicy: Cluster` the pod sees node addresses, so client filtering belongs to the
 *   Service's `loadBalancerSourceRanges`; without one, from pods of any namespace;
 * - platform: the operator may call the system port; the pods reach etcd and NATS when installed;
 * - metrics: Prometheus scrapes `http` (frontend) and `system` (workers) from its namespace;
 * - egress-https: 443 to anywhere, for the model hub, the object store and the API server (the
 *   `kubernetes` discovery backend);
 * - pod-identity (EKS): the node's credential agent, which S3 access goes through.
 */
export function graphNetworkPolicies(i: GraphNetworkInput): NetworkPolicyObject[] {
  const np = (suffix: string, spec: NetworkPolicySpec): NetworkPolicyObject => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: `${i.graphName}-${suffix}`.slice(0, 63), namespace: i.namespace, labels: { ...(i.labels ?? {}) } },
    spec,
  });
  const all = {};
  const out: NetworkPolicyObject[] = [
    np("default-deny", { podSelector: all, policyTypes: ["Ingress", "Egress"] }),
    np("dns", {
      podSelector: all,
      policyTypes: ["Egress"],
      egress: [{ to: [{ ...inNamespace("kube-system"), podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }], ports: [{ protocol: "UDP", port: 53 }, tcp(53)] }],
    }),
    np("intra-namespace", { podSelector: all, policyTypes: ["Ingress", "Egress"], ingress: [{ from: [{ podSelector: all }] }], egress: [{ to: [{ podSelector: all }] }] }),
    np("frontend-ingress", {
      podSelector: { matchLabels: componentSelector(i.graphName, i.frontendComponent) },
      policyTypes: ["Ingress"],
      ingress: [{ ...(i.loadBalancer ? {} : { from: [{ namespaceSelector: all }] }), ports: [tcp(FRONTEND_PORT.name)] }],
    }),
  ];
  const stores = [...(i.etcd ? [tcp(ETCD_CLIENT_PORT)] : []), ...(i.nats ? [tcp(NATS_CLIENT_PORT)] : [])];
  out.push(
    np("platform", {
      podSelector: all,
      policyTypes: stores.length > 0 ? ["Ingress", "Egress"] : ["Ingress"],
      ingress: [{ from: [inNamespace(i.platformNamespace)], ports: [tcp(SYSTEM_PORT.name), tcp(FRONTEND_PORT.name)] }],
      ...(stores.length > 0 ? { egress: [{ to: [inNamespace(i.platformNamespace)], ports: stores }] } : {}),
    }),
  );
  if (i.monitoringNamespace) {
    out.push(np("metrics", { podSelector: all, policyTypes: ["Ingress"], ingress: [{ from: [inNamespace(i.monitoringNamespace)], ports: [tcp(FRONTEND_PORT.name), tcp(SYSTEM_PORT.name)] }] }));
  }
  out.push(np("egress-https", { podSelector: all, policyTypes: ["Egress"], egress: [{ ports: [tcp(443)] }] }));
  if (i.podIdentityAgent) {
    out.push(np("pod-identity", { podSelector: all, policyTypes: ["Egress"], egress: [{ to: POD_IDENTITY_AGENT.cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [tcp(POD_IDENTITY_AGENT.port)] }] }));
  }
  return out;
}
