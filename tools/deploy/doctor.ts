// `npm run doctor -- [-s NAME] [--deployed]`: is this checkout and machine ready for the stack?
// Pre-deploy (default): toolchain, compiled program and pack, stack config, the pack loads; what only the
// deploy needs (Pulumi CLI, login, cloud credentials) is a hint. `--deployed` requires those too and adds
// the cluster: a kubeconfig context, with the exact command that writes one.
// One line per piece: "ok: …" / "hint: …" on stdout, "missing: … ; how to fix" on stderr.
// Exit (docs/cli.md): 0 nothing missing; 1 something missing or an unknown stack; 2 usage.
import "../compile-cache";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError } from "../../components/core/config";
import { PROJECT_ROOT } from "../../stacks/project-root";
import { CommandLine, CommandSpec, runCommand, runMain } from "../cli/command";
import { EXIT } from "../cli/exit-codes";
import { stackOf, stackOption } from "../cli/stack";
import { loadStackFile, STACKS_DIR } from "../plan/stack-file";
import { PACK_DIR } from "./args";
import { Checkout, doctor, DoctorTarget, formatFinding, Phase, Probe } from "./doctor-checks";
import type { PackCheck } from "./pack-check";
import { stackFacts, validatedStack } from "./stack-facts";

/** The CLI must be at least as new as the SDK the program pins: the SDK speaks the engine protocol of its release. */
export const MIN_PULUMI_CLI: string = JSON.parse(fs.readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")).version;

export const DOCTOR_COMMAND: CommandSpec = {
  name: "doctor",
  summary: "is this checkout and machine ready for the stack? One line per piece: ok, hint (needed only to deploy), missing.",
  usage: ["npm run doctor -- [-s NAME] [--deployed]"],
  options: {
    stack: stackOption({ required: false }),
    deployed: { type: "boolean", help: "after `npm run up`: require the Pulumi CLI, login and credentials, and check the cluster's kubeconfig" },
  },
  examples: [
    "npm run doctor                              # before the first deploy: passes on a fresh clone",
    "npm run doctor -- -s aks-eastus2 --deployed # after npm run up: kubeconfig for the AKS cluster",
  ],
  exits: [
    [EXIT.ok, "nothing missing (hints may remain)"],
    [EXIT.failed, "something missing (each on stderr with how to fix it), or an unknown stack"],
    [EXIT.usage, "bad flag or value"],
  ],
  notes: [
    "Before the first deploy: Node, the compiled program and pack, the stack config, the pack loads (the Pulumi CLI, backend login and cloud credentials are hints).",
    "--deployed: those become required, plus a kubeconfig context for the stack's cluster (the message prints `aws eks update-kubeconfig …` / `az aks get-credentials …` for it). Reference: docs/operations.md.",
  ],
};

export const machineProbe: Probe = {
  env: process.env,
  home: os.homedir(),
  run(cmd, args, env) {
    const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 30_000, stdio: ["ignore", "pipe", "pipe"], env: env ? { ...process.env, ...env } : process.env });
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
  read(file) {
    try {
      return fs.readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
  },
};

/** The newest .ts source of the program (what dist/ is built from), relative to the root. */
function newestSource(root: string): { file: string; mtime: number } | undefined {
  let best: { file: string; mtime: number } | undefined;
  const visit = (rel: string) => {
    const abs = path.join(root, rel);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const e of fs.readdirSync(abs)) visit(path.join(rel, e));
    else if (rel.endsWith(".ts") && !rel.endsWith(".d.ts") && (!best || st.mtimeMs > best.mtime)) best = { file: rel, mtime: st.mtimeMs };
  };
  for (const r of ["index.ts", "components", "stacks", path.join("policy", "index.ts"), path.join("policy", "lib")]) visit(r);
  return best;
}

function mtime(file: string): number | undefined {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

export interface DoctorDeps {
  root?: string;
  stacksDir?: string;
  probe?: Probe;
  checkPack?: PackCheck;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/** Gathers the checkout's state and the findings; prints them; returns the exit code. */
export async function runDoctor(stack: string, phase: Phase, d: DoctorDeps = {}): Promise<number> {
  const root = d.root ?? PROJECT_ROOT;
  const dir = d.stacksDir ?? STACKS_DIR;
  const out = d.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = d.err ?? ((l: string) => process.stderr.write(`${l}\n`));
  try {
    loadStackFile(stack, dir);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    err(`doctor: ${e.message}`);
    return EXIT.failed;
  }
  const program = mtime(path.join(root, "dist", "index.js"));
  const c: Checkout = { program: program !== undefined, pack: fs.existsSync(path.join(root, PACK_DIR, "dist", "index.js")) };
  // An incremental build rewrites only changed outputs; its build info is written on every build that did work.
  const built = Math.max(program ?? 0, mtime(path.join(root, "dist", ".tsbuildinfo")) ?? 0);
  const src = newestSource(root);
  if (program !== undefined && src && src.mtime > built) c.newerSource = src.file;
  let target: DoctorTarget;
  try {
    const v = validatedStack(stack, dir);
    target = v;
    const where = v.cluster ? `, ${v.cloud} ${v.cluster.region}, cluster ${v.cluster.name}` : v.cloud ? `, ${v.cloud}` : "";
    c.configSummary = `${v.kind}, env ${v.env}${where}`;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    c.configError = e.message;
    try {
      target = stackFacts(stack, dir);
    } catch {
      target = { stack, kind: "regional" };
    }
  }
  if (!c.configError && c.program && c.pack) {
    const env = "env" in target ? (target as { env: string }).env : "prod";
    const check = d.checkPack ?? (await import("./pack-check")).checkPackLoads;
    c.packError = await check(env, stack, path.join(root, PACK_DIR));
  }
  const findings = doctor(target, d.probe ?? machineProbe, MIN_PULUMI_CLI, phase, c);
  for (const f of findings) (f.status === "missing" ? err : out)(formatFinding(f));
  return findings.some((f) => f.status === "missing") ? EXIT.failed : EXIT.ok;
}

function main(cl: CommandLine): Promise<number> {
  return runDoctor(stackOf(cl.values, { required: false }), cl.values.deployed === true ? "deployed" : "pre-deploy");
}

if (require.main === module) runMain("doctor", runCommand(DOCTOR_COMMAND, process.argv.slice(2), main), { exit: true });
