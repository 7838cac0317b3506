// The Pulumi command lines behind `npm run preview|up|destroy -- -s <stack> [pulumi args]`.
// Pure: argv in, argv out, so tests can assert exactly what the wrappers run.
import { CommandSpec, parseCommandLine, UsageError } from "../cli/command";
import { EXIT } from "../cli/exit-codes";
import { stackOf, stackOption } from "../cli/stack";

export { UsageError };

export const VERBS = ["preview", "up", "destroy"] as const;
export type Verb = (typeof VERBS)[number];

/** The CrossGuard pack, relative to the project root (the wrappers run Pulumi there). */
export const PACK_DIR = "policy";

/** The pack config for an environment, relative to the project root. */
export function packConfigPath(env: string): string {
  return `${PACK_DIR}/config/${env}.json`;
}

/** Whether a verb carries the pack: `pulumi destroy` has no `--policy-pack` flags (it would fail on them). */
export function carriesPack(verb: Verb): boolean {
  return verb !== "destroy";
}

const PULUMI_RUNS: Readonly<Record<Verb, string>> = {
  preview: "pulumi preview --stack NAME --policy-pack policy --policy-pack-config policy/config/<env>.json [ARGS]",
  up: "pulumi up --stack NAME --policy-pack policy --policy-pack-config policy/config/<env>.json [ARGS] (after checking that the pack loads)",
  destroy: "pulumi destroy --stack NAME [ARGS] (no policy flags: the CLI has none on destroy)",
};

/** The command line of one wrapper: `-s` is required, everything the wrapper does not own goes to Pulumi. */
export function deployCommand(verb: Verb, dir?: string): CommandSpec {
  return {
    name: verb,
    summary: `\`pulumi ${verb}\` of one stack${carriesPack(verb) ? " with the CrossGuard pack attached and its env's pack config" : ""}, from the project root.`,
    usage: [`npm run ${verb} -- -s NAME [ARGS for pulumi ${verb}]`],
    options: { stack: stackOption({ required: true, dir }) },
    passThrough: true,
    examples: [
      `npm run ${verb} -- -s eks-us-east-1${verb === "preview" ? " --diff" : verb === "up" ? " --yes" : ""}`,
      `npm run ${verb} -- -s aks-eastus2`,
    ],
    exits: [
      [EXIT.ok, `pulumi ${verb} succeeded`],
      [EXIT.failed, `unknown stack, invalid config, a missing policy/config/<env>.json${verb === "up" ? ", or a pack that does not load" : ""} (pulumi is not run)`],
      [EXIT.usage, "no -s, or a flag the wrapper owns (--policy-pack-config)"],
      [EXIT.noPulumi, "the pulumi CLI is not on PATH"],
    ],
    notes: [
      `Runs: ${PULUMI_RUNS[verb]}.`,
      `Every other argument goes to Pulumi unchanged (\`pulumi ${verb} --help\` lists them); any other exit code is Pulumi's own.`,
      "Check the machine first: npm run doctor -- -s NAME. Reference: docs/operations.md.",
    ],
  };
}

export interface DeployArgs {
  stack: string;
  /** Everything else, passed to Pulumi unchanged and after the wrapper's own flags. */
  extra: string[];
}

/** Flags the wrapper owns: a second value would silently change which config the pack judges with. */
const OWNED = ["--policy-pack-config"];

export function parseDeployArgs(argv: readonly string[], verb: Verb = "preview", dir?: string): DeployArgs {
  const cl = parseCommandLine(deployCommand(verb, dir), argv);
  const owned = cl.rest.find((arg) => OWNED.some((f) => arg === f || arg.startsWith(`${f}=`)));
  if (owned) throw new UsageError(`${owned.split("=")[0]}: set by the wrapper from dynamo-ha:env; change the stack's env instead`);
  return { stack: stackOf(cl.values, { required: true, dir }), extra: cl.rest };
}

/** The argv after `pulumi`: the verb, the stack, the pack and its env's config (unless destroy), then the user's flags. */
export function pulumiArgv(verb: Verb, stack: string, env: string, extra: readonly string[] = []): string[] {
  const pack = carriesPack(verb) ? ["--policy-pack", PACK_DIR, "--policy-pack-config", packConfigPath(env)] : [];
  return [verb, "--stack", stack, ...pack, ...extra];
}
