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
  /** Resources later layers wait for (CRDs, platform). */
  readonly readyResources: readonly pulumi.Resource[];
}
