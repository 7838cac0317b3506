// `npm run plan -- [--stack NAME] [--json] [--out DIR]`: the HA plan of a stack, offline.
// Exit codes: 0 ok; 1 invalid config or unknown stack (one line on stderr); 2 mandatory policy violations;
// 3 the policy pack could not run.
import "../compile-cache";
import * as path from "path";
import { writeKubernetesObjects } from "./out";
import { renderPlan } from "./render";
import { terminalSteps } from "./steps";
import { planForCommand, planJson } from "./run";
import { DEFAULT_STACK } from "./stack-file";

interface Args {
  stack: string;
  json: boolean;
  out?: string;
}

export function parseArgs(argv: string[]): Args {
  const a: Args = { stack: DEFAULT_STACK, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${arg}: needs a value`);
      return v;
    };
    if (arg === "--stack" || arg === "-s") a.stack = value();
    else if (arg.startsWith("--stack=")) a.stack = arg.slice(8);
    else if (arg === "--json") a.json = true;
    else if (arg === "--out") a.out = value();
    else if (arg.startsWith("--out=")) a.out = arg.slice(6);
    else throw new UsageError(`${arg}: unknown argument (allowed: --stack NAME, --json, --out DIR)`);
  }
  return a;
}

class UsageError extends Error {}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`plan: ${(e as Error).message}\n`);
    return 1;
  }
  const p = await planForCommand("plan", args.stack, terminalSteps());
  if (!p) return 1;
  if (args.out) {
    const files = writeKubernetesObjects(p.resources, args.out);
    if (!args.json) process.stderr.write(`wrote ${files.length} Kubernetes objects to ${path.resolve(args.out)}\n`);
  }
  process.stdout.write(args.json ? `${JSON.stringify(planJson(p), null, 2)}\n` : `${renderPlan(p)}\n`);
  if (p.policy.diagnostics.some((d) => d.level === "mandatory")) return 2;
  // A pack that cannot start must not pass for a clean one.
  if (!p.policy.ran) {
    process.stderr.write(`plan: the policy pack did not run: ${p.policy.error ?? "unknown reason"}\n`);
    return 3;
  }
  return 0;
}

// exitCode, not exit(): a large `--json` document written to a pipe must drain before the process ends.
main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`plan: internal error: ${(e as Error).stack ?? e}\n`);
    process.exit(70);
  },
);
