// HaGraph: one DynamoGraphDeployment spread over zones, plus a PodDisruptionBudget per component.
import { CustomResource, CustomResourceArgs } from "@pulumi/kubernetes/apiextensions/customResource";
import * as policyv1 from "@pulumi/kubernetes/policy/v1";
import * as pulumi from "@pulumi/pulumi";
import { imageHasPinnedTag } from "../core/config/checks/kubernetes";
import { ConfigError, show } from "../core/config/schema";
import { graphSection } from "../core/config/sections/graph";
import { childDependsOn } from "../core/child-depends-on";
import { Backend, ComponentPlan, DEFAULT_GRACE_SECONDS, graphComponents, GraphSettings, graphSettingsOf } from "./graph-settings";
import { graphObject, GraphPlacement, GraphStorage, NO_GRAPH_STORAGE } from "./graph-spec";
import { componentPdb } from "./pdb";

/** The graph's args: the `graph` stack config section's fields, resolved and checked by the same schema. */
export interface HaGraphArgs {
  /**
   * GPU tolerations and the GPU node label of the cluster (ClusterFacts' gpuTolerations, gpuNodeLabel).
   * @default - required, no default
   */
  readonly placement: GraphPlacement;
  /**
   * DynamoGraphDeployment name.
   * @default "llm"
   */
  readonly name?: string;
  /**
   * Namespace of the graph; it must exist (with its NetworkPolicies, when any).
   * @default "dynamo"
   */
  readonly namespace?: string;
  /**
   * Model served (Hugging Face id).
   * @default "Qwen/Qwen3-0.6B"
   */
  readonly model?: string;
  /**
   * Inference engine of the workers.
   * @default "vllm"
   */
  readonly backend?: Backend;
  /**
   * Runtime image of every component, with an explicit tag or digest (`latest` is refused).
   * @default - the pinned runtime image of the backend (VERSIONS.runtimeImages)
   */
  readonly image?: string;
  /**
   * The components and their replicas: exactly one frontend, then a worker (aggregated) or decode and prefill workers.
   * @default - Frontend, <Backend>DecodeWorker and <Backend>PrefillWorker, 2 replicas each (disaggregated)
   */
  readonly components?: ComponentPlan[];
  /**
   * GPUs per worker pod; at most the GPUs of one node.
   * @default 1
   */
  readonly gpusPerWorker?: number;
  /**
   * Pod grace period; the shutdown budgets end inside it. With spot pools it must fit the spot notice (AWS 120 s, Azure 30 s).
   * @default 25
   */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * How long a worker may take to load its model before its startup probe gives up.
   * @default 3600
   */
  readonly startupTimeoutSeconds?: number;
  /**
   * How long `pulumi up` waits for the graph to be Ready with state successful.
   * @default 1800
   */
  readonly readyTimeoutSeconds?: number;
  /**
   * Request migrations per request on worker loss (DYN_MIGRATION_LIMIT; 0 turns migration off).
   * @default 3
   */
  readonly migrationLimit?: number;
  /**
   * Secret holding HF_TOKEN in the graph's namespace (optional in the pods: absent is allowed).
   * @default "hf-token-secret"
   */
  readonly hfTokenSecret?: string;
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
}

/**
 * The graph settings the args give: defaults and checks from the `graph` config section's schema, so a
 * graph composed in a program and one from a stack file are judged alike.
 */
export function resolveHaGraphArgs(a: HaGraphArgs): GraphSettings {
  const g = graphSection.parse(
    {
      name: a.name,
      namespace: a.namespace,
      model: a.model,
      backend: a.backend,
      image: a.image,
      gpusPerWorker: a.gpusPerWorker,
      terminationGracePeriodSeconds: a.terminationGracePeriodSeconds,
      startupTimeoutSeconds: a.startupTimeoutSeconds,
      readyTimeoutSeconds: a.readyTimeoutSeconds,
      migrationLimit: a.migrationLimit,
      hfTokenSecret: a.hfTokenSecret,
    },
    "HaGraph",
  );
  // The one graph rule of the stack checks that needs no other section (checks/kubernetes.ts).
  if (g.image !== undefined && !imageHasPinnedTag(g.image)) throw new ConfigError(`HaGraph.image: must name an explicit tag or digest, not "latest", got ${show(g.image)}`);
  const backend = g.backend as Backend; // the schema admits only BACKENDS
  const plan = a.components ? a.components.map((c) => ({ ...c })) : graphComponents(backend, g);
  const frontends = plan.filter((c) => c.type === "frontend").length;
  if (frontends !== 1) throw new ConfigError(`HaGraph.components: ${frontends} frontends is not allowed: exactly one component of type frontend`);
  // The shorter of the two spot notices' budgets: safe on either cloud.
  return graphSettingsOf(g, DEFAULT_GRACE_SECONDS.azure, plan);

}

// What TypeScript callers read through getters: resources are not part of the package schema.
const children = new WeakMap<HaGraph, { graph: CustomResource; pdbs: policyv1.PodDisruptionBudget[] }>();

/**
 * A DynamoGraphDeployment spread over zones (hard) and GPU hosts (hard), with rolling updates that surge,
 * shutdown budgets inside the grace period, and a PodDisruptionBudget per component. Kubernetes objects
 * use the provider in `opts.provider(s)`; every object waits for `opts.dependsOn` (the CRDs and the
 * platform release: the operator's webhook admits the graph).
 */
export class HaGraph extends pulumi.ComponentResource {
  /** DynamoGraphDeployment name. */
  readonly graphName: pulumi.Output<string>;
  /** Namespace of the graph. */
  readonly namespace: pulumi.Output<string>;
  /** Names of the graph's components (frontend first). */
  readonly componentNames: pulumi.Output<string[]>;

  constructor(name: string, args: HaGraphArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:k8s:DynamoGraph", name, {}, opts);
    const s = resolveHaGraphArgs(args);
    const labels = args.labels ?? {};
    const dependsOn = childDependsOn(opts);
    const obj = graphObject(s, args.placement, args.storage ?? NO_GRAPH_STORAGE, labels);

    // The DGD's kind exists only once its CRD does; dependsOn orders it after the CRD resources of
    // this program, and the provider treats a kind whose CRD is pending in the same update as
    // creatable during preview.
    const graph = new CustomResource(`${name}-dgd`, obj as CustomResourceArgs, { parent: this, dependsOn });

    // PDBs only need the namespace; created beside the graph so drains are bounded from the first pod.
    const pdbs = s.components.map(
      (c) => new policyv1.PodDisruptionBudget(`${name}-pdb-${c.name.toLowerCase()}`, componentPdb(s.name, s.namespace, c.name, labels), { parent: this, dependsOn }),
    );
    children.set(this, { graph, pdbs });
    this.graphName = pulumi.output(s.name);
    this.namespace = pulumi.output(s.namespace);
    this.componentNames = pulumi.output(s.components.map((c) => c.name));
    this.registerOutputs({ graphName: s.name, namespace: s.namespace });
  }

  /** The DynamoGraphDeployment (TypeScript only). */
  get graph(): CustomResource {
    return children.get(this)!.graph;
  }

  /** One PodDisruptionBudget per component (TypeScript only). */
  get pdbs(): policyv1.PodDisruptionBudget[] {
    return children.get(this)!.pdbs;
  }
}
