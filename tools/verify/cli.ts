// `npm run verify -- --url URL [--fault KIND] …`: drive load against a deployed frontend, inject one fault,
// judge the run. Exit codes: 0 pass; 1 fail (thresholds missed, fault did not land, or interrupted);
// 2 usage or preflight error (nothing was injected).
import "../compile-cache";
import { parseArgs, UsageError, USAGE, VerifyArgs } from "./args";
import { PreflightError, verify } from "./run";

async function main(argv: string[]): Promise<number> {
  let args: VerifyArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`verify: ${e.message}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
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
    const report = await verify(args, { signal: ac.signal });
    return report.verdict === "pass" ? 0 : 1;
  } catch (e) {
    if (!(e instanceof PreflightError)) throw e;
    process.stderr.write(`verify: ${e.message}\n`);
    return 2;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`verify: internal error: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
