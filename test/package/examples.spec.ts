// The examples against the package: the TypeScript one runs under the plan's mocks, importing the
// package by its name ("dynamo-ha", resolved through package.json `exports` to the compiled library);
// the YAML one is read against the schema's resource and property names.
import * as assert from "assert";
import * as fs from "fs";
import { Module } from "module";
import * as path from "path";
import * as ts from "typescript";
import { parse as parseYaml } from "yaml";
import { PROJECT_ROOT } from "../../stacks/project-root";
import { capture, Capture } from "../../tools/plan/capture";
import { planMocks } from "../../tools/plan/mocks";
import { packageSchema } from "./schema";

const EXAMPLES = path.join(PROJECT_ROOT, "examples");

/**
 * Loads a TypeScript example as Node would run it from its folder: transpiled with the TypeScript API
 * (the root build leaves examples/ out), compiled as a module whose file sits in the example's folder.
 */
function loadExample(dir: string): Record<string, unknown> {
  const file = path.join(EXAMPLES, dir, "index.ts");
  const js = ts.transpileModule(fs.readFileSync(file, "utf8"), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true }, fileName: file }).outputText;
  const m = new Module(file, module) as Module & { _compile(code: string, filename: string): void; paths: string[] };
  m.filename = file;
  m.paths = (Module as unknown as { _nodeModulePaths(d: string): string[] })._nodeModulePaths(path.dirname(file));
  m._compile(js, file);
  return m.exports as Record<string, unknown>;
}

describe("examples", function () {
  this.timeout(60000);

  describe("ts-eks-region (TypeScript, under the plan's mocks)", () => {
    let cap: Capture;
    before(async () => {
      cap = await capture(() => loadExample("ts-eks-region"), { project: "ts-eks-region", stack: "dev", config: {}, mocks: planMocks });
    });

    it("resolves `dynamo-ha` to the compiled library through the package's exports", () => {
      const resolved = require.resolve("dynamo-ha", { paths: [path.join(EXAMPLES, "ts-eks-region")] });
      assert.strictEqual(path.relative(PROJECT_ROOT, resolved).split(path.sep).join("/"), "dist/components/index.js");
    });

    it("builds one EKS region with the program's own AWS provider, and no other", () => {
      const providers = cap.resources.filter((r) => r.type === "pulumi:providers:aws");
      assert.deepStrictEqual(providers.map((p) => [p.name, p.parent]), [["us-west-2", ""]]);
      const region = cap.resources.filter((r) => r.type === "dynamo-ha:aws:Region");
      assert.deepStrictEqual(region.map((r) => r.name), ["dynamo-us-west-2"]);
      const awsResources = cap.resources.filter((r) => r.custom && r.type.startsWith("aws:"));
      assert.ok(awsResources.length > 20, `${awsResources.length} AWS resources`);
      for (const r of awsResources) assert.ok(r.provider.startsWith(`${providers[0].urn}::`), `${r.type} ${r.name} uses ${r.provider}`);
    });

    it("sizes GPU node groups per zone and exports the cluster's outputs", () => {
      const groups = cap.resources.filter((r) => r.type === "aws:eks/nodeGroup:NodeGroup" && String(r.inputs.nodeGroupNamePrefix).startsWith("gpu-"));
      assert.strictEqual(groups.length, 6, "spot and on-demand in each of 3 zones");
      assert.deepStrictEqual(Object.keys(cap.outputs).sort(), ["clusterName", "gpuNodeGroups", "kubeconfig"]);
    });
  });

  describe("yaml-aks-region (Pulumi YAML, against the schema)", () => {
    interface YamlResource {
      type: string;
      properties?: Record<string, unknown>;
      options?: Record<string, unknown>;
    }
    const program = parseYaml(fs.readFileSync(path.join(EXAMPLES, "yaml-aks-region", "Pulumi.yaml"), "utf8")) as { resources: Record<string, YamlResource>; outputs: Record<string, string> };
    const token = (t: string) => (t.split(":").length === 2 ? t.replace(":", ":index:") : t);

    it("uses only component types and input names the schema has, with every required input", async () => {
      const schema = await packageSchema();
      const used = Object.values(program.resources).filter((r) => r.type.startsWith("dynamo-ha:"));
      assert.ok(used.length > 0);
      for (const r of used) {
        const res = schema.resources[token(r.type)];
        assert.ok(res, `${r.type} is not in the schema (${Object.keys(schema.resources).join(", ")})`);
        const props = r.properties ?? {};
        for (const k of Object.keys(props)) assert.ok(res.inputProperties[k], `${r.type}: no input ${k}`);
        for (const k of res.requiredInputs) assert.ok(k in props, `${r.type}: required input ${k} missing`);
        for (const [k, v] of Object.entries(props)) {
          const ref = res.inputProperties[k].$ref;
          if (!ref || !v || typeof v !== "object") continue;
          const type = schema.types[ref.replace("#/types/", "")];
          for (const f of Object.keys(v)) assert.ok(type.properties[f], `${r.type}: ${k}.${f} is not in ${ref}`);
          for (const f of type.required ?? []) assert.ok(f in v, `${r.type}: ${k}.${f} is required`);
        }
      }
    });

    it("reads only outputs the schema declares", async () => {
      const schema = await packageSchema();
      for (const [name, expr] of Object.entries(program.outputs)) {
        const m = /^\$\{(\w+)\.(\w+)\}$/.exec(expr);
        assert.ok(m, `output ${name}: ${expr}`);
        const r = program.resources[m[1]];
        assert.ok(schema.resources[token(r.type)].properties[m[2]], `output ${name}: ${r.type} has no output ${m[2]}`);
      }
    });
  });
});
