import * as assert from "assert";
import { packConfigPath, parseDeployArgs, pulumiArgv, UsageError } from "../../tools/deploy/args";

describe("deploy argument builder", () => {
  it("preview and up carry the pack and the env's pack config, then the user's flags", () => {
    assert.deepStrictEqual(pulumiArgv("preview", "eks-us-east-1", "prod"), [
      "preview", "--stack", "eks-us-east-1", "--policy-pack", "policy", "--policy-pack-config", "policy/config/prod.json",
    ]);
    assert.deepStrictEqual(pulumiArgv("up", "aks-westus3", "dev", ["--yes", "--diff"]), [
      "up", "--stack", "aks-westus3", "--policy-pack", "policy", "--policy-pack-config", "policy/config/dev.json", "--yes", "--diff",
    ]);
  });

  it("destroy passes no policy flags (the CLI rejects them on destroy)", () => {
    assert.deepStrictEqual(pulumiArgv("destroy", "eks-us-east-1", "prod", ["--yes"]), ["destroy", "--stack", "eks-us-east-1", "--yes"]);
  });

  it("parses -s, --stack and --stack= and keeps every other argument in order", () => {
    assert.deepStrictEqual(parseDeployArgs(["-s", "a", "--yes", "-m", "msg"]), { stack: "a", extra: ["--yes", "-m", "msg"] });
    assert.deepStrictEqual(parseDeployArgs(["--diff", "--stack", "b"]), { stack: "b", extra: ["--diff"] });
    assert.deepStrictEqual(parseDeployArgs(["--stack=c", "--policy-pack", "../other"]), { stack: "c", extra: ["--policy-pack", "../other"] });
    assert.strictEqual(packConfigPath("dev"), "policy/config/dev.json");
  });

  it("keeps Pulumi's own flags, values and `--` as given, wherever -s stands", () => {
    assert.deepStrictEqual(parseDeployArgs(["-y", "--message=fix: x", "-s", "a", "--target", "urn:x", "--", "z"]), {
      stack: "a",
      extra: ["-y", "--message=fix: x", "--target", "urn:x", "--", "z"],
    });
    assert.deepStrictEqual(parseDeployArgs(["-sa"]), { stack: "a", extra: [] });
  });

  it("a missing stack, a flag without its value, a second -s or a second pack config is a one-line usage error", () => {
    const usage = (argv: string[], re: RegExp) => assert.throws(() => parseDeployArgs(argv), (e: Error) => e instanceof UsageError && re.test(e.message) && !e.message.includes("\n"));
    usage(["--yes"], /^-s\/--stack: required: which stack\? \(bundled: .*eks-us-east-1/);
    usage(["-s"], /^-s: needs a value$/);
    usage(["-s", "--yes"], /^-s: needs a value$/);
    usage(["-s", "a", "--stack", "b"], /^--stack: given twice$/);
    usage(["-ys", "a"], /^-ys: give -s on its own$/);
    usage(["-s", "a", "--policy-pack-config=x.json"], /^--policy-pack-config: set by the wrapper from dynamo-ha:env/);
    usage(["-s", "a", "--policy-pack-config", "x.json"], /^--policy-pack-config: set by the wrapper/);
  });
});
