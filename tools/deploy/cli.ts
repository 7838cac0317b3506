// `npm run preview|up|destroy -- -s <stack> [pulumi args]`: the Pulumi CLI with the pack attached.
// preview/up: `pulumi <verb> --stack <stack> --policy-pack policy --policy-pack-config policy/config/<env>.json …`
// destroy: `pulumi destroy --stack <stack> …` (the CLI has no policy flags on destroy; see the README, "Deploying with the policy pack attached").
// Exit: Pulumi's own code; 1 for bad input or a pack that does not load (one line on stderr);
// 127 when `pulumi` is not on PATH.
import "../compile-cache";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError } from "../../components/core/config";
import { STACKS_DIR } from "../plan/stack-file";
import { carriesPack, PACK_DIR, packConfigPath, parseDeployArgs, pulumiArgv, UsageError, Verb, VERBS } from "./args";
import { checkPackLoads, PackCheck } from "./pack-check";
import { stackFacts } from "./stack-facts";
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
}

const ROOT = PROJECT_ROOT;

export async function runDeploy(verb: Verb, argv: readonly string[], d: DeployDeps = {}): Promise<number> {
  const root = d.root ?? ROOT;
  const err = d.err ?? ((l: string) => process.stderr.write(`${l}\n`));
  let args;
  let env: string;
  try {
    args = parseDeployArgs(argv);
    env = stackFacts(args.stack, d.stacksDir ?? STACKS_DIR).env;
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) {
      err(`${verb}: ${e.message}`);
      return 1;
    }
    throw e;
  }
  if (carriesPack(verb) && !fs.existsSync(path.join(root, packConfigPath(env)))) {
    err(`${verb}: missing policy pack config ${packConfigPath(env)} for dynamo-ha:env "${env}" of stack ${args.stack}`);
    return 1;
  }
  if (verb === "up") {
    const why = await (d.checkPack ?? checkPackLoads)(env, args.stack, path.join(root, PACK_DIR));
    if (why !== undefined) {
      err(`up: refusing to deploy ${args.stack}: the policy pack in policy/ does not load: ${why}`);
      return 1;
    }
  }
  return runPulumi(pulumiArgv(verb, args.stack, env, args.extra), root, d.env ?? process.env, err);
}

function runPulumi(argv: string[], cwd: string, env: NodeJS.ProcessEnv, err: (l: string) => void): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn("pulumi", argv, { cwd, env, stdio: "inherit" });
    child.on("error", (e: NodeJS.ErrnoException) => {
      err(e.code === "ENOENT" ? `${argv[0]}: the pulumi CLI is not on PATH; run \`npm run doctor\`` : `${argv[0]}: cannot run pulumi: ${e.message}`);
      resolve(127);
    });
    // A signal-terminated CLI exits like a shell would report it.
    child.on("exit", (code, signal) => resolve(code ?? 128 + (signal ? os.constants.signals[signal] : 0)));
  });
}

if (require.main === module) {
  const verb = process.argv[2] as Verb;
  if (!VERBS.includes(verb)) {
    process.stderr.write(`deploy: first argument must be one of ${VERBS.join(", ")}, got ${JSON.stringify(process.argv[2])}\n`);
    process.exit(1);
  }
  runDeploy(verb, process.argv.slice(3)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`${verb}: internal error: ${(e as Error).stack ?? e}\n`);
      process.exit(70);
    },
  );
}
