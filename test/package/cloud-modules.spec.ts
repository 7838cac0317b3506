// A regional stack loads only its own cloud's SDK: an EKS plan loads no @pulumi/azure-native module and
// an AKS plan no @pulumi/aws module. Each plan runs in a fresh process, so nothing another spec loaded
// hides or fakes a load.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import { PROJECT_ROOT } from "../../stacks/project-root";

const RUN = path.join(PROJECT_ROOT, "dist", "tools", "plan", "run.js");

/** The `node_modules/<pkg>/…` modules in the require cache after planning `stack` (policy pack off). */
function loadedAfterPlan(stack: string, pkg: string): string[] {
  const script = `
    const { plan } = require(${JSON.stringify(RUN)});
    plan(${JSON.stringify(stack)}, { policy: false }).then((p) => {
      const mods = Object.keys(require.cache).filter((m) => m.split(require("path").sep).join("/").includes("/node_modules/${pkg}/"));
      process.stdout.write(JSON.stringify({ resources: p.resources.length, mods }));
    });`;
  const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: PROJECT_ROOT, encoding: "utf8" })) as { resources: number; mods: string[] };
  assert.ok(out.resources > 10, `${stack} planned ${out.resources} resources`);
  return out.mods;
}

describe("a regional stack loads only its own cloud's SDK", function () {
  this.timeout(120000);

  it("eks-us-east-1 loads @pulumi/aws and nothing under @pulumi/azure-native", () => {
    assert.ok(loadedAfterPlan("eks-us-east-1", "@pulumi/aws").length > 0, "the probe sees the stack's own SDK");
    assert.deepStrictEqual(loadedAfterPlan("eks-us-east-1", "@pulumi/azure-native"), []);
  });

  it("aks-eastus2 loads @pulumi/azure-native and nothing under @pulumi/aws", () => {
    assert.ok(loadedAfterPlan("aks-eastus2", "@pulumi/azure-native").length > 0, "the probe sees the stack's own SDK");
    assert.deepStrictEqual(loadedAfterPlan("aks-eastus2", "@pulumi/aws"), []);
  });
});
