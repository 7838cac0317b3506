// Frontend exposure: a ClusterIP Service, optionally a cross-zone load balancer (internal unless a
// non-prod stack opts out), and optionally a NodePort Service on a fixed port for a public edge's
// instance targets. Exports a bare host, a port and a protocol; the URL is for people. The public
// edge itself (TLS, source ranges, authentication) is the cloud layer's (components/<cloud>/frontend-edge.ts).
import * as corev1 from "@pulumi/kubernetes/core/v1";
import * as pulumi from "@pulumi/pulumi";
import { componentSelector, dnsName } from "./pdb";
import { FRONTEND_PORT, FRONTEND_PROTOCOL, frontendUrl } from "../core/frontend";

export interface ServiceObject {
  apiVersion: "v1";
  kind: "Service";
  metadata: { name: string; namespace: string; labels: Record<string, string>; annotations?: Record<string, string> };
  spec: Record<string, unknown>;
}

export { FRONTEND_PROTOCOL, frontendUrl };

/**
 * Names of our Services. The Dynamo operator already creates `<graph>-<component lowercased>` for
 * the frontend component, so ours carry a suffix that cannot collide with it.
 */
export const frontendServiceName = (graphName: string) => dnsName(graphName, "frontend-ha");
export const frontendLoadBalancerName = (graphName: string) => dnsName(graphName, "frontend-lb");
export const frontendEdgeServiceName = (graphName: string) => dnsName(graphName, "frontend-edge");

const ports = () => [{ name: FRONTEND_PORT.name, port: FRONTEND_PORT.containerPort, targetPort: FRONTEND_PORT.name, protocol: "TCP" }];

/** In-cluster Service for the graph's frontend pods (readiness-gated: `/health` turns 503 on drain). */
export function frontendClusterService(graphName: string, namespace: string, component: string, labels: Record<string, string> = {}): ServiceObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: frontendServiceName(graphName), namespace, labels: { ...labels } },
    spec: { type: "ClusterIP", selector: componentSelector(graphName, component), ports: ports(), publishNotReadyAddresses: false },
  };
}

/** Annotations that make a cloud load balancer private (in-tree AWS, AWS Load Balancer Controller, Azure). */
const INTERNAL_FLAGS = ["service.beta.kubernetes.io/aws-load-balancer-internal", "service.beta.kubernetes.io/azure-load-balancer-internal"];
const AWS_SCHEME = "service.beta.kubernetes.io/aws-load-balancer-scheme";

/**
 * The cloud layer's internal load balancer annotations turned internet-facing: the "internal" flags
 * go, an AWS Load Balancer Controller scheme becomes `internet-facing`; everything else (NLB type,
 * cross-zone) stays.
 */
export function publicLoadBalancerAnnotations(internal: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(internal)) {
    if (INTERNAL_FLAGS.includes(k)) continue;
    out[k] = k === AWS_SCHEME ? "internet-facing" : v;
  }
  return out;
}

/** The load balancer's annotations for `dynamo-ha:exposure`; undefined means no load balancer. */
export function frontendLoadBalancerAnnotations(
  e: { readonly loadBalancer: boolean; readonly internalLoadBalancer: boolean },
  internal: Readonly<Record<string, string>>,
): Record<string, string> | undefined {
  if (!e.loadBalancer) return undefined;
  return e.internalLoadBalancer ? { ...internal } : publicLoadBalancerAnnotations(internal);
}

/** Load balancer in front of the frontend pods; the annotations come from the cloud layer. */
export function frontendLoadBalancer(
  graphName: string,
  namespace: string,
  component: string,
  annotations: Readonly<Record<string, string>>,
  labels: Record<string, string> = {},
  sourceRanges: readonly string[] = [],
): ServiceObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: frontendLoadBalancerName(graphName), namespace, labels: { ...labels }, annotations: { ...annotations } },
    spec: {
      type: "LoadBalancer",
      selector: componentSelector(graphName, component),
      ports: ports(),
      externalTrafficPolicy: "Cluster",
      ...(sourceRanges.length > 0 ? { loadBalancerSourceRanges: [...sourceRanges] } : {}),
    },
  };
}

/**
 * NodePort Service a public edge's instance targets reach (AWS ALB). The port is fixed so the edge,
 * built from config, and the Service agree; the cloud layer admits only the edge to it.
 */
export function frontendNodePortService(graphName: string, namespace: string, component: string, nodePort: number, labels: Record<string, string> = {}): ServiceObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: frontendEdgeServiceName(graphName), namespace, labels: { ...labels } },
    spec: {
      type: "NodePort",
      selector: componentSelector(graphName, component),
      ports: [{ ...ports()[0], nodePort }],
      // Any node forwards to a ready frontend pod: the edge targets one node group, the pods run anywhere.
      externalTrafficPolicy: "Cluster",
    },
  };
}

/** The in-cluster DNS name of a Service. */
export const clusterHost = (svc: ServiceObject) => `${svc.metadata.name}.${svc.metadata.namespace}.svc.cluster.local`;


/** The in-cluster URL of the ClusterIP Service. */
export const clusterEndpoint = (svc: ServiceObject) => frontendUrl(clusterHost(svc));

export interface FrontendExposureArgs {
  readonly graphName: string;
  readonly namespace: string;
  /** Component name of the frontend in the graph. */
  readonly component: string;
  /**
   * Annotations for the load balancer (already internal or internet-facing); absent means no load balancer.
   * @default - ClusterIP only
   */
  readonly loadBalancerAnnotations?: Readonly<Record<string, string>>;
  /** Client CIDRs the load balancer admits. @default [] (every address) */
  readonly loadBalancerSourceRanges?: readonly string[];
  /**
   * Fixed NodePort for a public edge's instance targets (a NodePort Service beside the others).
   * @default - no NodePort Service
   */
  readonly edgeNodePort?: number;
  /** @default {} */
  readonly labels?: Record<string, string>;
  /**
   * Resources to create first. Pass the graph: Pulumi waits for a Service's endpoints to have ready
   * pods, which exist only once the graph is Ready.
   * @default []
   */
  readonly dependsOn?: readonly pulumi.Resource[];
}

export class FrontendExposure extends pulumi.ComponentResource {
  /** Bare hostname (or IP) of the load balancer when there is one, else the in-cluster DNS name. */
  readonly host: pulumi.Output<string>;
  readonly port: number = FRONTEND_PORT.containerPort;
  readonly protocol: string = FRONTEND_PROTOCOL;
  /** `http://host:8000`. */
  readonly endpoint: pulumi.Output<string>;
  readonly services: corev1.Service[];

  constructor(name: string, args: FrontendExposureArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:k8s:FrontendExposure", name, {}, opts);
    const dependsOn = [...(args.dependsOn ?? [])];
    const clusterIp = frontendClusterService(args.graphName, args.namespace, args.component, args.labels);
    const svc = new corev1.Service(`${name}-svc`, clusterIp, { parent: this, dependsOn });
    this.services = [svc];
    if (args.loadBalancerAnnotations) {
      const lbObj = frontendLoadBalancer(args.graphName, args.namespace, args.component, args.loadBalancerAnnotations, args.labels, args.loadBalancerSourceRanges);
      const lb = new corev1.Service(`${name}-lb`, lbObj, { parent: this, dependsOn });
      this.services.push(lb);
      this.host = lb.status.apply((st) => {
        const ingress = st?.loadBalancer?.ingress?.[0];
        return ingress?.hostname ?? ingress?.ip ?? clusterHost(clusterIp);
      });
    } else {
      this.host = pulumi.output(clusterHost(clusterIp));
    }
    if (args.edgeNodePort !== undefined) {
      const np = frontendNodePortService(args.graphName, args.namespace, args.component, args.edgeNodePort, args.labels);
      this.services.push(new corev1.Service(`${name}-edge`, np, { parent: this, dependsOn }));
    }
    this.endpoint = this.host.apply(frontendUrl);
    this.registerOutputs({ host: this.host, port: this.port, protocol: this.protocol, endpoint: this.endpoint });
  }
}
