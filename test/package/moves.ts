// The URN moves of the package refactor, documented: the AKS resources that sat at the stack root
// now live under the AzureRegion component, and the global stack's routing under GlobalRouting.
// Anything else that changes its URN fails the test.
export interface Moved {
  readonly type: string;
  /** The resource name, given the stack name. */
  readonly name: string;
}

export interface Move {
  /** The bundled stacks the move applies to. */
  readonly stacks: readonly string[];
  /** The stack whose register requests are read for the aliases (one per move is enough: same code). */
  readonly sample: string;
  readonly under: Moved;
  /** The resources that were at the stack root; their descendants move with them. */
  readonly roots: readonly Moved[];
}

const AKS_STACKS = ["aks-eastus2", "aks-westus3"];

function aksMove(stack: string): Move {
  const n = `dynamo-${stack}`;
  return {
    stacks: [stack],
    sample: stack,
    under: { type: "dynamo-ha:azure:Region", name: n },
    roots: [
      { type: "dynamo-ha:azure:Network", name: n },
      { type: "dynamo-ha:azure:Cluster", name: n },
      { type: "dynamo-ha:azure:GpuPools", name: `${n}-gpu` },
      { type: "pulumi:providers:kubernetes", name: `${n}-k8s` },
      { type: "dynamo-ha:azure:BlockStorageClass", name: `${n}-block` },
      { type: "kubernetes:core/v1:ConfigMap", name: `${n}-autoscaler-priorities` },
    ],
  };
}

/** The global stack's routing service component (and the StackReferences, which plans leave out). */
const globalMove: Move = {
  stacks: ["dr-global"],
  sample: "dr-global",
  under: { type: "dynamo-ha:global:GlobalRouting", name: "global" },
  roots: [{ type: "dynamo-ha:aws:Route53Routing", name: "global" }],
};

export const MOVES: readonly Move[] = [...AKS_STACKS.map(aksMove), globalMove];

/** Resources that did not exist before: the new parent components. */
export const NEW_COMPONENTS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(MOVES.map((m) => [m.sample, [m.under.type]]));

/**
 * The URN a resource has after the moves. A URN is `urn:pulumi:<stack>::<project>::<type chain>::<name>`,
 * the chain naming the types of its ancestors (`Parent$Child`). A moved root matches by type and name;
 * a descendant by the root type leading its chain (each moved component type is at the root once).
 * A provider reference (`<urn>::<id>`) keeps its id.
 */
export function movedUrn(stack: string, ref: string): string {
  const parts = ref.split("::");
  if (!ref.startsWith("urn:pulumi:") || parts.length < 4) return ref;
  const [head, project, chain, name, ...id] = parts;
  const types = chain.split("$");
  for (const m of MOVES) {
    if (!m.stacks.includes(stack)) continue;
    const hit = m.roots.some((r) => r.type === types[0] && (types.length === 1 ? r.name === name : !r.type.startsWith("pulumi:providers:")));
    if (hit) return [head, project, `${m.under.type}$${chain}`, name, ...id].join("::");
  }
  return ref;
}

/** The parent a moved root has now (its new component); any other resource keeps its (translated) parent. */
export function movedParent(stack: string, type: string, name: string, parent: string): string {
  if (parent !== "") return movedUrn(stack, parent);
  const m = MOVES.find((x) => x.stacks.includes(stack) && x.roots.some((r) => r.type === type && r.name === name));
  return m ? `urn:pulumi:${stack}::dynamo-ha::${m.under.type}::${m.under.name}` : "";
}
