// A component's `opts.dependsOn` orders the component itself, not its children: the SDK passes only
// providers and `protect` from a parent to its children (@pulumi/pulumi resource.ts, Resource
// constructor). Children that must wait too get the component's dependencies explicitly.
import * as pulumi from "@pulumi/pulumi";

type DependsOn = pulumi.ResourceOptions["dependsOn"];

/** The component's own `dependsOn` followed by `extra`, for a child's `dependsOn`. */
export function childDependsOn(opts: pulumi.ComponentResourceOptions | undefined, ...extra: pulumi.Resource[]): pulumi.Input<pulumi.Resource>[] {
  const own: DependsOn = opts?.dependsOn;
  if (own === undefined) return extra;
  // An Output or Promise of a list stays one entry: the SDK resolves nested lists of dependencies.
  const list = Array.isArray(own) ? own : [own as pulumi.Input<pulumi.Resource>];
  return [...list, ...extra];
}
