// The one command-line layer: parsing rules, help, exit codes, and every command's spec held to them.
import * as assert from "assert";
import { CommandSpec, helpText, parseCommandLine, runCommand, UsageError } from "../../tools/cli/command";
import { EXIT, EXIT_CODES, exitCodeTable } from "../../tools/cli/exit-codes";
import { stackOf } from "../../tools/cli/stack";
import { deployCommand, VERBS } from "../../tools/deploy/args";
import { DOCTOR_COMMAND } from "../../tools/deploy/doctor";
import { DOCS_COMMAND } from "../../tools/docs/cli";
import { PLAN_COMMAND } from "../../tools/plan/cli";
import { DEFAULT_STACK } from "../../tools/plan/stack-file";
import { REPORT_COMMAND } from "../../tools/report/cli";
import { VERIFY_COMMAND } from "../../tools/verify/args";
import { DEMO_COMMAND } from "../../tools/verify/demo";

const SPEC: CommandSpec = {
  name: "t",
  summary: "a test command.",
  usage: ["t [--name N] [--flag]"],
  options: { name: { type: "string", short: "n", help: "a name" }, flag: { type: "boolean", help: "a flag" } },
  examples: ["t -n x"],
  exits: [[EXIT.ok, "ok"], [EXIT.usage, "usage"]],
};

function usage(argv: string[], spec = SPEC): string {
  try {
    parseCommandLine(spec, argv);
  } catch (e) {
    assert.ok(e instanceof UsageError, String(e));
    assert.ok(!e.message.includes("\n"));
    return e.message;
  }
  return assert.fail(`accepted ${argv.join(" ")}`);
}

async function run(spec: CommandSpec, argv: string[]) {
  let out = "";
  let err = "";
  let ran = false;
  const code = await runCommand(spec, argv, () => ((ran = true), 0), { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err, ran };
}

const COMMANDS: CommandSpec[] = [PLAN_COMMAND, REPORT_COMMAND, VERIFY_COMMAND, DEMO_COMMAND, DOCTOR_COMMAND, DOCS_COMMAND, ...VERBS.map((v) => deployCommand(v))];

describe("command line (tools/cli)", () => {
  it("parses long, short, inline and separate values", () => {
    assert.deepStrictEqual(parseCommandLine(SPEC, ["-n", "a", "--flag"]).values, { name: "a", flag: true });
    assert.deepStrictEqual(parseCommandLine(SPEC, ["--name=-a"]).values, { name: "-a" });
    assert.deepStrictEqual(parseCommandLine(SPEC, ["-nb"]).values, { name: "b" });
    assert.deepStrictEqual(parseCommandLine(SPEC, []).values, {});
  });

  it("bad command lines are one line naming the flag", () => {
    assert.strictEqual(usage(["--nme", "a"]), "--nme: unknown flag (see --help)");
    assert.strictEqual(usage(["-x"]), "-x: unknown flag (see --help)");
    assert.strictEqual(usage(["--name"]), "--name: needs a value");
    assert.strictEqual(usage(["--name="]), "--name: needs a value");
    assert.strictEqual(usage(["-n", "--flag"]), "-n: needs a value");
    assert.strictEqual(usage(["--flag=yes"]), "--flag: takes no value, got yes");
    assert.strictEqual(usage(["--flag", "--flag"]), "--flag: given twice");
    assert.strictEqual(usage(["-n", "a", "--name", "b"]), "--name: given twice");
    assert.strictEqual(usage(["stray"]), "stray: unexpected argument (flags start with - or --)");
    assert.strictEqual(usage(["--", "x"]), "--: unexpected argument (no positional arguments)");
  });

  it("runCommand: --help/-h print the help and exit 0 whatever else is given; usage errors print `name: line` and exit 2", async () => {
    for (const argv of [["--help"], ["-h"], ["--bogus", "-h"]]) {
      const r = await run(SPEC, argv);
      assert.deepStrictEqual([r.code, r.err, r.ran], [0, "", false], argv.join(" "));
      assert.strictEqual(r.out, helpText(SPEC));
    }
    const bad = await run(SPEC, ["--bogus"]);
    assert.deepStrictEqual([bad.code, bad.out, bad.err, bad.ran], [2, "", "t: --bogus: unknown flag (see --help)\n", false]);
    const thrown = await runCommand(SPEC, [], () => {
      throw new UsageError("--name: required");
    }, { out: () => undefined, err: (t) => assert.strictEqual(t, "t: --name: required\n") });
    assert.strictEqual(thrown, 2);
  });

  it("the stack rule: the flag, else the default (offline commands), else a usage error listing the bundled stacks", () => {
    assert.strictEqual(stackOf({ stack: "aks-eastus2" }, { required: true }), "aks-eastus2");
    assert.strictEqual(stackOf({}, { required: false }), DEFAULT_STACK);
    assert.throws(() => stackOf({}, { required: true }), (e: Error) => e instanceof UsageError && /^-s\/--stack: required: which stack\? \(bundled: .*dr-global.*eks-us-east-1/.test(e.message));
  });

  it("the exit-code table has one row per code, 2 is usage everywhere, and the plan's mandatory violations are not 2", () => {
    const codes = EXIT_CODES.map((r) => r.code);
    assert.strictEqual(new Set(codes).size, codes.length);
    assert.strictEqual(EXIT.usage, 2);
    assert.notStrictEqual(EXIT.mandatory, EXIT.usage);
    assert.match(exitCodeTable(), /^\| code \| meaning \| commands \|\n\| --- \| --- \| --- \|\n\| 0 \|/);
  });

  for (const spec of COMMANDS) {
    it(`${spec.name} --help: summary, usage, every option, examples, exit codes from the one table (2 = usage)`, () => {
      const h = helpText(spec);
      assert.ok(h.startsWith(`${spec.name}: `));
      assert.match(h, /\nusage: npm run /);
      assert.match(h, /\n  -h, --help +show this help and exit\n/);
      for (const k of Object.keys(spec.options)) assert.ok(h.includes(`--${k}`), `--${k}`);
      assert.ok(spec.examples.length > 0 && spec.examples.every((e) => e.startsWith("npm run ")));
      const table = new Set(EXIT_CODES.map((r) => r.code));
      for (const [c] of spec.exits) assert.ok(table.has(c), `${spec.name}: exit ${c} is not in the table`);
      assert.ok(spec.exits.some(([c, m]) => c === 2 && /flag/.test(m)), `${spec.name}: exit 2 for bad flags`);
      if ("stack" in spec.options) {
        assert.ok(spec.options.stack.short === "s" && spec.options.stack.value === "NAME", spec.name);
        assert.match(spec.options.stack.help, spec.passThrough ? /\(required; bundled: / : new RegExp(`\\(default ${DEFAULT_STACK}; bundled: `));
      }
    });
  }
});
