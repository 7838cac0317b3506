import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { runDoctor } from "../../tools/deploy/doctor";
import { Checkout, doctor, hasClusterContext, Phase, Probe, RunResult, shellPath, versionAtLeast } from "../../tools/deploy/doctor-checks";
import { bundledStacks } from "../../tools/plan/stack-file";
import { PROJECT_ROOT } from "../../stacks/project-root";
import { tempDir } from "../support/temp";

/** A machine with the given commands (name → result) and readable files (path → text). */
function probe(cmds: Record<string, Partial<RunResult>>, files: Record<string, string> = {}, env: Record<string, string> = {}): Probe & { calls: string[] } {
  const calls: string[] = [];
  return {
    env,
    home: "/home/u",
    calls,
    run(cmd, args) {
      calls.push([cmd, ...args].join(" "));
      const r = cmds[[cmd, ...args].join(" ")] ?? cmds[cmd];
      return r ? { found: true, code: 0, stdout: "", stderr: "", ...r } : { found: false, code: 127, stdout: "", stderr: "" };
    },
    readable: (f) => f in files,
    read: (f) => files[f],
  };
}

const EKS_ARN_CONFIG = `apiVersion: v1
kind: Config
clusters:
- name: arn:aws:eks:us-east-1:123456789012:cluster/dynamo-eks-us-east-1
  cluster: { server: https://x.eks.amazonaws.com }
contexts:
- name: arn:aws:eks:us-east-1:123456789012:cluster/dynamo-eks-us-east-1
  context: { cluster: "arn:aws:eks:us-east-1:123456789012:cluster/dynamo-eks-us-east-1", user: u }
current-context: arn:aws:eks:us-east-1:123456789012:cluster/dynamo-eks-us-east-1
`;
const READY = {
  "pulumi version": { stdout: "v3.280.1\n" },
  "pulumi whoami --verbose": { stdout: "User: me\n" },
  aws: { stdout: "123 arn:aws:iam::123:user/me u\n" },
  node: { stdout: "v24.1.0\n" },
};
const BUILT: Checkout = { program: true, pack: true };

/** runDoctor in-process with the bundled stacks, a stub pack check, and the lines it prints. */
async function run(stack: string, phase: Phase, p: Probe, o: { packError?: string; root?: string; stacksDir?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDoctor(stack, phase, { probe: p, checkPack: async () => o.packError, out: (l) => out.push(l), err: (l) => err.push(l), root: o.root, stacksDir: o.stacksDir });
  return { code, out, err };
}

describe("npm run doctor", function () {
  this.timeout(20_000);

  it("pre-deploy on a fresh machine (no pulumi, no credentials, no node on PATH) passes for every bundled stack, with hints", async () => {
    const stacks = bundledStacks();
    assert.ok(stacks.length >= 6, stacks.join());
    for (const stack of stacks) {
      const r = await run(stack, "pre-deploy", probe({}));
      assert.strictEqual(r.code, 0, `${stack}: ${r.err.join("\n")}`);
      assert.deepStrictEqual(r.err, [], stack);
      const pieces = r.out.map((l) => l.split(": ").slice(0, 2).join(": "));
      assert.ok(pieces.includes("ok: stack config"), `${stack}: ${pieces}`);
      assert.ok(pieces.includes("ok: policy pack"), `${stack}: ${pieces}`);
      assert.ok(pieces.includes("hint: pulumi CLI"), `${stack}: ${pieces}`);
      assert.ok(pieces.includes("hint: Pulumi backend login"), `${stack}: ${pieces}`);
      assert.ok(!pieces.some((p) => p.endsWith("kubeconfig")), `${stack}: no cluster check before the deploy`);
    }
  });

  it("pre-deploy names the stack's cluster and region and hints at each cloud's credentials", async () => {
    const eks = await run("eks-us-east-1", "pre-deploy", probe({}));
    assert.ok(eks.out.includes("ok: stack config: stacks/Pulumi.eks-us-east-1.yaml is valid (regional, env prod, aws us-east-1, cluster dynamo-eks-us-east-1)"), eks.out.join("\n"));
    assert.match(eks.out.find((l) => l.startsWith("hint: AWS credentials")) ?? "", /aws configure/);
    const aks = await run("aks-eastus2", "pre-deploy", probe({}));
    assert.match(aks.out.find((l) => l.startsWith("hint: Azure credentials")) ?? "", /az login/);
  });

  it("pre-deploy fails (exit 1) on what is broken now: an invalid stack file, a pack that does not load, credentials that fail", async () => {
    const dir = tempDir("doctor-stacks-");
    const base = fs.readFileSync(path.join(PROJECT_ROOT, "stacks", "Pulumi.eks-us-east-1.yaml"), "utf8");
    fs.writeFileSync(path.join(dir, "Pulumi.onezone.yaml"), base.replace(/dynamo-ha:zones:\n(\s+- .*\n)+/, 'dynamo-ha:zones: ["us-east-1a"]\n'));
    fs.copyFileSync(path.join(PROJECT_ROOT, "stacks", "Pulumi.eks-us-east-1.yaml"), path.join(dir, "Pulumi.eks-us-east-1.yaml"));
    const bad = await run("onezone", "pre-deploy", probe({}), { stacksDir: dir });
    assert.strictEqual(bad.code, 1);
    assert.deepStrictEqual(bad.err, ['missing: stack config: dynamo-ha:zones: need at least 2 distinct zones, got ["us-east-1a"]']);
    const pack = await run("eks-us-east-1", "pre-deploy", probe({}), { stacksDir: dir, packError: "index.js:1 SyntaxError" });
    assert.strictEqual(pack.code, 1);
    assert.match(pack.err.join("\n"), /^missing: policy pack: does not load: index\.js:1 SyntaxError/);
    const creds = await run("eks-us-east-1", "pre-deploy", probe({ aws: { code: 254, stderr: "ExpiredToken" } }, {}, { AWS_PROFILE: "ops" }), { stacksDir: dir });
    assert.strictEqual(creds.code, 1);
    assert.match(creds.err.join("\n"), /^missing: AWS credentials: AWS_PROFILE=ops is set but .*ExpiredToken/);
  });

  it("an unknown stack is one line listing the bundled stacks, exit 1", async () => {
    const r = await run("nope", "pre-deploy", probe({}));
    assert.strictEqual(r.code, 1);
    assert.strictEqual(r.err.length, 1);
    assert.match(r.err[0], /^doctor: --stack: unknown stack "nope": .*\(bundled: .*eks-us-east-1/);
  });

  it("a checkout without dist/ says to build: pulumi up runs the compiled program", async () => {
    const root = tempDir("doctor-root-");
    const r = await run("eks-us-east-1", "pre-deploy", probe({}), { root });
    assert.strictEqual(r.code, 1);
    assert.match(r.err.join("\n"), /^missing: compiled program: no dist\/index\.js and policy\/dist\/index\.js; run `npm run build`/);
  });

  it("--deployed on a fresh machine: the deploy pieces are missing and the kubeconfig line carries the stack's real command", async () => {
    const eks = await run("eks-us-east-1", "deployed", probe({}));
    assert.strictEqual(eks.code, 1);
    assert.deepStrictEqual(
      eks.err.map((l) => l.split(": ").slice(0, 2).join(": ")),
      ["missing: pulumi CLI", "missing: Pulumi backend login", "missing: AWS credentials", "missing: kubeconfig"],
    );
    assert.match(eks.err[3], /run `aws eks update-kubeconfig --region us-east-1 --name dynamo-eks-us-east-1`/);
    const aks = await run("aks-westus3", "deployed", probe({}));
    assert.match(aks.err.join("\n"), /run `az aks get-credentials --resource-group dynamo-aks-westus3-rg --name dynamo-aks-westus3`/);
  });

  it("--deployed on a ready machine passes; a kubeconfig without the cluster's context does not", async () => {
    const ready = await run("eks-us-east-1", "deployed", probe(READY, { "/home/u/.kube/config": EKS_ARN_CONFIG }, { AWS_PROFILE: "ops" }));
    assert.strictEqual(ready.code, 0, ready.err.join("\n"));
    assert.ok(ready.out.includes("ok: kubeconfig: /home/u/.kube/config: a context for cluster dynamo-eks-us-east-1"), ready.out.join("\n"));
    const other = await run("eks-us-west-2", "deployed", probe(READY, { "/home/u/.kube/config": EKS_ARN_CONFIG }, { AWS_PROFILE: "ops" }));
    assert.strictEqual(other.code, 1);
    assert.deepStrictEqual(other.err, [
      "missing: kubeconfig: no context for cluster dynamo-eks-us-west-2 in /home/u/.kube/config; run `aws eks update-kubeconfig --region us-west-2 --name dynamo-eks-us-west-2`",
    ]);
  });

  it("an old CLI, a logged-out backend and an unreadable KUBECONFIG are each named", () => {
    const p = probe(
      { "pulumi version": { stdout: "v3.100.0" }, "pulumi whoami --verbose": { code: 255, stderr: "error: PULUMI_ACCESS_TOKEN must be set" } },
      {},
      { AWS_ACCESS_KEY_ID: "x", KUBECONFIG: "/k/a:/k/b" },
    );
    const cluster = { region: "us-east-1", name: "c" };
    const f = doctor({ stack: "s", kind: "regional", cloud: "aws", cluster }, p, "3.276.0", "deployed", BUILT);
    const by = (piece: string) => f.find((x) => x.piece === piece) ?? assert.fail(piece);
    assert.match(by("pulumi CLI").message, /v3\.100\.0 is older than v3\.276\.0/);
    assert.strictEqual(by("pulumi CLI").status, "missing");
    assert.match(by("Pulumi backend login").message, /PULUMI_ACCESS_TOKEN must be set/);
    assert.match(by("kubeconfig").message, /\/k\/a:\/k\/b not readable/);
    // An old CLI is broken before the deploy, too.
    assert.strictEqual(doctor({ stack: "s", kind: "regional", cloud: "aws", cluster }, p, "3.276.0", "pre-deploy", BUILT).find((x) => x.piece === "pulumi CLI")?.status, "missing");
  });

  it("Azure: ARM_* service principal or `az account show`; global and governance stacks have no cluster check", () => {
    const cli = { "pulumi version": { stdout: "v3.276.0" }, "pulumi whoami --verbose": { stdout: "me" } };
    const sp = doctor({ stack: "g", kind: "global", cloud: "azure" }, probe(cli, {}, { ARM_CLIENT_ID: "a", ARM_TENANT_ID: "t", ARM_CLIENT_SECRET: "s" }), "3.276.0", "deployed", BUILT);
    assert.deepStrictEqual(sp.filter((x) => x.status !== "ok").map((x) => x.piece), ["Node for pulumi"]);
    assert.ok(!sp.some((x) => x.piece === "kubeconfig"));
    const gov = doctor({ stack: "gov", kind: "governance" }, probe(cli), "3.276.0", "deployed", BUILT);
    assert.deepStrictEqual(gov.map((x) => x.piece), ["Node for pulumi", "compiled program", "stack config", "policy pack", "pulumi CLI", "Pulumi backend login"]);
  });

  it("Node for pulumi: judged on the shell's PATH, without npm's node_modules/.bin (the bundled Node)", () => {
    assert.strictEqual(shellPath(["/r/node_modules/.bin", "/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin", "/usr/bin", ""].join(path.delimiter)), "/usr/bin");
    const old = doctor({ stack: "s", kind: "governance" }, probe({ node: { stdout: "v20.20.2\n" } }), "3.276.0", "pre-deploy", BUILT)[0];
    assert.deepStrictEqual([old.status, old.piece], ["hint", "Node for pulumi"]);
    assert.match(old.message, /node v20\.20\.2 on PATH; .*bundled Node 24; plain `pulumi up` needs Node ≥ 22/);
    assert.strictEqual(doctor({ stack: "s", kind: "governance" }, probe({ node: { stdout: "v22.3.0" } }), "3.276.0", "pre-deploy", BUILT)[0].status, "ok");
  });

  it("finds the cluster's context by name (AKS, the stack's kubeconfig output) or ARN (EKS); bad YAML is no context", () => {
    assert.ok(hasClusterContext(EKS_ARN_CONFIG, "dynamo-eks-us-east-1"));
    assert.ok(!hasClusterContext(EKS_ARN_CONFIG, "dynamo-eks-us-east"));
    assert.ok(hasClusterContext("contexts:\n- name: dynamo-aks-eastus2\n  context: {cluster: dynamo-aks-eastus2}\n", "dynamo-aks-eastus2"));
    assert.ok(!hasClusterContext("contexts: [", "x"));
    assert.ok(!hasClusterContext("", "x"));
  });

  it("compares versions numerically", () => {
    assert.ok(versionAtLeast("3.276.0", "3.276.0"));
    assert.ok(versionAtLeast("v3.1000.0", "3.276.0"));
    assert.ok(!versionAtLeast("3.99.9", "3.276.0"));
    assert.ok(versionAtLeast("4.0.0-alpha", "3.276.0"));
  });
});
