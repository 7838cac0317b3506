// A component's `opts.dependsOn` orders the component itself, not its children: the SDK passes only
// providers and `protect` from a parent to its children (@pulumi/pulumi resource.ts, Resource
// constructor). The same rule as components/k8s/child-depends-on.ts, kept here because cloud modules
// import nothing from components/k8s (test/package/layering.spec.ts); both belong in components/core.
import * as pulumi from "@pulumi/pulumi";

/** The component's own `dependsOn` followed by `extra`, for a child's `dependsOn`. */
export function childDependsOn(opts: pulumi.ComponentResourceOptions | undefined, ...extra: pulumi.Resource[]): pulumi.Input<pulumi.Resource>[] {
  const own = opts?.dependsOn;
  if (own === undefined) return extra;
  // An Output or Promise of a list stays one entry: the SDK resolves nested lists of dependencies.
  const list = Array.isArray(own) ? own : [own as pulumi.Input<pulumi.Resource>];
  return [...list, ...extra];
}
