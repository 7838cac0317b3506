// The offline plan: the real program, a stack file's config, the SDK's mocks, one capture.
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, PROJECT } from "../../components/core/config";
import { CapacityReport } from "../../components/core/sizing";
import { capture, CaptureMocks } from "./capture";
import { planMocks } from "./mocks";
import { PolicyReport, runPolicyPack } from "./policy";
import { ResourceRecord } from "./records";
import { loadStackFile, STACKS_DIR } from "./stack-file";
import { StepReporter } from "./steps";

export interface Plan {
  project: string;
  stack: string;
  resources: ResourceRecord[];
  outputs: Record<string, unknown>;
  capacity: CapacityReport | null;
  policy: PolicyReport;
}

export interface PlanOptions {
  stacksDir?: string;
  /** Run the policy pack over the capture (default true). */
  policy?: boolean;
  mocks?: CaptureMocks;
  /** The program to run; the real one unless a test passes another. */
  program?: () => Record<string, unknown>;
  /** Told as each slow step starts (default: nothing). */
  onStep?: StepReporter;
}

/**
 * Unwraps the one-line config error a program ends with (a RunError wrapping a ConfigError). A check
 * that runs on a resource input (the DR peer's outputs) reaches here with the SDK's
 * `error serializing property "<k>": ` prefixes (sdk/nodejs/runtime/rpc.ts serializeAllKeys): dropped.
 */
export function configErrorLine(e: unknown): string | undefined {
  if (e instanceof ConfigError) return e.message;
  if (pulumi.RunError.isInstance(e)) return (e as Error).message.replace(/^(error serializing property "[^"]*": )+/, "");
  return undefined;
}

function ignoreRunErrors(r: unknown): void {
  if (!pulumi.RunError.isInstance(r)) throw r;
}

/** How a command plans: the full plan with the pack unless told otherwise, config errors on stderr. */
export interface CommandPlanning {
  /** Makes the plan (default `plan(stack, { onStep })`: the real program, the bundled stacks, the pack). */
  plan?: (stack: string, onStep?: StepReporter) => Promise<Plan>;
  /** Where the config error line goes (default stderr). */
  err?: (text: string) => void;
}

/** Plans a stack for a command: a config problem becomes one line on stderr (`<command>: …`) and `undefined`. */
export async function planForCommand(command: string, stack: string, onStep?: StepReporter, o: CommandPlanning = {}): Promise<Plan | undefined> {
  // A check on a resource input rejects every input derived from it; the awaited capture reports
  // the first, and the others would end the process with a trace. The Pulumi runtime likewise reports
  // a RunError once (sdk/nodejs/cmd/run/run.ts, uncaught handler); other rejections still crash. A
  // planner passed in (tests) runs in a process that keeps its own rejection handling.
  if (!o.plan && !process.listeners("unhandledRejection").includes(ignoreRunErrors)) process.on("unhandledRejection", ignoreRunErrors);
  try {
    return await (o.plan ?? ((s, step) => plan(s, { onStep: step })))(stack, onStep);
  } catch (e) {
    const line = configErrorLine(e);
    if (line === undefined) throw e;
    (o.err ?? ((t) => process.stderr.write(t)))(`${command}: ${line}\n`);
    return undefined;
  }
}

export async function plan(stack: string, o: PlanOptions = {}): Promise<Plan> {
  const file = loadStackFile(stack, o.stacksDir ?? STACKS_DIR);
  o.onStep?.(`planning ${stack}`);
  // Loaded late: the program's modules register nothing at import, but keep the SDK state ours.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const program = o.program ?? (require("../../stacks/main") as typeof import("../../stacks/main")).runProgram;
  const cap = await capture(program, { project: PROJECT, stack, config: file.config, secretKeys: file.secretKeys, mocks: o.mocks ?? planMocks });
  const env = typeof cap.outputs.env === "string" ? cap.outputs.env : "prod";
  if (o.policy !== false) o.onStep?.("policy pack");
  const policy = o.policy === false ? { pack: "", ran: false, diagnostics: [] } : await runPolicyPack(cap.resources, { env, project: PROJECT, stack });
  const capacity = (cap.outputs.capacity ?? null) as CapacityReport | null;
  return { project: PROJECT, stack, resources: cap.resources, outputs: cap.outputs, capacity: capacity && typeof capacity === "object" ? capacity : null, policy };
}

/** The `--json` document. Key names are a stable interface. */
export function planJson(p: Plan): object {
  return {
    project: p.project,
    stack: p.stack,
    resources: p.resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent,
      provider: r.provider,
      inputs: r.inputs,
      protect: r.protect,
      retainOnDelete: r.retainOnDelete,
      dependsOn: r.dependsOn,
      propertyDependencies: r.propertyDependencies,
    })),
    capacity: p.capacity,
    policy: { pack: p.policy.pack, diagnostics: p.policy.diagnostics },
    outputs: p.outputs,
  };
}
