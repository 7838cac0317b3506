import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { enforcedConfig, policyGroups } from "../../stacks/governance-groups";
import { PROJECT_ROOT } from "../../stacks/project-root";
import { plannedStack } from "../support/plans";

const root = PROJECT_ROOT;

/** Bundled stacks read straight from the YAML files, independently of the program's readers. */
function bundled(): { name: string; kind: string; env: string }[] {
  return fs
    .readdirSync(path.join(root, "stacks"))
    .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
    .map((f) => {
      const cfg = (parse(fs.readFileSync(path.join(root, "stacks", f), "utf8")) as { config?: Record<string, unknown> }).config ?? {};
      return { name: f.slice("Pulumi.".length, -".yaml".length), kind: String(cfg["dynamo-ha:kind"] ?? "regional"), env: String(cfg["dynamo-ha:env"] ?? "prod") };
    });
}

describe("governance stack", function () {
  this.timeout(120_000);

  it("plans offline: one PolicyGroup per env, attaching the published pack to every bundled regional and global stack", async () => {
    const p = await plannedStack("governance");
    const groups = p.resources.filter((r) => r.type === "pulumiservice:index:PolicyGroup");
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "policy", "package.json"), "utf8"));
    const targets = bundled().filter((s) => s.kind !== "governance");
    assert.ok(targets.length >= 1);
    const attached = groups.flatMap((g) => (g.inputs.stacks as { name: string; routingProject: string }[]).map((s) => ({ ...s, group: g.inputs.name })));
    assert.deepStrictEqual(attached.map((a) => a.name).sort(), targets.map((t) => t.name).sort());
    for (const t of targets) {
      const a = attached.find((x) => x.name === t.name)!;
      assert.strictEqual(a.routingProject, "dynamo-ha");
      assert.strictEqual(a.group, `dynamo-ha-${t.env}`);
    }
    assert.strictEqual(groups.length, new Set(targets.map((t) => t.env)).size);
    for (const g of groups) {
      assert.strictEqual(g.inputs.organizationName, "my-org");
      assert.strictEqual(g.inputs.entityType, "stacks");
      const [pack] = g.inputs.policyPacks as { name: string; versionTag: string; config: Record<string, unknown> }[];
      assert.strictEqual(pack.name, pkg.name);
      assert.strictEqual(pack.versionTag, pkg.version);
      const prod = g.inputs.name === "dynamo-ha-prod";
      assert.strictEqual(pack.config.all, prod ? "mandatory" : "advisory");
      assert.strictEqual(g.inputs.mode, prod ? "preventative" : "audit");
    }
  });

  it("groups by env and forces the group's enforcement level over the pack config, keeping policy settings", () => {
    const groups = policyGroups("dynamo-ha", [{ name: "b", env: "dev" }, { name: "a", env: "prod" }, { name: "c", env: "dev" }], { name: "pk", version: "1.2.3" }, {
      dev: { all: "mandatory", "gpu-pools-across-zones": { enforcementLevel: "mandatory", minZones: 2 }, "pdb-required": "mandatory" },
    });
    assert.deepStrictEqual(groups.map((g) => [g.name, g.mode, g.stacks.map((s) => s.name)]), [
      ["dynamo-ha-prod", "preventative", ["a"]],
      ["dynamo-ha-dev", "audit", ["b", "c"]],
    ]);
    assert.deepStrictEqual(groups[1].policyPacks[0], {
      name: "pk",
      versionTag: "1.2.3",
      config: { all: "advisory", "gpu-pools-across-zones": { enforcementLevel: "advisory", minZones: 2 }, "pdb-required": "advisory" },
    });
    assert.deepStrictEqual(enforcedConfig({}, "mandatory"), { all: "mandatory" });
    assert.deepStrictEqual(policyGroups("p", [{ name: "x", env: "prod" }], { name: "pk", version: "1" }, {}).map((g) => g.env), ["prod"]);
  });
});
