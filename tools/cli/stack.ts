// The stack rule of every command: `-s/--stack NAME` names stacks/Pulumi.<NAME>.yaml. Offline commands
// (plan, report, doctor) default to DEFAULT_STACK and say so in --help; the deploy wrappers require it.
// An unknown stack is a config error (exit 1) that lists the bundled stacks (tools/plan/stack-file.ts).
import { bundledStacks, DEFAULT_STACK, STACKS_DIR } from "../plan/stack-file";
import { OptionSpec, UsageError, Values } from "./command";

function bundled(dir: string): string {
  return bundledStacks(dir).join(", ") || "none";
}

export function stackOption(o: { required: boolean; dir?: string }): OptionSpec {
  const dir = o.dir ?? STACKS_DIR;
  const which = o.required ? "required" : `default ${DEFAULT_STACK}`;
  return { type: "string", short: "s", value: "NAME", help: `stack file stacks/Pulumi.<NAME>.yaml (${which}; bundled: ${bundled(dir)})` };
}

/** The stack a command works on: the flag, else the default, else (required) a usage error naming the bundled stacks. */
export function stackOf(values: Values, o: { required: boolean; dir?: string }): string {
  const s = values.stack;
  if (typeof s === "string") return s;
  if (o.required) throw new UsageError(`-s/--stack: required: which stack? (bundled: ${bundled(o.dir ?? STACKS_DIR)})`);
  return DEFAULT_STACK;
}
