// DynamoPlatform: the dynamo-system namespace, the Dynamo CRDs, and the pinned dynamo-platform chart.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { VERSIONS } from "../core/versions";
import { dynamoCrds } from "./crds";
import { PLATFORM_RELEASE, platformValues, PlatformValuesInput } from "./platform-values";

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
  readonly crds: k8s.apiextensions.v1.CustomResourceDefinition[];
  readonly release: k8s.helm.v3.Release;

  constructor(name: string, args: DynamoPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:k8s:DynamoPlatform", name, {}, opts);
    const namespace = args.namespace ?? "dynamo-system";
    const chartVersion = args.chartVersion ?? VERSIONS.dynamoPlatform.version;
    const waitFor = [...(args.waitFor ?? [])];

    const ns = new k8s.core.v1.Namespace(`${name}-ns`, { metadata: { name: namespace } }, { parent: this, dependsOn: waitFor });

    // Deleting a CRD deletes every object of its kind, so neither destroy nor a chart change may do it:
    // retainOnDelete always, protect unless explicitly turned off. The operator may inject a
    // conversion webhook into spec.conversion at run time; Pulumi leaves that field to it.
    this.crds = dynamoCrds().map((crd) => {
      const crdName = (crd.metadata as { name: string }).name;
      return new k8s.apiextensions.v1.CustomResourceDefinition(`${name}-crd-${crdName.split(".")[0]}`, crd as unknown as k8s.apiextensions.v1.CustomResourceDefinitionArgs, {
        parent: this,
        dependsOn: waitFor,
        protect: args.protectCrds ?? true,
        retainOnDelete: true,
        ignoreChanges: ["spec.conversion"],
      });
    });

    // helm.v3.Release: Helm itself installs the chart, so its hooks run (webhook certificates and
    // any pre-install jobs of the pinned version); policies read the release's `values`.
    this.release = new k8s.helm.v3.Release(
      `${name}-chart`,
      {
        name: PLATFORM_RELEASE,
        chart: VERSIONS.dynamoPlatform.url(chartVersion),
        namespace: ns.metadata.name,
        values: platformValues(args.values),
        // The CRDs above are the only copy; Helm must never install, upgrade or drop them.
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

    this.namespace = ns.metadata.name;
    this.registerOutputs({ namespace: this.namespace, releaseStatus: this.release.status, crds: this.crds.map((c) => c.metadata.name) });
  }
}
