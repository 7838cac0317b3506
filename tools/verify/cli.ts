// `npm run verify -- --url URL [--fault KIND] …`: drive load against a deployed frontend, inject one fault,
// judge the run. Exit codes (docs/cli.md): 0 pass; 1 fail (thresholds missed, fault did not land, or
// interrupted); 2 usage or preflight error (nothing was injected); 70 internal error.
import "../compile-cache";
import { CliIo, CommandLine, processIo, runCommand, runMain } from "../cli/command";
import { EXIT } from "../cli/exit-codes";
import { VERIFY_COMMAND, verifyArgs } from "./args";

/**
 * The command after its flags are parsed: the run's table on `io.out`, its progress and errors on
 * `io.err`. `signal` stops the run early (the process entry wires Ctrl-C to it); tests call this with
 * their own io and no signals.
 */
export async function verifyCommand(cl: CommandLine, io: CliIo = processIo, signal?: AbortSignal): Promise<number> {
  const args = verifyArgs(cl.values);
  // Loaded after the arguments are good: `--help` and usage errors answer without the Kubernetes client.
  const { PreflightError, verify } = await import("./run");
  try {
    const report = await verify(args, { signal, log: (l) => io.err(`${l}\n`), out: (t) => io.out(`${t}\n`) });
    return report.verdict === "pass" ? EXIT.ok : EXIT.failed;
  } catch (e) {
    if (!(e instanceof PreflightError)) throw e;
    io.err(`verify: ${e.message}\n`);
    return EXIT.usage;
  }
}

async function main(cl: CommandLine): Promise<number> {
  // Ctrl-C / SIGTERM stop the load and undo cordons before exiting; a second signal exits at once.
  const ac = new AbortController();
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    if (++signals > 1) {
      process.stderr.write(`verify: ${sig} again, exiting without waiting for cleanup\n`);
      process.exit(130);
    }
    process.stderr.write(`verify: ${sig}: stopping the load and cleaning up\n`);
    ac.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    return await verifyCommand(cl, processIo, ac.signal);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

if (require.main === module) runMain("verify", runCommand(VERIFY_COMMAND, process.argv.slice(2), main), { exit: true });
