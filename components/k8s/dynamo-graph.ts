// DynamoGraph: one DynamoGraphDeployment plus a PodDisruptionBudget per component.
import { CustomResource, CustomResourceArgs } from "@pulumi/kubernetes/apiextensions/customResource";
import * as policyv1 from "@pulumi/kubernetes/policy/v1";
import * as pulumi from "@pulumi/pulumi";
import { GraphSettings } from "./graph-settings";
import { graphObject, GraphPlacement, GraphStorage, NO_GRAPH_STORAGE } from "./graph-spec";
import { componentPdb } from "./pdb";

export interface DynamoGraphArgs {
  /** Resolved graph settings (model, image, backend, components and replicas, GPUs, timeouts). */
  readonly settings: GraphSettings;
  /** GPU tolerations and the GPU node label (from ClusterFacts). */
  readonly placement: GraphPlacement;
  /**
   * What the model/checkpoint store needs in the pods.
   * @default - no storage env, labels, service account or volume
   */
  readonly storage?: GraphStorage;
  /**
   * Labels added to the DGD and PDBs.
   * @default {}
   */
  readonly labels?: Record<string, string>;
  /**
   * What must exist first: the CRDs and the platform release (the operator's webhook admits the DGD).
   * @default []
   */
  readonly dependsOn?: readonly pulumi.Resource[];
}

export class DynamoGraph extends pulumi.ComponentResource {
  readonly graph: CustomResource;
  readonly pdbs: policyv1.PodDisruptionBudget[];
  readonly graphName: string;

  constructor(name: string, args: DynamoGraphArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:k8s:DynamoGraph", name, {}, opts);
    const s = args.settings;
    const labels = args.labels ?? {};
    const dependsOn = [...(args.dependsOn ?? [])];
    const obj = graphObject(s, args.placement, args.storage ?? NO_GRAPH_STORAGE, labels);

    // The DGD's kind exists only once its CRD does; dependsOn orders it after the CRD resources of
    // this program, and the provider treats a kind whose CRD is pending in the same update as
    // creatable during preview.
    this.graph = new CustomResource(`${name}-dgd`, obj as CustomResourceArgs, { parent: this, dependsOn });

    // PDBs only need the namespace; created beside the graph so drains are bounded from the first pod.
    this.pdbs = s.components.map(
      (c) => new policyv1.PodDisruptionBudget(`${name}-pdb-${c.name.toLowerCase()}`, componentPdb(s.name, s.namespace, c.name, labels), { parent: this, dependsOn }),
    );
    this.graphName = s.name;
    this.registerOutputs({ graphName: s.name, namespace: s.namespace });
  }
}
