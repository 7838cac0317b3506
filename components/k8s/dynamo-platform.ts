// DynamoPlatform: the dynamo-system namespace, the bootstrap Dynamo CRDs, and the pinned dynamo-platform
// chart, whose operator installs the real CRDs (crds.ts explains the split).
import * as apiextensionsv1 from "@pulumi/kubernetes/apiextensions/v1";
import * as corev1 from "@pulumi/kubernetes/core/v1";
// The Release module alone: the helm/v3 index also loads the legacy Chart and its YAML engine (~0.2 s).
import * as helm from "@pulumi/kubernetes/helm/v3/release";
import * as policyv1 from "@pulumi/kubernetes/policy/v1";
import * as pulumi from "@pulumi/pulumi";
import { platformSection } from "../core/config/sections/platform";
import { dataProtection } from "../core/storage-plan";
import { VERSIONS } from "../core/versions";
import { childDependsOn } from "../core/child-depends-on";
import { dynamoCrds } from "./crds";
import { OPERATOR_POSTRENDER, operatorMetricsService, operatorPdb } from "./operator-ha";
import { PLATFORM_RELEASE, platformValues, PlatformValuesInput } from "./platform-values";

/** What Pulumi never re-applies on the bootstrap CRDs once created (the operator's crd-apply owns them). */
export const CRD_IGNORE_CHANGES = ["spec", "metadata.labels", "metadata.annotations"] as const;

/** A bundled quorum store of the chart (etcd or NATS). */
export interface QuorumStoreArgs {
  /**
   * Install the bundled store (off: Dynamo uses Kubernetes discovery and TCP).
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Replicas (odd, ≥ 3 for quorum), spread over zones on the system pool.
   * @default 3
   */
  readonly replicas?: number;
  /**
   * Volume size of each replica.
   * @default "10Gi"
   */
  readonly storageSize?: string;
}

/** The operator's checkpoint storage: an existing ReadWriteMany claim in each graph namespace. */
export interface OperatorCheckpointArgs {
  /**
   * Name of the claim.
   * @default - required, no default
   */
  readonly pvcName: string;
  /**
   * Absolute path of the checkpoints in the volume.
   * @default - required, no default
   */
  readonly basePath: string;
}

/** The platform's args: the `platform` stack config section's fields plus what the cluster gives. */
export interface DynamoPlatformArgs {
  /**
   * Labels of the on-demand system pool (never spot) where the operator and the stores run (ClusterFacts' systemNodeLabels).
   * @default - required, no default
   */
  readonly systemNodeLabels: Record<string, string>;
  /**
   * Zonal block storage class with WaitForFirstConsumer for the etcd and NATS volumes (ClusterFacts' blockStorageClass).
   * @default - required, no default
   */
  readonly blockStorageClass: string;
  /**
   * Operator replicas; its admission webhook fails closed, so 2 or more keep deploys working through a restart.
   * @default 2
   */
  readonly operatorReplicas?: number;
  /**
   * Bundled etcd.
   * @default - not installed
   */
  readonly etcd?: QuorumStoreArgs;
  /**
   * Bundled NATS with JetStream.
   * @default - not installed
   */
  readonly nats?: QuorumStoreArgs;
  /**
   * Install Grove (version-locked to the platform).
   * @default false
   */
  readonly grove?: boolean;
  /**
   * Install the KAI scheduler (version-locked to the platform).
   * @default false
   */
  readonly kaiScheduler?: boolean;
  /**
   * This program's own monitors scrape Dynamo pods (the Observability component): the chart's PodMonitors
   * stay off so no pod is scraped twice, and the operator gets a metrics Service for our ServiceMonitor.
   * @default false
   */
  readonly ownMonitors?: boolean;
  /**
   * Checkpoint storage the operator injects into the pods it restores.
   * @default - checkpointing off
   */
  readonly checkpoint?: OperatorCheckpointArgs;
  /**
   * Namespace of the operator and the chart.
   * @default "dynamo-system"
   */
  readonly namespace?: string;
  /**
   * Protect the CRDs against `pulumi destroy` (they are retained on delete either way).
   * @default true
   */
  readonly protectCrds?: boolean;
  /**
   * Let `pulumi destroy` delete the namespace, and with it the etcd and NATS volume claims the chart
   * creates there (off: the namespace is protected and retained on delete).
   * @default false
   */
  readonly allowDataLoss?: boolean;
  /**
   * Seconds Helm may take to install or upgrade the chart (hooks included).
   * @default 900
   */
  readonly helmTimeoutSeconds?: number;
  /**
   * Chart version (NGC tarball).
   * @default - VERSIONS.dynamoPlatform.version
   */
  readonly chartVersion?: string;
}

/** The chart's values input the args give: defaults and checks from the `platform` config section's schema. */
export function resolvePlatformArgs(a: DynamoPlatformArgs): { values: PlatformValuesInput; protectCrds: boolean; helmTimeoutSeconds: number } {
  const p = platformSection.parse(
    { operatorReplicas: a.operatorReplicas, etcd: a.etcd, nats: a.nats, grove: a.grove, kaiScheduler: a.kaiScheduler, protectCrds: a.protectCrds, helmTimeoutSeconds: a.helmTimeoutSeconds },
    "DynamoPlatform",
  );
  return {
    values: {
      operatorReplicas: p.operatorReplicas,
      etcd: p.etcd,
      nats: p.nats,
      grove: p.grove,
      kaiScheduler: p.kaiScheduler,
      systemNodeLabels: a.systemNodeLabels,
      blockStorageClass: a.blockStorageClass,
      ownMonitors: a.ownMonitors,
      checkpoint: a.checkpoint,
    },
    protectCrds: p.protectCrds,
    helmTimeoutSeconds: p.helmTimeoutSeconds,
  };
}

// What TypeScript callers read through getters: resources are not part of the package schema.
const children = new WeakMap<DynamoPlatform, { crds: apiextensionsv1.CustomResourceDefinition[]; release: helm.Release; operatorPdb?: policyv1.PodDisruptionBudget }>();

/**
 * The Dynamo platform for HA: the operator namespace, the bootstrap Dynamo CRDs (protected, retained on
 * delete) and the pinned dynamo-platform chart with a rolling, zone-spread operator, a fail-closed webhook
 * and optional zone-spread etcd and NATS quorums. Kubernetes objects use the provider in
 * `opts.provider(s)`; the namespace and the CRDs wait for `opts.dependsOn` (node pools, add-ons).
 */
export class DynamoPlatform extends pulumi.ComponentResource {
  /** Namespace of the operator and the chart. */
  readonly namespace: pulumi.Output<string>;
  /** Helm release name of the chart. */
  readonly releaseName: pulumi.Output<string>;
  /** Helm release status (e.g. deployed). */
  readonly releaseStatus: pulumi.Output<string>;
  /** Names of the Dynamo CRDs this component created. */
  readonly crdNames: pulumi.Output<string[]>;

  constructor(name: string, args: DynamoPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:k8s:DynamoPlatform", name, {}, opts);
    const namespace = args.namespace ?? "dynamo-system";
    const chartVersion = args.chartVersion ?? VERSIONS.dynamoPlatform.version;
    const { values, protectCrds, helmTimeoutSeconds } = resolvePlatformArgs(args);
    const waitFor = childDependsOn(opts);

    // The chart's etcd and NATS StatefulSets keep their claims here: deleting the namespace deletes them.
    const ns = new corev1.Namespace(`${name}-ns`, { metadata: { name: namespace } }, { parent: this, dependsOn: waitFor, ...dataProtection(args.allowDataLoss ?? false) });

    // Bootstrap CRDs (crds.ts): created before the chart and every graph, never deleted (deleting a
    // CRD deletes every object of its kind: retainOnDelete always, protect unless turned off), and
    // never updated: the operator's crd-apply init container force-applies the real, version-matched
    // CRDs over them and owns the schema from then on. Pulumi re-applying its bootstrap copy would
    // either conflict with that field manager or, forced, put the open schema back; so the spec and
    // the metadata it could change are left alone after creation.
    const crds = dynamoCrds().map((crd) => {
      const crdName = (crd.metadata as { name: string }).name;
      return new apiextensionsv1.CustomResourceDefinition(`${name}-crd-${crdName.split(".")[0]}`, crd as unknown as apiextensionsv1.CustomResourceDefinitionArgs, {
        parent: this,
        dependsOn: waitFor,
        protect: protectCrds,
        retainOnDelete: true,
        ignoreChanges: [...CRD_IGNORE_CHANGES],
      });
    });

    // helm.v3.Release: Helm itself installs the chart, so its hooks run (webhook certificates and
    // any pre-install jobs of the pinned version); policies read the release's `values`.
    const release = new helm.Release(
      `${name}-chart`,
      {
        name: PLATFORM_RELEASE,
        chart: VERSIONS.dynamoPlatform.url(chartVersion),
        namespace: ns.metadata.name,
        values: platformValues(values),
        // Rolling operator upgrades and Grove's placement: operator-ha.ts explains why a post-renderer.
        postrender: OPERATOR_POSTRENDER,
        // The operator's crd-apply installs and upgrades the CRDs (upgradeCRD: true); Helm's own crds/
        // handling (install-only, never upgraded) stays out of it.
        skipCrds: true,
        timeout: helmTimeoutSeconds,
        waitForJobs: true,
        // A failed upgrade rolls back to the last working operator instead of leaving the fail-closed
        // webhook pointing at pods that never became ready.
        atomic: true,
        cleanupOnFail: true,
        maxHistory: 10,
      },
      { parent: this, dependsOn: [ns, ...crds] },
    );

    const pdb = operatorPdb(namespace, values.operatorReplicas);
    const operatorPdbResource = pdb ? new policyv1.PodDisruptionBudget(`${name}-operator-pdb`, pdb, { parent: this, dependsOn: [ns] }) : undefined;
    // Our ServiceMonitor's target when this stack runs its own monitors (the chart's is off then).
    if (values.ownMonitors) {
      new corev1.Service(`${name}-operator-metrics`, operatorMetricsService(namespace) as corev1.ServiceArgs, { parent: this, dependsOn: [ns] });
    }

    children.set(this, { crds, release, operatorPdb: operatorPdbResource });
    this.namespace = ns.metadata.name;
    this.releaseName = release.name;
    this.releaseStatus = release.status.status;
    this.crdNames = pulumi.all(crds.map((c) => c.metadata.name));
    this.registerOutputs({ namespace: this.namespace, releaseStatus: release.status, crds: crds.map((c) => c.metadata.name) });
  }

  /** The CRDs, created before the chart and before any graph (TypeScript only). */
  get crds(): apiextensionsv1.CustomResourceDefinition[] {
    return children.get(this)!.crds;
  }

  /** The chart's Helm release (TypeScript only). */
  get release(): helm.Release {
    return children.get(this)!.release;
  }

  /** At least one operator pod through voluntary disruptions; none with a single replica (TypeScript only). */
  get operatorPdb(): policyv1.PodDisruptionBudget | undefined {
    return children.get(this)!.operatorPdb;
  }
}
