// `npm run doctor [-- -s <stack>]`: is this machine ready to deploy the stack for real?
// One line per piece: "ok: …" on stdout, "missing: … ; how to fix" on stderr. Exit 1 when anything is missing.
import "../compile-cache";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import { ConfigError } from "../../components/core/config";
import { DEFAULT_STACK } from "../plan/stack-file";
import { parseDeployArgs, UsageError } from "./args";
import { doctor, formatFinding, Probe } from "./doctor-checks";
import { stackFacts } from "./stack-facts";

/** The CLI must be at least as new as the SDK the program pins: the SDK speaks the engine protocol of its release. */
export const MIN_PULUMI_CLI: string = JSON.parse(fs.readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")).version;

export const machineProbe: Probe = {
  env: process.env,
  home: os.homedir(),
  run(cmd, args) {
    const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 30_000, stdio: ["ignore", "pipe", "pipe"] });
    const missing = (r.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
    return { found: !missing, code: r.status ?? 1, stdout: r.stdout ?? "", stderr: r.stderr ?? (r.error ? r.error.message : "") };
  },
  readable(file) {
    try {
      fs.accessSync(file, fs.constants.R_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  },
};

function main(argv: string[]): number {
  let facts;
  try {
    const parsed = argv.length === 0 ? { stack: DEFAULT_STACK, extra: [] } : parseDeployArgs(argv);
    if (parsed.extra.length > 0) throw new UsageError(`${parsed.extra[0]}: unknown argument (allowed: -s <stack>)`);
    const stack = parsed.stack;
    facts = stackFacts(stack);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) {
      process.stderr.write(`doctor: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const findings = doctor(facts, machineProbe, MIN_PULUMI_CLI);
  for (const f of findings) (f.ok ? process.stdout : process.stderr).write(`${formatFinding(f)}\n`);
  return findings.every((f) => f.ok) ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
