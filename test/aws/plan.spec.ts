import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { plan } from "../../tools/plan/run";

const ROOT = path.resolve(__dirname, "..", "..");

describe("plan of eks-us-east-1 (whole program)", function () {
  this.timeout(180000);

  it("shows the GPU node groups with the capacity rows naming them", async () => {
    const p = await plan("eks-us-east-1", { policy: false });
    const groups = p.resources.filter((r) => r.type === "aws:eks/nodeGroup:NodeGroup" && String(r.inputs.nodeGroupNamePrefix).startsWith("gpu-"));
    assert.strictEqual(groups.length, 6);
    assert.ok(p.capacity);
    // A capacity row names its node group by the prefix EKS gives the group's unique name.
    assert.deepStrictEqual(p.capacity.pools.map((x) => x.name).sort(), groups.map((g) => String(g.inputs.nodeGroupNamePrefix)).sort());
    assert.deepStrictEqual(Object.keys(p.capacity.withoutZone).sort(), ["us-east-1a", "us-east-1b", "us-east-1c"]);
    for (const gpus of Object.values(p.capacity.withoutZone)) assert.ok(gpus >= p.capacity.requiredGpus);
    assert.strictEqual(p.outputs.kubeconfig === "[secret]" || p.outputs.kubeconfig === "<computed>", true);
    assert.ok(!JSON.stringify(p.outputs).includes("get-token"), "kubeconfig never in clear");
  });

  it("`npm run plan -- --stack eks-us-east-1 --json` prints one document with node groups and capacity", () => {
    // Output goes to a file, as with `> plan.json`.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dynamo-ha-plan-"));
    const file = path.join(dir, "plan.json");
    const fd = fs.openSync(file, "w");
    try {
      execFileSync(path.join(ROOT, "node_modules", ".bin", "node"), ["-r", "ts-node/register/transpile-only", "tools/plan/cli.ts", "--stack", "eks-us-east-1", "--json"], { cwd: ROOT, stdio: ["ignore", fd, "ignore"] });
    } finally {
      fs.closeSync(fd);
    }
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    fs.rmSync(dir, { recursive: true, force: true });
    const names = doc.resources.filter((r: { type: string }) => r.type === "aws:eks/nodeGroup:NodeGroup").map((r: { inputs: { nodeGroupNamePrefix: string } }) => r.inputs.nodeGroupNamePrefix);
    for (const pool of doc.capacity.pools) assert.ok(names.includes(pool.name), pool.name);
    assert.strictEqual(typeof doc.capacity.withoutSpot, "number");
  });
});
