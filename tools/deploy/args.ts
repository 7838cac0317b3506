// The Pulumi command lines behind `npm run preview|up|destroy -- -s <stack> [pulumi args]`.
// Pure: argv in, argv out, so tests can assert exactly what the wrappers run.

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

export class UsageError extends Error {}

export interface DeployArgs {
  stack: string;
  /** Everything else, passed to Pulumi unchanged and after the wrapper's own flags. */
  extra: string[];
}

/** Flags the wrapper owns: a second value would silently change which config the pack judges with. */
const OWNED = ["--policy-pack-config"];

export function parseDeployArgs(argv: readonly string[]): DeployArgs {
  let stack: string | undefined;
  const extra: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-s" || arg === "--stack") {
      const v = argv[++i];
      if (v === undefined || v.startsWith("-")) throw new UsageError(`${arg}: needs a stack name`);
      stack = v;
    } else if (arg.startsWith("--stack=")) {
      stack = arg.slice("--stack=".length);
    } else if (OWNED.some((f) => arg === f || arg.startsWith(`${f}=`))) {
      throw new UsageError(`${arg.split("=")[0]}: set by the wrapper from dynamo-ha:env; change the stack's env instead`);
    } else {
      extra.push(arg);
    }
  }
  if (!stack) throw new UsageError("-s <stack> is required (a stack file stacks/Pulumi.<stack>.yaml)");
  return { stack, extra };
}

/** The argv after `pulumi`: the verb, the stack, the pack and its env's config (unless destroy), then the user's flags. */
export function pulumiArgv(verb: Verb, stack: string, env: string, extra: readonly string[] = []): string[] {
  const pack = carriesPack(verb) ? ["--policy-pack", PACK_DIR, "--policy-pack-config", packConfigPath(env)] : [];
  return [verb, "--stack", stack, ...pack, ...extra];
}
