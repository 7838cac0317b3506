// `npm run preview|up|destroy -- -s <stack> [pulumi args]`: the Pulumi CLI with the pack attached.
// preview/up: `pulumi <verb> --stack <stack> --policy-pack policy --policy-pack-config policy/config/<env>.json …`
// destroy: `pulumi destroy --stack <stack> …` (the CLI has no policy flags on destroy; see docs/operations.md).
// Exit (docs/cli.md): Pulumi's own code; 1 for an unknown stack, invalid config or a pack that does not
// load; 2 for a bad command line (one line on stderr); 127 when `pulumi` is not on PATH.
import "../compile-cache";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError } from "../../components/core/config";
import { STACKS_DIR } from "../plan/stack-file";
import { asksForHelp, helpText, runMain } from "../cli/command";
import { EXIT } from "../cli/exit-codes";
import { carriesPack, deployCommand, PACK_DIR, packConfigPath, parseDeployArgs, pulumiArgv, UsageError, Verb, VERBS } from "./args";
import type { PackCheck } from "./pack-check";
import { stackFacts } from "./stack-facts";
import { KeptResource, keptLines, keptResources } from "./kept";
import { PROJECT_ROOT } from "../../stacks/project-root";

export interface DeployDeps {
  /** Project root: Pulumi runs here, so `policy` and `policy/config/…` resolve. @default the repository root */
  root?: string;
  /** @default STACKS_DIR */
  stacksDir?: string;
  /** Environment of the Pulumi process (its PATH finds `pulumi`). @default process.env */
  env?: NodeJS.ProcessEnv;
  /** @default checkPackLoads */
  checkPack?: PackCheck;
  /** Where the one-line errors go. @default process.stderr */
  err?: (line: string) => void;
  /** Where --help and the list of what destroy keeps go. @default process.stdout */
  out?: (text: string) => void;
  /** What destroy keeps, from the stack's plan. @default planKept */
  kept?: (stack: string, stacksDir: string) => Promise<KeptResource[]>;
}

/** The offline plan's protected and retained resources (the program, under the plan's mocks, no pack). */
async function planKept(stack: string, stacksDir: string): Promise<KeptResource[]> {
  const { plan } = await import("../plan/run");
  return keptResources((await plan(stack, { stacksDir, policy: false })).resources);
}

const ROOT = PROJECT_ROOT;

export async function runDeploy(verb: Verb, argv: readonly string[], d: DeployDeps = {}): Promise<number> {
  const root = d.root ?? ROOT;
  const err = d.err ?? ((l: string) => process.stderr.write(`${l}\n`));
  const out = d.out ?? ((t: string) => process.stdout.write(t));
  const dir = d.stacksDir ?? STACKS_DIR;
  if (asksForHelp(argv)) {
    out(helpText(deployCommand(verb, dir)));
    return EXIT.ok;
  }
  let args;
  let env: string;
  try {
    args = parseDeployArgs(argv, verb, dir);
    env = stackFacts(args.stack, dir).env;
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) {
      err(`${verb}: ${e.message}`);
      return e instanceof UsageError ? EXIT.usage : EXIT.failed;
    }
    throw e;
  }
  if (carriesPack(verb) && !fs.existsSync(path.join(root, packConfigPath(env)))) {
    err(`${verb}: missing policy pack config ${packConfigPath(env)} for dynamo-ha:env "${env}" of stack ${args.stack}`);
    return EXIT.failed;
  }
  if (verb === "up") {
    // The pack check loads the SDK's launcher and gRPC: only `up` needs them.
    const check = d.checkPack ?? (await import("./pack-check")).checkPackLoads;
    const why = await check(env, args.stack, path.join(root, PACK_DIR));
    if (why !== undefined) {
      err(`up: refusing to deploy ${args.stack}: the policy pack in policy/ does not load: ${why}`);
      return EXIT.failed;
    }
  }
  if (verb === "destroy") {
    // Informational: Pulumi enforces protect from the stack's state whatever this list says.
    try {
      out(`${keptLines(args.stack, await (d.kept ?? planKept)(args.stack, dir)).join("\n")}\n`);
    } catch (e) {
      err(`destroy: cannot list what ${args.stack} keeps (${String((e as Error).message ?? e).split("\n")[0]}); Pulumi still honours protect from the stack's state`);
    }
  }
  return runPulumi(pulumiArgv(verb, args.stack, env, args.extra), root, d.env ?? process.env, err);
}

function runPulumi(argv: string[], cwd: string, env: NodeJS.ProcessEnv, err: (l: string) => void): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn("pulumi", argv, { cwd, env, stdio: "inherit" });
    child.on("error", (e: NodeJS.ErrnoException) => {
      err(e.code === "ENOENT" ? `${argv[0]}: the pulumi CLI is not on PATH; run \`npm run doctor\`` : `${argv[0]}: cannot run pulumi: ${e.message}`);
      resolve(EXIT.noPulumi);
    });
    // A signal-terminated CLI exits like a shell would report it.
    child.on("exit", (code, signal) => resolve(code ?? 128 + (signal ? os.constants.signals[signal] : 0)));
  });
}

if (require.main === module) {
  const verb = process.argv[2] as Verb;
  if (!VERBS.includes(verb)) {
    process.stderr.write(`deploy: first argument must be one of ${VERBS.join(", ")}, got ${JSON.stringify(process.argv[2])}\n`);
    process.exit(EXIT.usage);
  }
  runMain(verb, runDeploy(verb, process.argv.slice(3)), { exit: true });
}
