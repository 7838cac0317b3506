// Runs a Pulumi program under the SDK's runtime mocks and records every register request whole
// (options included), which `setMocks`' `newResource` alone does not see.
import * as pulumi from "@pulumi/pulumi";
import { untracePromises } from "./promise-traces";
import { plainProperties, ResourceRecord, SECRET_PLACEHOLDER, COMPUTED } from "./records";

// Internal SDK modules (stable for years; pinned SDK): the monitor the mocks installed, and the RPC drain.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as {
  getMonitor(): { registerResource(req: RegisterRequest, cb: unknown): unknown };
  waitForRPCs(): Promise<void>;
};

interface PropertyDeps {
  getUrnsList(): string[];
}
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProvider(): string;
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(cb: (v: PropertyDeps, k: string) => void): void };
  getIgnorechangesList(): string[];
  getObject(): { toJavaScript(): unknown } | undefined;
}

export interface CaptureMocks {
  /** Extra state for a resource (cloud-computed outputs a program needs), merged over its inputs. */
  state?(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> | undefined;
  /** Result of an invoke (data source); `undefined` means "echo the inputs". */
  call?(token: string, inputs: Record<string, unknown>): Record<string, unknown> | undefined;
}

export interface CaptureOptions {
  project: string;
  stack: string;
  organization?: string;
  /** Preview mode: cloud-computed values stay unknown, as in `pulumi preview`. Default true. */
  preview?: boolean;
  config: Record<string, string>;
  secretKeys?: string[];
  mocks?: CaptureMocks;
}

export interface Capture {
  resources: ResourceRecord[];
  /** Stack outputs, secrets hidden, unknowns as "<computed>". */
  outputs: Record<string, unknown>;
}

/**
 * The SDK's mock monitor names a resource by its parent's last type only (`Parent$Type`), while the engine
 * qualifies it by the whole chain (`Grandparent$Parent$Type`). The capture records the engine's URNs and
 * translates every URN the mock hands back (parents, providers, dependencies) through `engineUrn`.
 */
function urnNaming(stack: string, project: string) {
  const engine = new Map<string, string>();
  const prefix = `urn:pulumi:${stack}::${project}::`;
  const mockUrn = (parent: string, type: string, name: string) => `${prefix}${parent ? `${parent.split("::")[2].split("$").pop()}$` : ""}${type}::${name}`;
  const engineUrn = (mock: string) => engine.get(mock) ?? mock;
  return {
    engineUrn,
    /** A provider reference `urn::id` with the engine's URN. */
    providerRef: (ref: string) => {
      if (!ref) return ref;
      const i = ref.lastIndexOf("::");
      return `${engineUrn(ref.slice(0, i))}${ref.slice(i)}`;
    },
    register(parent: string, type: string, name: string): string {
      const urn = `${prefix}${parent ? `${engineUrn(parent).split("::")[2]}$` : ""}${type}::${name}`;
      engine.set(mockUrn(parent, type, name), urn);
      return urn;
    },
  };
}

async function resolveOutput(value: unknown): Promise<unknown> {
  const o = pulumi.output(value) as unknown as { isKnown: Promise<boolean>; isSecret: Promise<boolean> } & pulumi.Output<unknown>;
  if (!(await o.isKnown)) return COMPUTED;
  if (await o.isSecret) return SECRET_PLACEHOLDER;
  return new Promise((resolve) => o.apply((v) => resolve(plainProperties(v))));
}

/** Runs `program` under mocks with the given config; returns the captured records and outputs. */
export async function capture(program: () => Record<string, unknown>, o: CaptureOptions): Promise<Capture> {
  const records: ResourceRecord[] = [];
  const preview = o.preview ?? true;
  untracePromises();
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const extra = o.mocks?.state?.(args.type, args.name, args.inputs) ?? {};
        return { id: preview ? undefined : `${args.name}-id`, state: { ...args.inputs, ...extra } };
      },
      call(args) {
        return o.mocks?.call?.(args.token, args.inputs) ?? args.inputs;
      },
    },
    o.project,
    o.stack,
    preview,
    o.organization ?? "organization",
  );
  pulumi.runtime.setAllConfig(o.config, o.secretKeys ?? []);

  const monitor = settings.getMonitor();
  const register = monitor.registerResource.bind(monitor);
  const urns = urnNaming(o.stack, o.project);
  monitor.registerResource = (req: RegisterRequest, cb: unknown) => {
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((v, k) => {
      propertyDependencies[k] = v.getUrnsList().map(urns.engineUrn);
    });
    records.push({
      urn: urns.register(req.getParent(), req.getType(), req.getName()),
      type: req.getType(),
      name: req.getName(),
      parent: urns.engineUrn(req.getParent()),
      provider: urns.providerRef(req.getProvider()),
      custom: req.getCustom(),
      inputs: (plainProperties(req.getObject()?.toJavaScript() ?? {}) ?? {}) as Record<string, unknown>,
      protect: req.getProtect() === true,
      retainOnDelete: req.getRetainondelete() === true,
      dependsOn: req.getDependenciesList().map(urns.engineUrn),
      propertyDependencies,
      ignoreChanges: req.getIgnorechangesList(),
    });
    return register(req, cb);
  };

  const exported = program();
  await settings.waitForRPCs();
  const outputs: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(exported)) outputs[k] = await resolveOutput(v);
  await settings.waitForRPCs();
  return { resources: records, outputs };
}
