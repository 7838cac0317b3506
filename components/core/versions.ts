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

/** One ai-dynamo/dynamo commit a fact was read at, and what is known of where it stands. */
export interface DynamoReading {
  /** The upstream paths read at this commit. */
  readonly paths: readonly string[];
  /** Its relation to the pinned release, as far as it could be established. */
  readonly line: string;
}

/**
 * Where this program read the Dynamo API, in one place. The pinned release's own tree (tag v1.5.1)
 * could not be read: the upstream file history the facts were checked against holds a file only at commits
 * that changed it, and none of the stored versions of the CRDs (`deploy/operator/config/crd/bases`,
 * 208 versions of the DGD CRD) or of `deploy/helm/charts/platform/Chart.yaml` (38 versions) could be
 * tied to the tag. So every ai-dynamo/dynamo fact cites the nearest readable commit; `readAt` lists
 * each one with its standing, and test/k8s/upstream-sources.spec.ts keeps it equal to the citations.
 * On a platform bump, re-read each path at the release tag and replace the commit here and at the fact.
 */
export const DYNAMO_SOURCES = {
  repo: "ai-dynamo/dynamo",
  releaseTag: `v${VERSIONS.dynamoPlatform.version}`,
  readAt: {
    "01cc1c3b677b20c5dd72d9eb76962dc04b55b8be": {
      paths: ["deploy/operator/config/crd/bases/nvidia.com_dynamographdeployments.yaml"],
      line: "before the DGD storage flip: v1alpha1 served, deprecated and stored; v1beta1 served (see drift)",
    },
    "03a5d4b6e2bd95bbf0793191873c9dbf91179383": { paths: ["deploy/helm/charts/platform/Chart.yaml"], line: "chart 1.3.0 (its `version:`)" },
    "44f45d61e8fc2fda83291381700639e108eba594": { paths: ["deploy/helm/charts/platform/templates/validate-values.yaml"], line: "1.5 line (the KAI staleness rule 1.5.0 introduced)" },
    "7b297caf34af46ceab8b9caf9815c293f30b57bd": { paths: ["deploy/helm/charts/platform/values.yaml"], line: "1.5 line (README Version 1.5.0, Grove v0.1.0-alpha.13, KAI v0.17.0)" },
    "5da466c06c52614ed83f144855148008159267d3": { paths: ["deploy/helm/charts/platform/components/operator/templates/deployment.yaml"], line: "an unmerged branch; read only next to a main commit" },
    "05da1f972b2216d227949ed8d93cf2b0fb3c6cef": { paths: ["deploy/helm/charts/platform/components/operator/templates/deployment.yaml"], line: "not tied to a release" },
    "08e3491d30ad6993c0ee0dd8dfb1ff6720400399": { paths: ["deploy/helm/charts/platform/components/operator/templates/operator-config.yaml"], line: "not tied to a release" },
    "57040c1e65d0921e3db337715dd7fdd8103f5085": { paths: ["deploy/helm/charts/platform/components/operator/templates/webhook-configuration.yaml"], line: "not tied to a release" },
    "14947dfa985a93c2fba3a6e3a1abcc667163422c": { paths: ["deploy/helm/charts/platform/components/operator/templates/prometheus.yaml"], line: "not tied to a release" },
    "1986ffced9abe70b87476bbfb082fd0becda0e22": { paths: ["deploy/helm/charts/platform/components/operator/templates/operator-servicemonitor.yaml"], line: "not tied to a release" },
    "37a7c0026234e03090b5221b3aac90ec198b49bb": { paths: ["deploy/helm/charts/platform/components/operator/README.md"], line: "not tied to a release" },
    "b090dc9fb832ba4b8edc59c7d511061c2c12dc80": { paths: ["deploy/cloud/helm/platform/components/operator/templates/deployment.yaml"], line: "the older deploy/cloud/helm chart layout; not tied to a release" },
    "205255bfaad28c571f286012ed2ec869cd21a07e": { paths: ["container/templates/dynamo_runtime.Dockerfile"], line: "not tied to a release" },
    "00ebc5507ece22684cfc3abb1712eea3526ce962": { paths: ["lib/runtime/src/config/environment_names.rs"], line: "not tied to a release" },
    "c6b40e7877acd161538f9f5683d7af6fbbdf670e": { paths: ["components/src/dynamo/frontend/frontend_args.py"], line: "not tied to a release" },
    "030ef0b08a568fc6570868e96117914be3cc5c64": { paths: ["components/src/dynamo/common/utils/graceful_shutdown.py"], line: "not tied to a release" },
  } as Readonly<Record<string, DynamoReading>>,
  /**
   * Known differences between a reading and the pinned release, keyed by CRD kind. The vendored DGD
   * still stores v1alpha1 ("still the storage version until a later MR flips it"); the 1.5 line stores
   * v1beta1 (main @2a6da14c with chart 1.5.0: v1alpha1 served and deprecated, v1beta1 served and
   * storage). The bootstrap follows the release.
   */
  storageDrift: {
    DynamoGraphDeployment: { release: "v1beta1", readAt: "v1alpha1" },
  } as Readonly<Record<string, { release: string; readAt: string }>>,
} as const;
