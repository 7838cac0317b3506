// GPU software: the NVIDIA GPU Operator or the bare device plugin, as the cloud layer decides.
import * as corev1 from "@pulumi/kubernetes/core/v1";
// The Release module alone: the helm/v3 index also loads the legacy Chart and its YAML engine (~0.2 s).
import * as helm from "@pulumi/kubernetes/helm/v3/release";
import * as pulumi from "@pulumi/pulumi";
import { VERSIONS } from "../core/versions";
import { ClusterFacts, Toleration } from "../core/cluster-facts";
import { gpuTolerations, requiredNodeLabels, SYSTEM_TOLERATIONS } from "./placement";

export interface GpuSoftwareInput {
  readonly cloud: ClusterFacts["cloud"];
  /** What to install; "none" (the node image brings its own plugin) is handled by not creating this component. */
  readonly gpuSoftware: Exclude<ClusterFacts["gpuSoftware"], "none">;
  readonly driversPreinstalled: boolean;
  readonly gpuTolerations: readonly Toleration[];
  readonly gpuNodeLabel: ClusterFacts["gpuNodeLabel"];
  readonly systemNodeLabels: ClusterFacts["systemNodeLabels"];
}

/**
 * GPU Operator values. Node images that ship the driver (EKS NVIDIA AMIs, AKS with the managed
 * driver) must not get a second one; EKS NVIDIA AMIs also ship the container toolkit.
 */
export function gpuOperatorValues(i: GpuSoftwareInput): Record<string, unknown> {
  const onGpuNodes = gpuTolerations(i.gpuTolerations);
  return {
    driver: { enabled: !i.driversPreinstalled },
    toolkit: { enabled: !(i.driversPreinstalled && i.cloud === "aws") },
    devicePlugin: { enabled: true },
    dcgmExporter: { enabled: true },
    // Operand daemonsets and node labelling must reach the tainted GPU nodes (spot and fallback).
    daemonsets: { tolerations: onGpuNodes },
    "node-feature-discovery": { worker: { tolerations: onGpuNodes } },
    operator: {
      tolerations: SYSTEM_TOLERATIONS.map((t) => ({ ...t })),
      affinity: { nodeAffinity: requiredNodeLabels(i.systemNodeLabels) },
    },
  };
}

/** Device plugin values: only on GPU nodes (by our label, not NFD's, which is not installed). */
export function devicePluginValues(i: GpuSoftwareInput): Record<string, unknown> {
  return {
    tolerations: gpuTolerations(i.gpuTolerations),
    affinity: { nodeAffinity: requiredNodeLabels({ [i.gpuNodeLabel.key]: i.gpuNodeLabel.value }) },
    gfd: { enabled: false },
    nfd: { enabled: false },
  };
}

export interface GpuSoftwareArgs {
  readonly input: GpuSoftwareInput;
  /**
   * Resources to wait for (node pools).
   * @default []
   */
  readonly waitFor?: readonly pulumi.Resource[];
}

export class GpuSoftware extends pulumi.ComponentResource {
  readonly release: helm.Release;

  constructor(name: string, args: GpuSoftwareArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:k8s:GpuSoftware", name, {}, opts);
    const i = args.input;
    const operator = i.gpuSoftware === "gpu-operator";
    const pin = operator ? VERSIONS.gpuOperator : VERSIONS.devicePlugin;
    const namespace = operator ? "gpu-operator" : "nvidia-device-plugin";
    const ns = new corev1.Namespace(`${name}-ns`, { metadata: { name: namespace } }, { parent: this, dependsOn: [...(args.waitFor ?? [])] });
    this.release = new helm.Release(
      `${name}-chart`,
      {
        name: pin.chart,
        chart: pin.chart,
        version: pin.version,
        repositoryOpts: { repo: pin.repo },
        namespace: ns.metadata.name,
        values: operator ? gpuOperatorValues(i) : devicePluginValues(i),
        timeout: 900,
        atomic: true,
        maxHistory: 10,
      },
      { parent: this, dependsOn: [ns] },
    );
    this.registerOutputs({ chart: pin.chart, version: pin.version });
  }
}
