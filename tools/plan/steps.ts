// A line on stderr as each slow step starts (`planning eks-us-east-1…`, `policy pack…`), so a person at a
// terminal sees why they wait. Only on a terminal: logs and pipes stay as they were, and `--json` stdout
// is never touched.

export type StepReporter = (label: string) => void;

/** Writes `label…` lines to `stream` when it is a TTY; otherwise reports nothing. */
export function terminalSteps(stream: { isTTY?: boolean; write(s: string): unknown } = process.stderr): StepReporter {
  return stream.isTTY ? (label) => void stream.write(`${label}…\n`) : () => undefined;
}
