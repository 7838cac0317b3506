// One command-line shape for every command (plan, report, verify, preview/up/destroy, doctor, docs):
// Node's util.parseArgs underneath, `-h/--help` with a synopsis and examples, one-line usage errors
// (exit 2), and the same rules everywhere: a value given as the next argument may not start with "-"
// (write `--flag=-x`), a flag may be given once, a boolean flag takes no value.
import { parseArgs } from "util";
import { EXIT, ExitCode } from "./exit-codes";

/** A bad command line: the command prints `<name>: <message>` on one line and exits 2. */
export class UsageError extends Error {}

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** Placeholder of the value in help, e.g. NAME. @default VALUE */
  value?: string;
  /** One line for help. */
  help: string;
}

export interface CommandSpec {
  /** What error lines start with, e.g. "plan". */
  name: string;
  /** One sentence: what the command does. */
  summary: string;
  /** The command line after "usage: ", one or more lines. */
  usage: readonly string[];
  options: Readonly<Record<string, OptionSpec>>;
  /** Command lines with an optional trailing `# comment`. */
  examples: readonly string[];
  /** The exit codes this command uses, with what each means here. */
  exits: readonly (readonly [ExitCode, string])[];
  /** Extra paragraphs after the options (notes, where to read more). */
  notes?: readonly string[];
  /** Unknown flags and positionals are kept, in order, in `rest` (the deploy wrappers pass them to Pulumi). */
  passThrough?: boolean;
}

export type Values = Record<string, string | boolean | undefined>;

export interface CommandLine {
  values: Values;
  /** With passThrough: every argument the command does not own, unchanged and in order. */
  rest: string[];
  help: boolean;
}

const HELP: OptionSpec = { type: "boolean", short: "h", help: "show this help and exit" };

function withHelp(spec: CommandSpec): Record<string, OptionSpec> {
  return { ...spec.options, help: HELP };
}

/** Whether argv asks for help (before anything else is judged: `--help` always works). */
export function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === "-h" || a === "--help");
}

export function parseCommandLine(spec: CommandSpec, argv: readonly string[]): CommandLine {
  const options = withHelp(spec);
  const { tokens } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(Object.entries(options).map(([k, o]) => [k, { type: o.type, ...(o.short ? { short: o.short } : {}) }])),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Values = {};
  const consumed = new Set<number>();
  for (const t of tokens) {
    if (t.kind === "option-terminator") {
      if (!spec.passThrough) throw new UsageError("--: unexpected argument (no positional arguments)");
      continue;
    }
    if (t.kind === "positional") {
      if (!spec.passThrough) throw new UsageError(`${t.value}: unexpected argument (flags start with - or --)`);
      continue;
    }
    const o = options[t.name];
    if (!o || (t.rawName.startsWith("--") ? false : o.short !== t.rawName.slice(1))) {
      if (spec.passThrough) continue;
      throw new UsageError(`${t.rawName}: unknown flag (see --help)`);
    }
    // A short flag inside a group (`-ys`) cannot be passed through apart from its neighbours.
    if (spec.passThrough && !t.rawName.startsWith("--") && !argv[t.index].startsWith(t.rawName)) {
      throw new UsageError(`${argv[t.index]}: give ${t.rawName} on its own`);
    }
    if (values[t.name] !== undefined) throw new UsageError(`${t.rawName}: given twice`);
    consumed.add(t.index);
    if (o.type === "boolean") {
      if (t.value !== undefined) throw new UsageError(`${t.rawName}: takes no value, got ${t.value}`);
      values[t.name] = true;
      continue;
    }
    if (t.value === undefined || t.value === "" || (!t.inlineValue && t.value.startsWith("-"))) {
      throw new UsageError(`${t.rawName}: needs a value`);
    }
    if (!t.inlineValue && argv[t.index] === t.rawName) consumed.add(t.index + 1);
    values[t.name] = t.value;
  }
  const rest = spec.passThrough ? argv.filter((_, i) => !consumed.has(i)) : [];
  return { values, rest, help: values.help === true };
}

function column(rows: readonly (readonly [string, string])[], indent = "  "): string[] {
  const w = Math.max(...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `${indent}${a.padEnd(w)}  ${b}`.trimEnd());
}

export function helpText(spec: CommandSpec): string {
  const opts = Object.entries(withHelp(spec)).map(([k, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : "    "}--${k}${o.type === "string" ? ` ${o.value ?? "VALUE"}` : ""}`;
    return [flag, o.help] as const;
  });
  const lines = [
    `${spec.name}: ${spec.summary}`,
    "",
    ...spec.usage.map((u, i) => `${i === 0 ? "usage: " : "       "}${u}`),
    "",
    "options:",
    ...column(opts),
    ...(spec.notes ?? []).flatMap((n) => ["", n]),
    "",
    "examples:",
    ...spec.examples.map((e) => `  ${e}`),
    "",
    "exit codes (every command: docs/cli.md):",
    ...column(spec.exits.map(([c, m]) => [String(c), m] as const)),
  ];
  return `${lines.join("\n")}\n`;
}

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processIo: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/**
 * Parses argv against the spec and runs `main`. `--help` prints the help (exit 0); a UsageError, from the
 * parser or from `main`, prints one line (exit 2).
 */
export async function runCommand(
  spec: CommandSpec,
  argv: readonly string[],
  main: (cl: CommandLine) => Promise<number> | number,
  io: CliIo = processIo,
): Promise<number> {
  if (asksForHelp(argv)) {
    io.out(helpText(spec));
    return EXIT.ok;
  }
  try {
    return await main(parseCommandLine(spec, argv));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`${spec.name}: ${e.message}\n`);
    return EXIT.usage;
  }
}

/**
 * The process entry of a command: runs it and ends with its code. exitCode, not exit(), so a large
 * stdout written to a pipe drains first; `exit: true` for commands whose handles would keep Node alive.
 * An unexpected exception is an internal error (70) with its stack trace.
 */
export function runMain(name: string, run: Promise<number>, o: { exit?: boolean } = {}): void {
  run.then(
    (code) => {
      if (o.exit) process.exit(code);
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`${name}: internal error: ${(e as Error).stack ?? e}\n`);
      process.exit(EXIT.internal);
    },
  );
}
