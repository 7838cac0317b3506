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

  it("a missing stack, a flag without its value, or a second pack config is a one-line usage error", () => {
    assert.throws(() => parseDeployArgs(["--yes"]), (e: Error) => e instanceof UsageError && /^-s <stack> is required/.test(e.message));
    assert.throws(() => parseDeployArgs(["-s"]), (e: Error) => e instanceof UsageError && e.message === "-s: needs a stack name");
    assert.throws(() => parseDeployArgs(["-s", "a", "--policy-pack-config=x.json"]), /--policy-pack-config: set by the wrapper from dynamo-ha:env/);
  });
});
