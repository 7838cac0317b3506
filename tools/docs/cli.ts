// `npm run docs:config -- [--write | --check]`: the generated parts of docs/ (the configuration reference,
// the exit-code table). Exit (docs/cli.md): 0 printed, written or up to date; 1 stale (--check); 2 usage.
import "../compile-cache";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../../stacks/project-root";
import { CommandLine, CommandSpec, runCommand, runMain, UsageError } from "../cli/command";
import { EXIT } from "../cli/exit-codes";
import { configReference } from "./config-reference";
import { GENERATED_BLOCKS, regenerated } from "./generated";

export const DOCS_COMMAND: CommandSpec = {
  name: "docs",
  summary: "the generated parts of docs/: the configuration reference (from the config schema) and the exit-code table.",
  usage: ["npm run docs:config -- [--write | --check]"],
  options: {
    write: { type: "boolean", help: `rewrite the generated blocks in ${[...new Set(GENERATED_BLOCKS.map((b) => b.file))].join(", ")}` },
    check: { type: "boolean", help: "exit 1 when a generated block is stale (what the test checks)" },
  },
  examples: ["npm run docs:config                     # print the configuration reference", "npm run docs:config -- --write          # after changing the config schema or the exit codes"],
  exits: [
    [EXIT.ok, "printed, written, or up to date"],
    [EXIT.failed, "--check: a page is stale (named on stderr)"],
    [EXIT.usage, "bad flag"],
  ],
};

function main(cl: CommandLine): number {
  if (cl.values.write && cl.values.check) throw new UsageError("--write and --check: give one");
  if (!cl.values.write && !cl.values.check) {
    process.stdout.write(`${configReference()}\n`);
    return EXIT.ok;
  }
  const pages = regenerated(PROJECT_ROOT);
  const stale = [...pages].filter(([, p]) => p.now !== p.want).map(([f]) => f);
  if (cl.values.check) {
    for (const f of stale) process.stderr.write(`docs: ${f} is stale: run \`npm run docs:config -- --write\`\n`);
    return stale.length > 0 ? EXIT.failed : EXIT.ok;
  }
  for (const [f, p] of pages) if (p.now !== p.want) fs.writeFileSync(path.join(PROJECT_ROOT, f), p.want);
  process.stdout.write(stale.length > 0 ? `updated ${stale.join(", ")}\n` : "up to date\n");
  return EXIT.ok;
}

if (require.main === module) runMain("docs", runCommand(DOCS_COMMAND, process.argv.slice(2), main));
