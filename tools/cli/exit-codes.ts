// The exit codes of every command, in one table: docs/cli.md prints it (generated), each --help lists
// the rows its command uses. Usage errors are 2 for every command, so the plan's mandatory policy
// violations have their own code (4) instead of sharing 2 with a mistyped flag.

export const EXIT = {
  ok: 0,
  /** The command ran and the answer is no: invalid config, unknown stack, a failed check or verdict. */
  failed: 1,
  /** Bad flags or values (one line on stderr); nothing was run. */
  usage: 2,
  /** plan: the policy pack could not run, so no verdict was reached. */
  packDidNotRun: 3,
  /** plan: the pack reported mandatory violations. */
  mandatory: 4,
  /** A bug: an unexpected exception (stack trace on stderr). */
  internal: 70,
  /** preview/up/destroy: the pulumi CLI is not on PATH. */
  noPulumi: 127,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface ExitCodeRow {
  code: number;
  meaning: string;
  /** The commands that use the code (for the table). */
  commands: string;
}

export const EXIT_CODES: readonly ExitCodeRow[] = [
  { code: EXIT.ok, meaning: "success: the plan is clean, the report or docs were written, doctor found nothing missing, verify passed", commands: "all" },
  {
    code: EXIT.failed,
    meaning: "the command ran and the answer is no: unknown stack or invalid stack config (one line naming the key), a doctor check missing, verify failed (threshold missed, fault did not land, interrupted), the pack does not load before `up`, generated docs are stale (`--check`)",
    commands: "all",
  },
  { code: EXIT.usage, meaning: "usage error: unknown flag, missing or bad value (one line on stderr); verify also for a preflight refusal (unknown context, no target, frontend unreachable). Nothing was run or injected", commands: "all" },
  { code: EXIT.packDidNotRun, meaning: "the policy pack could not run (no verdict)", commands: "plan" },
  { code: EXIT.mandatory, meaning: "mandatory policy violations (listed in the plan)", commands: "plan" },
  { code: EXIT.internal, meaning: "internal error (a bug: please report the stack trace)", commands: "all" },
  { code: EXIT.noPulumi, meaning: "the `pulumi` CLI is not on PATH", commands: "preview, up, destroy" },
  { code: -1, meaning: "any other code is Pulumi's own, passed through unchanged", commands: "preview, up, destroy" },
];

/** The table as Markdown (docs/cli.md). */
export function exitCodeTable(): string {
  const rows = EXIT_CODES.map((r) => `| ${r.code < 0 ? "other" : r.code} | ${r.meaning} | ${r.commands} |`);
  return ["| code | meaning | commands |", "| --- | --- | --- |", ...rows].join("\n");
}
