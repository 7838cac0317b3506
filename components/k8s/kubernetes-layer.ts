import type * as pulumi from "@pulumi/pulumi";

/** What the Kubernetes layer (components/k8s/layer.ts) hands on to observability and the stack outputs. */
export interface KubernetesLayer {
  readonly namespace: string;
  readonly graphName: string;
  /** Graph components: name, Dynamo component type and replicas. */
  readonly components: readonly { readonly name: string; readonly type: string; readonly replicas: number }[];
  /**
   * Namespace of the dynamo-platform release (operator, bundled etcd/NATS), for monitors and alerts.
   * @default "dynamo-system"
   */
  readonly platformNamespace?: string;
  readonly outputs: Record<string, pulumi.Input<unknown>>;
  /**
   * The frontend's Services, the host of its load balancer (or in-cluster name) and its port, for a public edge
   * built after them (it targets the load balancer's Private Link Service or the NodePort).
   */
  readonly frontend?: { readonly host: pulumi.Output<string>; readonly port: number; readonly services: readonly pulumi.Resource[] };
  /** Resources later layers wait for (CRDs, platform). */
  readonly readyResources: readonly pulumi.Resource[];
}
