// A regional stack loads only its own cloud's SDK: an EKS plan loads no @pulumi/azure-native module and
// an AKS plan no @pulumi/aws module. Each plan runs in a fresh process, so nothing another spec loaded
// hides or fakes a load; the two processes run side by side.
import * as assert from "assert";
import { execFile } from "child_process";
import * as path from "path";
import { promisify } from "util";
import { PROJECT_ROOT } from "../../stacks/project-root";

const RUN = path.join(PROJECT_ROOT, "dist", "tools", "plan", "run.js");
// As every command does first: modules compiled once per machine (it loads node:module only).
const COMPILE_CACHE = path.join(PROJECT_ROOT, "dist", "tools", "compile-cache.js");
const SDKS = ["@pulumi/aws", "@pulumi/azure-native"] as const;
type Loaded = Record<(typeof SDKS)[number], string[]>;

/** The `node_modules/<sdk>/…` modules in the require cache after planning `stack` (policy pack off). */
async function loadedAfterPlan(stack: string): Promise<Loaded & { types: string[] }> {
  const script = `
    require(${JSON.stringify(COMPILE_CACHE)});
    const { plan } = require(${JSON.stringify(RUN)});
    plan(${JSON.stringify(stack)}, { policy: false }).then((p) => {
      const mods = Object.keys(require.cache).map((m) => m.split(require("path").sep).join("/"));
      const of = (sdk) => mods.filter((m) => m.includes("/node_modules/" + sdk + "/"));
      process.stdout.write(JSON.stringify({ types: p.resources.map((r) => r.type), loaded: { ${SDKS.map((s) => `${JSON.stringify(s)}: of(${JSON.stringify(s)})`).join(", ")} } }));
    });`;
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { cwd: PROJECT_ROOT, encoding: "utf8" });
  const out = JSON.parse(stdout) as { types: string[]; loaded: Loaded };
  assert.ok(out.types.length > 10, `${stack} planned ${out.types.length} resources`);
  return { ...out.loaded, types: out.types };
}

describe("a regional stack loads only its own cloud's SDK", function () {
  this.timeout(120000);
  let eks: Loaded & { types: string[] };
  let aks: Loaded & { types: string[] };
  before(async () => {
    [eks, aks] = await Promise.all([loadedAfterPlan("eks-us-east-1"), loadedAfterPlan("aks-eastus2")]);
  });

  it("eks-us-east-1 loads @pulumi/aws and nothing under @pulumi/azure-native", () => {
    assert.ok(eks["@pulumi/aws"].length > 0, "the probe sees the stack's own SDK");
    assert.deepStrictEqual(eks["@pulumi/azure-native"], []);
  });

  it("eks-us-east-1 loads no @pulumi/aws service it registers nothing of (no index mixins: Lambda, CloudWatch Events)", () => {
    const services = new Set(eks.types.map((t) => /^aws:([^/:]+)\//.exec(t)?.[1]).filter(Boolean));
    assert.ok(services.has("eks") && services.has("s3"), [...services].join(", "));
    // `<service>/…` or `types/enums/<service>/…`; files at the package root (provider, utilities) are shared.
    const serviceOf = (m: string) => /\/node_modules\/@pulumi\/aws\/(?:types\/enums\/)?([^/]+)\//.exec(m)?.[1];
    const strays = eks["@pulumi/aws"].filter((m) => serviceOf(m) !== undefined && !services.has(serviceOf(m)));
    assert.deepStrictEqual(strays, []);
  });

  it("aks-eastus2 loads @pulumi/azure-native and nothing under @pulumi/aws", () => {
    assert.ok(aks["@pulumi/azure-native"].length > 0, "the probe sees the stack's own SDK");
    assert.deepStrictEqual(aks["@pulumi/aws"], []);
  });
});
