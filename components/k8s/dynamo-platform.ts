// DynamoPlatform: the dynamo-system namespace, the bootstrap Dynamo CRDs, and the pinned dynamo-platform
// chart, whose operator installs the real CRDs (crds.ts explains the split).
import * as apiextensionsv1 from "@pulumi/kubernetes/apiextensions/v1";
import * as corev1 from "@pulumi/kubernetes/core/v1";
import * as helm from "@pulumi/kubernetes/helm/v3";
import * as policyv1 from "@pulumi/kubernetes/policy/v1";
import * as pulumi from "@pulumi/pulumi";
import { dataProtection } from "../core/storage-plan";
import { VERSIONS } from "../core/versions";
import { dynamoCrds } from "./crds";
import { OPERATOR_POSTRENDER, operatorMetricsService, operatorPdb } from "./operator-ha";
import { PLATFORM_RELEASE, platformValues, PlatformValuesInput } from "./platform-values";

/** What Pulumi never re-applies on the bootstrap CRDs once created (the operator's crd-apply owns them). */
export const CRD_IGNORE_CHANGES = ["spec", "metadata.labels", "metadata.annotations"] as const;

export interface DynamoPlatformArgs {
  /** Operator replicas, bundled etcd/NATS, Grove/KAI, system-pool labels and the block storage class. */
  readonly values: PlatformValuesInput;
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
  readonly timeoutSeconds?: number;
  /**
   * Chart version (NGC tarball).
   * @default VERSIONS.dynamoPlatform.version
   */
  readonly chartVersion?: string;
  /**
   * Resources to wait for before anything is applied (node pools, cluster add-ons).
   * @default []
   */
  readonly waitFor?: readonly pulumi.Resource[];
}

export class DynamoPlatform extends pulumi.ComponentResource {
  readonly namespace: pulumi.Output<string>;
  /** The CRDs, created before the chart and before any graph. */
  readonly crds: apiextensionsv1.CustomResourceDefinition[];
  readonly release: helm.Release;
  /** At least one operator pod through voluntary disruptions (none with a single replica). */
  readonly operatorPdb?: policyv1.PodDisruptionBudget;

  constructor(name: string, args: DynamoPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:k8s:DynamoPlatform", name, {}, opts);
    const namespace = args.namespace ?? "dynamo-system";
    const chartVersion = args.chartVersion ?? VERSIONS.dynamoPlatform.version;
    const waitFor = [...(args.waitFor ?? [])];

    // The chart's etcd and NATS StatefulSets keep their claims here: deleting the namespace deletes them.
    const ns = new corev1.Namespace(`${name}-ns`, { metadata: { name: namespace } }, { parent: this, dependsOn: waitFor, ...dataProtection(args.allowDataLoss ?? false) });

    // Bootstrap CRDs (crds.ts): created before the chart and every graph, never deleted (deleting a
    // CRD deletes every object of its kind: retainOnDelete always, protect unless turned off), and
    // never updated: the operator's crd-apply init container force-applies the real, version-matched
    // CRDs over them and owns the schema from then on. Pulumi re-applying its bootstrap copy would
    // either conflict with that field manager or, forced, put the open schema back; so the spec and
    // the metadata it could change are left alone after creation.
    this.crds = dynamoCrds().map((crd) => {
      const crdName = (crd.metadata as { name: string }).name;
      return new apiextensionsv1.CustomResourceDefinition(`${name}-crd-${crdName.split(".")[0]}`, crd as unknown as apiextensionsv1.CustomResourceDefinitionArgs, {
        parent: this,
        dependsOn: waitFor,
        protect: args.protectCrds ?? true,
        retainOnDelete: true,
        ignoreChanges: [...CRD_IGNORE_CHANGES],
      });
    });

    // helm.v3.Release: Helm itself installs the chart, so its hooks run (webhook certificates and
    // any pre-install jobs of the pinned version); policies read the release's `values`.
    this.release = new helm.Release(
      `${name}-chart`,
      {
        name: PLATFORM_RELEASE,
        chart: VERSIONS.dynamoPlatform.url(chartVersion),
        namespace: ns.metadata.name,
        values: platformValues(args.values),
        // Rolling operator upgrades and Grove's placement: operator-ha.ts explains why a post-renderer.
        postrender: OPERATOR_POSTRENDER,
        // The operator's crd-apply installs and upgrades the CRDs (upgradeCRD: true); Helm's own crds/
        // handling (install-only, never upgraded) stays out of it.
        skipCrds: true,
        timeout: args.timeoutSeconds ?? 900,
        waitForJobs: true,
        // A failed upgrade rolls back to the last working operator instead of leaving the fail-closed
        // webhook pointing at pods that never became ready.
        atomic: true,
        cleanupOnFail: true,
        maxHistory: 10,
      },
      { parent: this, dependsOn: [ns, ...this.crds] },
    );

    const pdb = operatorPdb(namespace, args.values.operatorReplicas);
    if (pdb) this.operatorPdb = new policyv1.PodDisruptionBudget(`${name}-operator-pdb`, pdb, { parent: this, dependsOn: [ns] });
    // Our ServiceMonitor's target when this stack runs its own monitors (the chart's is off then).
    if (args.values.ownMonitors) {
      new corev1.Service(`${name}-operator-metrics`, operatorMetricsService(namespace) as corev1.ServiceArgs, { parent: this, dependsOn: [ns] });
    }

    this.namespace = ns.metadata.name;
    this.registerOutputs({ namespace: this.namespace, releaseStatus: this.release.status, crds: this.crds.map((c) => c.metadata.name) });
  }
}
