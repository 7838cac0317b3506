import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { runDeploy } from "../../tools/deploy/cli";
import { keptLines, keptResources } from "../../tools/deploy/kept";
import type { ResourceRecord } from "../../tools/plan/records";
import { pulumiStub, Stub } from "./stub";
import { PROJECT_ROOT } from "../../stacks/project-root";
import { tempDir } from "../support/temp";
import { Exit, runScript } from "../support/child";

const root = PROJECT_ROOT;

/** A project root with the pack configs given and a stacks dir with one prod and one dev stack. */
function fixture(packEnvs: string[]) {
  const dir = tempDir("deploy-");
  fs.mkdirSync(path.join(dir, "policy", "config"), { recursive: true });
  for (const env of packEnvs) fs.writeFileSync(path.join(dir, "policy", "config", `${env}.json`), "{}");
  const stacks = path.join(dir, "stacks");
  fs.mkdirSync(stacks);
  fs.copyFileSync(path.join(root, "stacks", "Pulumi.eks-us-east-1.yaml"), path.join(stacks, "Pulumi.eks-us-east-1.yaml"));
  fs.writeFileSync(path.join(stacks, "Pulumi.devbox.yaml"), "config:\n  dynamo-ha:kind: governance\n  dynamo-ha:env: dev\n  dynamo-ha:governance:\n    organization: o\n");
  fs.writeFileSync(path.join(stacks, "Pulumi.staging.yaml"), "config:\n  dynamo-ha:env: staging\n");
  return { root: dir, stacksDir: stacks };
}

/** The real CLI script in its own process, with `pulumiDir` first on PATH. */
const runCli = (args: string[], pulumiDir: string): Promise<Exit> => runScript("dist/tools/deploy/cli.js", args, { env: { ...process.env, PATH: `${pulumiDir}${path.delimiter}${process.env.PATH}` } });

describe("deploy wrappers against a stub pulumi on PATH", function () {
  this.timeout(60_000);
  let stub: Stub;
  let lines: string[];
  // The end-to-end runs start with the file (destroy plans the stack for its kept list) and are judged
  // in the last test, so they overlap the in-process ones. Only destroy reaches pulumi.
  let e2e: { stub: Stub; bad: Promise<Exit>; destroy: Promise<Exit>; verb: Promise<Exit> };
  before(() => {
    const s = pulumiStub();
    e2e = { stub: s, bad: runCli(["preview", "-s", "no-such-stack"], s.dir), destroy: runCli(["destroy", "-s", "eks-us-east-1", "--yes"], s.dir), verb: runCli(["apply", "-s", "eks-us-east-1"], s.dir) };
  });
  after(async () => {
    await Promise.allSettled(e2e ? [e2e.bad, e2e.destroy, e2e.verb] : []);
  });
  const deps = (f: { root: string; stacksDir: string }, extra: object = {}) => ({
    ...f,
    env: { ...process.env, PATH: `${stub.dir}${path.delimiter}${process.env.PATH}`, STUB_EXIT: "0" },
    err: (l: string) => lines.push(l),
    checkPack: async () => undefined,
    ...extra,
  });
  beforeEach(() => {
    stub = pulumiStub();
    lines = [];
  });

  it("preview runs `pulumi preview` with the pack and the stack env's config, from the project root", async () => {
    const f = fixture(["prod", "dev"]);
    assert.strictEqual(await runDeploy("preview", ["-s", "eks-us-east-1", "--diff"], deps(f)), 0);
    assert.deepStrictEqual(stub.args(), ["preview", "--stack", "eks-us-east-1", "--policy-pack", "policy", "--policy-pack-config", "policy/config/prod.json", "--diff"]);
    assert.strictEqual(fs.realpathSync(stub.cwd()), fs.realpathSync(f.root));
    assert.deepStrictEqual(lines, []);
  });

  it("up checks the pack, passes the dev config for a dev stack, and propagates Pulumi's exit code", async () => {
    const f = fixture(["dev"]);
    let checked: string[] = [];
    const d = deps(f, { checkPack: async (env: string, stack: string, packDir: string) => void (checked = [env, stack, packDir]) });
    d.env.STUB_EXIT = "3";
    assert.strictEqual(await runDeploy("up", ["--stack=devbox", "--yes"], d), 3);
    assert.deepStrictEqual(checked, ["dev", "devbox", path.join(f.root, "policy")]);
    assert.deepStrictEqual(stub.args(), ["up", "--stack", "devbox", "--policy-pack", "policy", "--policy-pack-config", "policy/config/dev.json", "--yes"]);
  });

  it("up refuses with one line, and never runs pulumi, when the pack does not load", async () => {
    const f = fixture(["prod"]);
    const code = await runDeploy("up", ["-s", "eks-us-east-1"], deps(f, { checkPack: async () => "index.ts(3,1): error TS2304" }));
    assert.strictEqual(code, 1);
    assert.deepStrictEqual(lines, ["up: refusing to deploy eks-us-east-1: the policy pack in policy/ does not load: index.ts(3,1): error TS2304"]);
    assert.strictEqual(stub.ran(), false);
  });

  it("destroy prints what the stack's plan keeps, then runs `pulumi destroy` without policy flags", async () => {
    const f = fixture([]);
    let printed = "";
    assert.strictEqual(await runDeploy("destroy", ["-s", "eks-us-east-1", "--yes"], deps(f, { out: (t: string) => (printed += t) })), 0);
    assert.deepStrictEqual(stub.args(), ["destroy", "--stack", "eks-us-east-1", "--yes"]);
    const [head, ...rows] = printed.trimEnd().split("\n");
    assert.match(head, /^destroy eks-us-east-1: keeps \d+ resources \(protected: /);
    assert.strictEqual(rows.length, Number(/keeps (\d+)/.exec(head)![1]));
    // The bucket, its guard rails and the graph namespace are among them.
    for (const type of ["aws:s3/bucket:Bucket", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "kubernetes:core/v1:Namespace"]) {
      assert.ok(rows.some((r) => r.includes(`  ${type}  `) && /^  protected, retained/.test(r)), `${type} not listed as kept:\n${printed}`);
    }
    assert.deepStrictEqual(lines, []);
  });

  it("destroy still runs when the kept list cannot be computed, saying so in one line", async () => {
    const f = fixture([]);
    const kept = async () => {
      throw new Error("dynamo-ha:capacity.requiredGpus: 0 is below 1\n  at stack");
    };
    assert.strictEqual(await runDeploy("destroy", ["-s", "eks-us-east-1"], deps(f, { kept, out: () => undefined })), 0);
    assert.deepStrictEqual(lines, ["destroy: cannot list what eks-us-east-1 keeps (dynamo-ha:capacity.requiredGpus: 0 is below 1); Pulumi still honours protect from the stack's state"]);
    assert.strictEqual(stub.ran(), true);
  });

  it("the kept list orders protected resources first and labels each", () => {
    const r = (type: string, name: string, protect: boolean, retainOnDelete: boolean) => ({ type, name, protect, retainOnDelete }) as unknown as ResourceRecord;
    const kept = keptResources([r("b:t", "x", false, true), r("a:t", "y", false, false), r("c:t", "z", true, true), r("a:t", "w", true, false)]);
    assert.deepStrictEqual(keptLines("s", kept).slice(1), ["  protected            a:t  w", "  protected, retained  c:t  z", "  retained             b:t  x"]);
    assert.deepStrictEqual(keptLines("s", []), ["destroy s: keeps nothing (storage.allowDataLoss is on, or the stack holds no data)"]);
  });

  it("unknown stack, unknown env and a missing pack config are one-line errors and run nothing", async () => {
    const f = fixture(["prod"]);
    assert.strictEqual(await runDeploy("preview", ["-s", "nope"], deps(f)), 1);
    assert.strictEqual(await runDeploy("preview", ["-s", "staging"], deps(f)), 1);
    assert.strictEqual(await runDeploy("up", ["-s", "devbox"], deps(f)), 1);
    assert.strictEqual(lines.length, 3);
    assert.match(lines[0], /^preview: --stack: unknown stack "nope"/);
    assert.match(lines[1], /^preview: dynamo-ha:env: .*prod.*dev.*staging/);
    assert.strictEqual(lines[2], 'up: missing policy pack config policy/config/dev.json for dynamo-ha:env "dev" of stack devbox');
    assert.ok(lines.every((l) => !l.includes("\n")));
    assert.strictEqual(stub.ran(), false);
  });

  it("a missing -s is a usage error (exit 2) naming the bundled stacks; --help prints the wrapper's help (exit 0) and runs nothing", async () => {
    const f = fixture(["prod"]);
    assert.strictEqual(await runDeploy("up", ["--yes"], deps(f)), 2);
    assert.deepStrictEqual(lines, ["up: -s/--stack: required: which stack? (bundled: devbox, eks-us-east-1, staging)"]);
    let help = "";
    assert.strictEqual(await runDeploy("up", ["-s", "eks-us-east-1", "--help"], deps(f, { out: (t: string) => (help += t) })), 0);
    assert.match(help, /^up: `pulumi up` of one stack/);
    assert.match(help, /usage: npm run up -- -s NAME/);
    assert.match(help, /Runs: pulumi up --stack NAME --policy-pack policy --policy-pack-config policy\/config\/<env>\.json/);
    assert.match(help, /\n  127 +the pulumi CLI is not on PATH\n/);
    assert.strictEqual(stub.ran(), false);
  });

  it("without pulumi on PATH the wrapper says so in one line and exits 127", async () => {
    const f = fixture(["prod"]);
    const code = await runDeploy("preview", ["-s", "eks-us-east-1"], deps(f, { env: { PATH: stub.dir + "-absent" } }));
    assert.strictEqual(code, 127);
    assert.deepStrictEqual(lines, ["preview: the pulumi CLI is not on PATH; run `npm run doctor`"]);
  });

  it("`npm run preview` entry: the real CLI script with the bundled stacks, stub pulumi, exact args", async () => {
    const bad = await e2e.bad;
    assert.strictEqual(bad.code, 1);
    assert.strictEqual(bad.stderr.trim().split("\n").length, 1);
    assert.match(bad.stderr, /^preview: --stack: unknown stack "no-such-stack"/);
    const destroy = await e2e.destroy;
    assert.strictEqual(destroy.code, 0, destroy.stderr);
    assert.deepStrictEqual(e2e.stub.args(), ["destroy", "--stack", "eks-us-east-1", "--yes"]);
    const verb = await e2e.verb;
    assert.strictEqual(verb.code, 2);
    assert.match(verb.stderr.trim(), /^deploy: first argument must be one of preview, up, destroy/);
  });
});
