// The check `up` makes before deploying: the pack starts under the SDK's launcher and answers.
// The first case needs the pack in policy/ (the policy layer).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PROJECT } from "../../components/core/config";
import { checkPackLoads } from "../../tools/deploy/pack-check";
import { analyzeWithPack } from "../../tools/plan/policy";
import { sharedPack } from "../support/pack";
import { PROJECT_ROOT } from "../../stacks/project-root";
import { tempDir } from "../support/temp";

const root = PROJECT_ROOT;

describe("up's pack check", function () {
  this.timeout(180_000);

  it("the bundled pack loads for both envs", async () => {
    assert.strictEqual(await checkPackLoads("prod", "eks-us-east-1", path.join(root, "policy")), undefined);
    // The same pack with the dev config: the shared pack is policy/ started through the same launcher,
    // configured and run over an empty stack as the check does.
    const dev = await analyzeWithPack(await sharedPack(), [], { env: "dev", project: PROJECT, stack: "eks-us-east-1" });
    assert.match(dev.pack, /^dynamo-ha-policy@v/);
  });

  it("a pack whose compiled entry does not load is reported in one line", async () => {
    const dir = tempDir("broken-pack-");
    fs.copyFileSync(path.join(root, "policy", "PulumiPolicy.yaml"), path.join(dir, "PulumiPolicy.yaml"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "broken-pack", version: "0.0.0", main: "index.js" }));
    fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
    fs.writeFileSync(path.join(dir, "index.js"), "const x = ;\n");
    const why = await checkPackLoads("prod", "eks-us-east-1", dir);
    assert.ok(why !== undefined && why.length > 0);
    assert.ok(!why.includes("\n"));
  });
});
