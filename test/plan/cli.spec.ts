// `npm run plan`: twice as a user runs it, in its own process (an unknown stack: exit 1 and one line on
// stderr; --json through a pipe: exit 0 and one document on stdout, with the pack the command starts
// itself); every other case through the same command function in this process, with the shared plans
// and pack, reading the exit code and what it would print.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../../stacks/project-root";
import { runCommand } from "../../tools/cli/command";
import { PLAN_COMMAND, planCommand } from "../../tools/plan/cli";
import { configErrorLine, CommandPlanning, plan as planModule } from "../../tools/plan/run";
import { plannedWithPolicy, withSharedPack } from "../support/pack";
import { tempDir } from "../support/temp";
import { Exit, runScript } from "../support/child";

const root = PROJECT_ROOT;
/** The command in its own process, as a user runs it (stdout a pipe); a failure waits for its test. */
const plan = (args: string[]): Promise<Exit> => runScript("dist/tools/plan/cli.js", args);

/** The command in this process: its exit code and what it printed. */
async function planHere(args: string[], planner: NonNullable<CommandPlanning["plan"]>) {
  let stdout = "";
  let stderr = "";
  const io = { out: (t: string) => void (stdout += t), err: (t: string) => void (stderr += t) };
  const code = await runCommand(PLAN_COMMAND, args, (cl) => planCommand(cl, { plan: planner, io }), io);
  return { code, stdout, stderr };
}

/** Plans from a stacks folder of the test's own, judged by the shared pack. */
const fromDir = (dir: string) => async (stack: string) => withSharedPack(await planModule(stack, { stacksDir: dir, policy: false }));

describe("npm run plan (CLI)", function () {
  this.timeout(180_000);
  // The two runs in their own processes start with the file and are judged after the in-process cases,
  // so they overlap.
  let spawned: Record<"unknown" | "json", ReturnType<typeof plan>>;
  before(() => {
    spawned = { unknown: plan(["--stack", "no-such-stack"]), json: plan(["--json"]) };
  });
  after(async () => {
    await Promise.allSettled(Object.values(spawned ?? {}));
  });

  it("an unknown flag is a usage error: exit 2 with one line, nothing planned", async () => {
    let err = "";
    const code = await runCommand(PLAN_COMMAND, ["--stak", "x"], () => assert.fail("planned"), { out: () => assert.fail("printed"), err: (t) => (err += t) });
    assert.strictEqual(code, 2);
    assert.strictEqual(err, "plan: --stak: unknown flag (see --help)\n");
  });

  it("bad stack files exit 1 with one line and register nothing: malformed YAML, typo key, secure values", async () => {
    const dir = tempDir("stacks-");
    fs.writeFileSync(path.join(dir, "Pulumi.broken.yaml"), "config:\n  dynamo-ha:cloud: [aws\n");
    fs.writeFileSync(path.join(dir, "Pulumi.typo.yaml"), "config:\n  dynamo-ha:clod: aws\n");
    fs.writeFileSync(
      path.join(dir, "Pulumi.secret.yaml"),
      "config:\n  dynamo-ha:cloud: aws\n  dynamo-ha:region: us-east-1\n  dynamo-ha:zones: [us-east-1a]\n  dynamo-ha:observability:\n    grafanaAdminPassword:\n      secure: AAABAxyzzy\n",
    );
    const broken = await planHere(["--stack", "broken"], fromDir(dir));
    assert.strictEqual(broken.code, 1);
    assert.match(broken.stderr.trim(), /^plan: Pulumi.broken.yaml: malformed YAML at line \d+/);
    assert.strictEqual(broken.stderr.trim().split("\n").length, 1);
    assert.strictEqual(broken.stdout, "");
    // The plan itself: the command prints `plan: ` + this line.
    const errorOf = async (stack: string) => {
      let registered = -1;
      const e = await planModule(stack, { stacksDir: dir, policy: false, mocks: { state: () => void registered++ } }).then(() => undefined, (x: unknown) => x);
      assert.ok(e, `${stack} planned`);
      assert.strictEqual(registered, -1, `${stack}: resources were registered`);
      return configErrorLine(e) ?? assert.fail(`not a config error: ${String(e)}`);
    };
    assert.match(await errorOf("typo"), /^dynamo-ha:clod: unknown key/);
    const secret = await errorOf("secret");
    assert.match(secret, /^dynamo-ha:zones: need at least 2 distinct zones/);
    assert.ok(!secret.includes("AAABAxyzzy"));
    assert.ok(!secret.includes("\n"));
  });

  it("with no --stack, the human plan of the default stack shows capacity and policy results: exit 0", async () => {
    const r = await planHere([], plannedWithPolicy);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /^dynamo-ha plan: stack eks-us-east-1/);
    assert.match(r.stdout, /GPU capacity: \d+ GPUs required/);
    assert.match(r.stdout, /without zone us-east-1a: \d+ GPUs/);
    assert.match(r.stdout, /Policy \(dynamo-ha-policy@v[\d.]+\): 0 mandatory/);
  });

  it("mandatory policy violations exit 4 (one operator replica without HA mode)", async () => {
    const dir = tempDir("stacks-");
    const base = fs.readFileSync(path.join(root, "stacks", "Pulumi.eks-us-east-1.yaml"), "utf8");
    fs.writeFileSync(path.join(dir, "Pulumi.single.yaml"), `${base.trimEnd()}\n  dynamo-ha:haMode: false\n  dynamo-ha:platform:\n    operatorReplicas: 1\n`);
    // Its DR peer, whose outputs the plan reads for replication, is the bundled eks-us-west-2.
    const r = await planHere(["--stack", "single"], fromDir(dir));
    assert.strictEqual(r.code, 4, r.stderr);
    assert.match(r.stdout, /\[mandatory\] leader-election: /);
  });

  it("an unknown stack exits 1 with one line naming it and the bundled stacks", async () => {
    const r = await spawned.unknown;
    assert.strictEqual(r.code, 1);
    assert.strictEqual(r.stderr.trim().split("\n").length, 1);
    assert.match(r.stderr, /unknown stack "no-such-stack": .*\(bundled: aks-eastus2, .*eks-us-east-1/);
    assert.strictEqual(r.stdout, "");
  });

  it("with no --stack, --json is exactly one JSON document of the default stack with the stable keys, even through a pipe", async () => {
    const r = await spawned.json;
    assert.strictEqual(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.strictEqual(doc.stack, "eks-us-east-1");
    assert.deepStrictEqual(Object.keys(doc).slice(0, 5), ["project", "stack", "resources", "capacity", "policy"]);
    assert.deepStrictEqual(Object.keys(doc.resources[0]), ["urn", "type", "name", "parent", "provider", "inputs", "protect", "retainOnDelete", "dependsOn", "propertyDependencies"]);
    assert.ok(doc.resources.length > 50);
    assert.strictEqual(doc.capacity.pools.length, 6);
  });
});
