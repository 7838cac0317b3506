// Policy args built by hand, as pulumi/compliance-policies' unit-test helpers do, plus notApplicable and
// stackTags (required since @pulumi/policy 1.18/1.19). Props go through the SDK's unknown-checking
// proxy, as at run time.
import { PolicyResource, PolicyResourceOptions, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy, unknownCheckingProxy } from "@pulumi/policy";

export const UNKNOWN_WIRE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export class NotApplicable extends Error {}

const opts = (protect = false): PolicyResourceOptions => ({
  protect,
  ignoreChanges: [],
  aliases: [],
  additionalSecretOutputs: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
});

const notApplicable = (r?: string): never => {
  throw new NotApplicable(r);
};

export interface Res {
  type: string;
  name: string;
  props: Record<string, unknown>;
  protect?: boolean;
  propertyDependencies?: Record<string, string[]>;
}

export const urnOf = (type: string, name: string) => `urn:pulumi:t::dynamo-ha::${type}::${name}`;

export function resourceArgs(r: Res, config: object = {}): ResourceValidationArgs {
  const props = unknownCheckingProxy(r.props);
  return {
    type: r.type,
    props,
    urn: urnOf(r.type, r.name),
    name: r.name,
    opts: opts(r.protect),
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => config as T,
    notApplicable,
  } as ResourceValidationArgs;
}

export function stackArgs(rs: Res[], config: object = {}): StackValidationArgs {
  const resources: PolicyResource[] = rs.map((r) => ({
    type: r.type,
    name: r.name,
    urn: urnOf(r.type, r.name),
    props: unknownCheckingProxy(r.props),
    opts: opts(r.protect),
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  })) as unknown as PolicyResource[];
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  rs.forEach((r, i) => {
    for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
      (resources[i].propertyDependencies as Record<string, PolicyResource[]>)[k] = urns.map((u) => byUrn.get(u)!).filter(Boolean);
    }
  });
  return { resources, stackTags: new Map(), getConfig: <T extends object>() => config as T, notApplicable };
}

export async function runResource(p: ResourceValidationPolicy, r: Res, config: object = {}): Promise<string[]> {
  const out: string[] = [];
  const fns = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource!];
  for (const f of fns) await f(resourceArgs(r, config), (m) => out.push(m));
  return out;
}

export async function runStack(p: StackValidationPolicy, rs: Res[], config: object = {}): Promise<{ message: string; urn?: string }[]> {
  const out: { message: string; urn?: string }[] = [];
  await p.validateStack(stackArgs(rs, config), (message, urn) => out.push({ message, urn }));
  return out;
}
