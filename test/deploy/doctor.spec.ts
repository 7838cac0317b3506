import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { doctor, Probe, RunResult, versionAtLeast } from "../../tools/deploy/doctor-checks";
import { PROJECT_ROOT } from "../../stacks/project-root";

const root = PROJECT_ROOT;

/** A machine with the given commands (name → result) and readable files. */
function probe(cmds: Record<string, Partial<RunResult>>, files: string[] = [], env: Record<string, string> = {}): Probe & { calls: string[] } {
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
    readable: (f) => files.includes(f),
  };
}

describe("npm run doctor", function () {
  this.timeout(60_000);

  it("with an empty PATH and an empty home: one line per missing piece, exit 1", () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "home-"));
    const r = spawnSync(process.execPath, ["dist/tools/deploy/doctor.js", "-s", "eks-us-east-1"], {
      cwd: root,
      encoding: "utf8",
      env: { PATH: "", HOME: home },
    });
    assert.strictEqual(r.status, 1, r.stderr);
    const lines = r.stderr.trim().split("\n");
    assert.deepStrictEqual(
      lines.map((l) => l.split(":").slice(0, 2).join(":")),
      ["missing: pulumi CLI", "missing: Pulumi backend login", "missing: AWS credentials", "missing: kubeconfig"],
    );
    assert.match(lines[0], /get\.pulumi\.com/);
    assert.match(lines[1], /pulumi login/);
    assert.match(lines[2], /aws configure/);
    assert.match(lines[3], /aws eks update-kubeconfig/);
    assert.strictEqual(r.stdout, "");
  });

  it("an unknown stack is one line, exit 1", () => {
    const r = spawnSync(process.execPath, ["dist/tools/deploy/doctor.js", "-s", "nope"], { cwd: root, encoding: "utf8" });
    assert.strictEqual(r.status, 1);
    assert.match(r.stderr.trim(), /^doctor: --stack: unknown stack "nope"[^\n]*$/);
  });

  it("a ready AWS machine passes every check", () => {
    const p = probe(
      { "pulumi version": { stdout: "v3.280.1\n" }, "pulumi whoami --verbose": { stdout: "User: me\n" }, aws: { stdout: "123 arn:aws:iam::123:user/me u\n" } },
      ["/home/u/.kube/config"],
      { AWS_PROFILE: "ops" },
    );
    const f = doctor({ stack: "s", kind: "regional", cloud: "aws" }, p, "3.276.0");
    assert.deepStrictEqual(f.map((x) => [x.piece, x.ok]), [["pulumi CLI", true], ["Pulumi backend login", true], ["AWS credentials", true], ["kubeconfig", true]]);
    assert.ok(p.calls.includes("aws sts get-caller-identity --output text"));
  });

  it("an old CLI, a logged-out backend, failing AWS credentials and an unreadable KUBECONFIG are each named", () => {
    const p = probe(
      { "pulumi version": { stdout: "v3.100.0" }, "pulumi whoami --verbose": { code: 255, stderr: "error: PULUMI_ACCESS_TOKEN must be set" }, aws: { code: 254, stderr: "ExpiredToken" } },
      [],
      { AWS_ACCESS_KEY_ID: "x", KUBECONFIG: "/k/a:/k/b" },
    );
    const f = doctor({ stack: "s", kind: "regional", cloud: "aws" }, p, "3.276.0");
    assert.ok(f.every((x) => !x.ok));
    assert.match(f[0].message, /v3\.100\.0 is older than v3\.276\.0/);
    assert.match(f[1].message, /PULUMI_ACCESS_TOKEN must be set/);
    assert.match(f[2].message, /ExpiredToken/);
    assert.match(f[3].message, /\/k\/a:\/k\/b not readable/);
  });

  it("Azure: ARM_* service principal or `az account show`; global and governance stacks skip kubeconfig", () => {
    const cli = { "pulumi version": { stdout: "v3.276.0" }, "pulumi whoami --verbose": { stdout: "me" } };
    const sp = doctor({ stack: "g", kind: "global", cloud: "azure" }, probe(cli, [], { ARM_CLIENT_ID: "a", ARM_TENANT_ID: "t", ARM_CLIENT_SECRET: "s" }), "3.276.0");
    assert.deepStrictEqual(sp.map((x) => [x.piece, x.ok]), [["pulumi CLI", true], ["Pulumi backend login", true], ["Azure credentials", true]]);
    const none = doctor({ stack: "r", kind: "regional", cloud: "azure" }, probe({ ...cli, az: { code: 1, stderr: "Please run 'az login'" } }), "3.276.0");
    assert.match(none[2].message, /az login/);
    assert.match(none[3].message, /az aks get-credentials/);
    const gov = doctor({ stack: "gov", kind: "governance" }, probe(cli), "3.276.0");
    assert.deepStrictEqual(gov.map((x) => x.piece), ["pulumi CLI", "Pulumi backend login"]);
  });

  it("compares versions numerically", () => {
    assert.ok(versionAtLeast("3.276.0", "3.276.0"));
    assert.ok(versionAtLeast("v3.1000.0", "3.276.0"));
    assert.ok(!versionAtLeast("3.99.9", "3.276.0"));
    assert.ok(versionAtLeast("4.0.0-alpha", "3.276.0"));
  });
});
