// `npm run report -- --stack <stack> [--out report.html]`: the HA report page of a stack's offline plan.
// Exit: 0 written; 1 bad arguments, unknown stack or invalid config (one line on stderr).
import "../compile-cache";
import * as fs from "fs";
import * as path from "path";
import { terminalSteps } from "../plan/steps";
import { planForCommand } from "../plan/run";
import { DEFAULT_STACK } from "../plan/stack-file";
import { renderReport } from "./html";
import { reportModel } from "./model";

export interface ReportArgs {
  stack: string;
  out: string;
}

export function parseReportArgs(argv: readonly string[]): ReportArgs {
  const a: ReportArgs = { stack: DEFAULT_STACK, out: "report.html" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("-")) throw new Error(`${arg}: needs a value`);
      return v;
    };
    if (arg === "--stack" || arg === "-s") a.stack = value();
    else if (arg.startsWith("--stack=")) a.stack = arg.slice("--stack=".length);
    else if (arg === "--out") a.out = value();
    else if (arg.startsWith("--out=")) a.out = arg.slice("--out=".length);
    else throw new Error(`${arg}: unknown argument (allowed: --stack NAME, --out FILE)`);
  }
  return a;
}

async function main(argv: string[]): Promise<number> {
  let args: ReportArgs;
  try {
    args = parseReportArgs(argv);
  } catch (e) {
    process.stderr.write(`report: ${(e as Error).message}\n`);
    return 1;
  }
  const p = await planForCommand("report", args.stack, terminalSteps());
  if (!p) return 1;
  fs.writeFileSync(args.out, renderReport(reportModel(p)));
  process.stdout.write(`wrote ${path.resolve(args.out)}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`report: internal error: ${(e as Error).stack ?? e}\n`);
      process.exit(70);
    },
  );
}
