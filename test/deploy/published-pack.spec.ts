// The governance stack attaches the pack by policy/package.json's name and version; `pulumi policy
// publish` publishes it under the name and version the pack itself reports (its PolicyPack name).
// They must agree, or the policy groups point at a pack that was never published.
import * as assert from "assert";
import * as path from "path";
import { runPolicyPack } from "../../tools/plan/policy";
import { publishedPack } from "../../stacks/governance";
import { PROJECT_ROOT } from "../../stacks/project-root";

describe("published pack name", function () {
  this.timeout(180_000);

  it("policy/package.json names the pack the launcher reports", async () => {
    const r = await runPolicyPack([], { env: "prod", project: "dynamo-ha", stack: "governance", packDir: path.join(PROJECT_ROOT, "policy") });
    assert.strictEqual(r.error, undefined);
    const pkg = publishedPack();
    assert.strictEqual(r.pack, `${pkg.name}@v${pkg.version}`);
  });
});
