// Frontend exposure: a ClusterIP Service, and optionally an internal load balancer across zones.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { componentSelector, dnsName } from "./pdb";
import { FRONTEND_PORT } from "./probes";

export interface ServiceObject {
  apiVersion: "v1";
  kind: "Service";
  metadata: { name: string; namespace: string; labels: Record<string, string>; annotations?: Record<string, string> };
  spec: Record<string, unknown>;
}

const ports = () => [{ name: FRONTEND_PORT.name, port: FRONTEND_PORT.containerPort, targetPort: FRONTEND_PORT.name, protocol: "TCP" }];

/** In-cluster Service for the graph's frontend pods (readiness-gated: `/health` turns 503 on drain). */
export function frontendClusterService(graphName: string, namespace: string, component: string, labels: Record<string, string> = {}): ServiceObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: dnsName(graphName, "frontend"), namespace, labels: { ...labels } },
    spec: { type: "ClusterIP", selector: componentSelector(graphName, component), ports: ports(), publishNotReadyAddresses: false },
  };
}

/** Internal load balancer in front of the frontend pods; the annotations come from the cloud layer. */
export function frontendLoadBalancer(
  graphName: string,
  namespace: string,
  component: string,
  annotations: Readonly<Record<string, string>>,
  labels: Record<string, string> = {},
): ServiceObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: dnsName(graphName, "frontend-lb"), namespace, labels: { ...labels }, annotations: { ...annotations } },
    spec: { type: "LoadBalancer", selector: componentSelector(graphName, component), ports: ports(), externalTrafficPolicy: "Cluster" },
  };
}

/** The in-cluster DNS address of the ClusterIP Service. */
export const clusterEndpoint = (svc: ServiceObject) => `http://${svc.metadata.name}.${svc.metadata.namespace}.svc.cluster.local:${FRONTEND_PORT.containerPort}`;

export interface FrontendExposureArgs {
  readonly graphName: string;
  readonly namespace: string;
  /** Component name of the frontend in the graph. */
  readonly component: string;
  /**
   * Annotations for an internal load balancer; absent means no load balancer.
   * @default - ClusterIP only
   */
  readonly loadBalancerAnnotations?: Readonly<Record<string, string>>;
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
  /** `http://host:8000`: the load balancer's address when there is one, else the in-cluster name. */
  readonly endpoint: pulumi.Output<string>;
  readonly services: k8s.core.v1.Service[];

  constructor(name: string, args: FrontendExposureArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:k8s:FrontendExposure", name, {}, opts);
    const dependsOn = [...(args.dependsOn ?? [])];
    const clusterIp = frontendClusterService(args.graphName, args.namespace, args.component, args.labels);
    const svc = new k8s.core.v1.Service(`${name}-svc`, clusterIp, { parent: this, dependsOn });
    this.services = [svc];
    if (args.loadBalancerAnnotations) {
      const lbObj = frontendLoadBalancer(args.graphName, args.namespace, args.component, args.loadBalancerAnnotations, args.labels);
      const lb = new k8s.core.v1.Service(`${name}-lb`, lbObj, { parent: this, dependsOn });
      this.services.push(lb);
      this.endpoint = lb.status.apply((st) => {
        const ingress = st?.loadBalancer?.ingress?.[0];
        const host = ingress?.hostname ?? ingress?.ip;
        return host ? `http://${host}:${FRONTEND_PORT.containerPort}` : clusterEndpoint(clusterIp);
      });
    } else {
      this.endpoint = pulumi.output(clusterEndpoint(clusterIp));
    }
    this.registerOutputs({ endpoint: this.endpoint });
  }
}
