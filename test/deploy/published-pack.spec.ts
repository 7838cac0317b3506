// The governance stack attaches the pack by policy/package.json's name and version; `pulumi policy
// publish` publishes it under the name and version the pack itself reports (its PolicyPack name).
// They must agree, or the policy groups point at a pack that was never published.
import * as assert from "assert";
import { analyzeWithPack } from "../../tools/plan/policy";
import { publishedPack } from "../../stacks/governance";
import { sharedPack } from "../support/pack";

describe("published pack name", function () {
  this.timeout(180_000);

  // The shared pack is policy/ started through the launcher, as the CLI starts it.
  it("policy/package.json names the pack the launcher reports", async () => {
    const r = await analyzeWithPack(await sharedPack(), [], { env: "prod", project: "dynamo-ha", stack: "governance" });
    const pkg = publishedPack();
    assert.strictEqual(r.pack, `${pkg.name}@v${pkg.version}`);
  });
});
