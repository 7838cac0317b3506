// `npm run plan -- [-s NAME] [--json] [--out DIR]`: the HA plan of a stack, offline.
// Exit codes (docs/cli.md): 0 clean; 1 invalid config or unknown stack (one line on stderr); 2 usage;
// 3 the policy pack could not run; 4 mandatory policy violations.
import "../compile-cache";
import * as path from "path";
import { CliIo, CommandLine, CommandSpec, processIo, runCommand, runMain } from "../cli/command";
import { EXIT } from "../cli/exit-codes";
import { stackOf, stackOption } from "../cli/stack";
import type { CommandPlanning } from "./run";

export const PLAN_COMMAND: CommandSpec = {
  name: "plan",
  summary: "the HA plan of a stack, offline: resources, per-zone GPU capacity and the policy pack's results (no cloud, no Pulumi CLI).",
  usage: ["npm run plan -- [-s NAME] [--json] [--out DIR]"],
  options: {
    stack: stackOption({ required: false }),
    json: { type: "boolean", help: "print one JSON document (stable keys) instead of the human plan" },
    out: { type: "string", value: "DIR", help: "also write every Kubernetes object the program declares, one YAML file each" },
  },
  examples: [
    "npm run plan                                # the default stack, eks-us-east-1",
    "npm run plan -- -s aks-eastus2 --json > plan.json",
    "npm run plan -- -s dr-global                # the global DR stack's routing and failover estimate",
  ],
  exits: [
    [EXIT.ok, "the plan is clean"],
    [EXIT.failed, "unknown stack or invalid stack config (one line naming the key)"],
    [EXIT.usage, "bad flag or value"],
    [EXIT.packDidNotRun, "the policy pack could not run"],
    [EXIT.mandatory, "mandatory policy violations"],
  ],
  notes: ["Reference: docs/plan.md."],
};

/**
 * The command after its flags are parsed. `o` is for tests: they plan through their own pack and stacks
 * folder and read what would be printed; the process entry passes nothing.
 */
export async function planCommand(cl: CommandLine, o: CommandPlanning & { io?: CliIo } = {}): Promise<number> {
  const io = o.io ?? processIo;
  const stack = stackOf(cl.values, { required: false });
  const json = cl.values.json === true;
  const out = cl.values.out as string | undefined;
  // Loaded here, not at the top: `--help` and usage errors answer without loading the SDK.
  const [{ planForCommand, planJson }, { renderPlan }, { terminalSteps }, { writeKubernetesObjects }] = await Promise.all([
    import("./run"),
    import("./render"),
    import("./steps"),
    import("./out"),
  ]);
  const p = await planForCommand("plan", stack, terminalSteps(), { plan: o.plan, err: io.err });
  if (!p) return EXIT.failed;
  if (out) {
    const files = writeKubernetesObjects(p.resources, out);
    if (!json) io.err(`wrote ${files.length} Kubernetes objects to ${path.resolve(out)}\n`);
  }
  io.out(json ? `${JSON.stringify(planJson(p), null, 2)}\n` : `${renderPlan(p)}\n`);
  if (p.policy.diagnostics.some((d) => d.level === "mandatory")) return EXIT.mandatory;
  // A pack that cannot start must not pass for a clean one.
  if (!p.policy.ran) {
    io.err(`plan: the policy pack did not run: ${p.policy.error ?? "unknown reason"}\n`);
    return EXIT.packDidNotRun;
  }
  return EXIT.ok;
}

// exitCode, not exit(): a large `--json` document written to a pipe must drain before the process ends.
if (require.main === module) runMain("plan", runCommand(PLAN_COMMAND, process.argv.slice(2), (cl) => planCommand(cl)));
