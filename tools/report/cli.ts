// `npm run report -- [-s NAME] [--out FILE]`: the HA report page of a stack's offline plan.
// Exit (docs/cli.md): 0 written; 1 unknown stack or invalid config; 2 usage (one line on stderr).
import "../compile-cache";
import * as fs from "fs";
import * as path from "path";
import { CommandLine, CommandSpec, parseCommandLine, runCommand, runMain } from "../cli/command";
import { EXIT } from "../cli/exit-codes";
import { stackOf, stackOption } from "../cli/stack";

export const REPORT_COMMAND: CommandSpec = {
  name: "report",
  summary: "the HA report page of a stack's offline plan: one self-contained HTML file (capacity per zone, zone and spot loss, PDB and spread coverage, policy results; for a global stack its regions joined: capacity after a region loss, RPO, RTO).",
  usage: ["npm run report -- [-s NAME] [--out FILE]"],
  options: {
    stack: stackOption({ required: false }),
    out: { type: "string", value: "FILE", help: "where to write the page (default report.html; a directory gets report.html inside it)" },
  },
  examples: ["npm run report                              # eks-us-east-1 → report.html", "npm run report -- -s aks-eastus2 --out aks.html"],
  exits: [
    [EXIT.ok, "the page was written (its path on stdout)"],
    [EXIT.failed, "unknown stack or invalid stack config"],
    [EXIT.usage, "bad flag or value"],
  ],
  notes: ["Reference: docs/plan.md#the-ha-report-page."],
};

export interface ReportArgs {
  stack: string;
  out: string;
}

export function reportArgs(cl: CommandLine): ReportArgs {
  return { stack: stackOf(cl.values, { required: false }), out: (cl.values.out as string | undefined) ?? "report.html" };
}

/** argv → arguments; throws a UsageError (one line) for a bad command line. */
export function parseReportArgs(argv: readonly string[]): ReportArgs {
  return reportArgs(parseCommandLine(REPORT_COMMAND, argv));
}

/** The page's path: `out` itself, or `report.html` inside it when it is a directory. */
export function reportFile(out: string): string {
  return fs.statSync(out, { throwIfNoEntry: false })?.isDirectory() ? path.join(out, "report.html") : out;
}

async function main(cl: CommandLine): Promise<number> {
  const args = reportArgs(cl);
  const file = reportFile(args.out);
  // Checked before the plan runs: a page that cannot be written should not cost a plan first.
  if (!fs.statSync(path.dirname(path.resolve(file)), { throwIfNoEntry: false })?.isDirectory()) {
    process.stderr.write(`report: --out: the directory of ${JSON.stringify(args.out)} does not exist\n`);
    return EXIT.failed;
  }
  // Loaded here, not at the top: `--help` and usage errors answer without loading the SDK.
  const [{ configErrorLine, plan, planForCommand }, { terminalSteps }, { renderReport }, { reportModel }, { drViewOf }] = await Promise.all([
    import("../plan/run"),
    import("../plan/steps"),
    import("./html"),
    import("./model"),
    import("./dr"),
  ]);
  const steps = terminalSteps();
  const p = await planForCommand("report", args.stack, steps);
  if (!p) return EXIT.failed;
  // A global stack's page joins its regions: each bundled regional stack is planned too (no pack).
  const dr = await drViewOf(p, (stack) => plan(stack, { policy: false, onStep: steps })).catch((e: unknown) => {
    const line = configErrorLine(e);
    if (line === undefined) throw e;
    process.stderr.write(`report: ${line}\n`);
    return undefined;
  });
  if (dr === undefined) return EXIT.failed;
  try {
    fs.writeFileSync(file, renderReport(reportModel(p, dr)));
  } catch (e) {
    process.stderr.write(`report: --out: cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return EXIT.failed;
  }
  process.stdout.write(`wrote ${path.resolve(file)}\n`);
  return EXIT.ok;
}

if (require.main === module) runMain("report", runCommand(REPORT_COMMAND, process.argv.slice(2), main), { exit: true });
