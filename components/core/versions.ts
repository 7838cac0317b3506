// Every chart, image and AMI version the stacks deploy, pinned in one place.
// Upgrading Dynamo means changing the platform version, the CRD set and Grove/KAI together.

export const VERSIONS = {
  dynamoPlatform: {
    chart: "dynamo-platform",
    version: "1.5.1",
    /** NGC publishes the chart as a tarball, not a Helm repository index. */
    url: (version: string) => `https://helm.ngc.nvidia.com/nvidia/ai-dynamo/charts/dynamo-platform-${version}.tgz`,
  },
  runtimeImages: {
    vllm: "nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.5.1",
    sglang: "nvcr.io/nvidia/ai-dynamo/sglang-runtime:1.5.1",
    trtllm: "nvcr.io/nvidia/ai-dynamo/tensorrtllm-runtime:1.5.1",
  },
  /**
   * The Dynamo CRDs this program bootstraps; the operator's crd-apply (`dynamo-operator.upgradeCRD: true`)
   * installs the real ones (components/k8s/crds.ts).
   * `appVersion` must equal dynamoPlatform.version: the CRDs are the operator's API (dynamo-facts §3.1).
   */
  dynamoCrds: { appVersion: "1.5.1", group: "nvidia.com", servedVersions: ["v1alpha1", "v1beta1"], storageVersion: "v1beta1" },
  /** Grove and KAI move in lockstep with the platform (platform README compatibility table, 1.5.x row). */
  grove: { version: "v0.1.0-alpha.13", forPlatform: "1.5" },
  kaiScheduler: { version: "v0.17.0", forPlatform: "1.5" },
  clusterAutoscaler: { chart: "cluster-autoscaler", repo: "https://kubernetes.github.io/autoscaler", version: "9.46.6", image: "registry.k8s.io/autoscaling/cluster-autoscaler:v1.33.0" },
  gpuOperator: { chart: "gpu-operator", repo: "https://helm.ngc.nvidia.com/nvidia", version: "v25.3.4" },
  devicePlugin: { chart: "nvidia-device-plugin", repo: "https://nvidia.github.io/k8s-device-plugin", version: "0.17.4" },
  kubePrometheusStack: { chart: "kube-prometheus-stack", repo: "https://prometheus-community.github.io/helm-charts", version: "75.15.1" },
} as const;
