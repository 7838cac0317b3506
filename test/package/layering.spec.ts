// The layering of docs/architecture: imports point downward only. Read from the import statements
// (static `import`/`export … from`, `require(...)` and `import("…")` type queries) of every source file.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../../stacks/project-root";

interface Edge {
  from: string;
  to: string;
}

const SPECIFIER = /(?:\bfrom\s+|\brequire\(\s*|\bimport\(\s*)["']([^"']+)["']/g;

function sources(dir: string): string[] {
  const abs = path.join(PROJECT_ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.split(path.sep).includes("node_modules")).map((f) => path.join(dir, f));
}

/** Project-relative targets of the relative imports of `file` (package imports are not layers). */
export function importsOf(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    if (!m[1].startsWith(".")) continue;
    out.push(path.relative(PROJECT_ROOT, path.resolve(PROJECT_ROOT, path.dirname(file), m[1])).split(path.sep).join("/"));
  }
  return out;
}

function edgesOf(file: string): Edge[] {
  return importsOf(file, fs.readFileSync(path.join(PROJECT_ROOT, file), "utf8")).map((to) => ({ from: file.split(path.sep).join("/"), to }));
}

function edges(dirs: string[]): Edge[] {
  return dirs.flatMap(sources).flatMap(edgesOf);
}

const under = (p: string, dir: string) => p === dir || p.startsWith(`${dir}/`);
const CLOUD = ["components/aws", "components/azure", "components/storage", "components/global"];
/** What tools/ may use of the components: the public entry and the pure core. */
const TOOLS_MAY_USE = ["components/index", "components/core"];

describe("layering", () => {
  const all = edges(["components", "stacks", "tools", "provider"]).concat(edgesOf("index.ts"));

  it("reads the imports it judges (a known edge is found)", () => {
    assert.ok(all.some((e) => e.from === "stacks/regional.ts" && e.to === "components/storage"));
    assert.deepStrictEqual(importsOf("stacks/x.ts", 'import a from "../tools/plan/run";\nconst b = require("./y") as typeof import("../components/k8s/z");'), ["tools/plan/run", "stacks/y", "components/k8s/z"]);
  });

  it("stacks/ imports nothing from tools/", () => {
    assert.deepStrictEqual(all.filter((e) => under(e.from, "stacks") && under(e.to, "tools")), []);
  });

  it("cloud modules (aws, azure, storage, global) import nothing from components/k8s", () => {
    assert.deepStrictEqual(all.filter((e) => CLOUD.some((d) => under(e.from, d)) && under(e.to, "components/k8s")), []);
  });

  it("components/core imports no other component layer", () => {
    assert.deepStrictEqual(all.filter((e) => under(e.from, "components/core") && under(e.to, "components") && !under(e.to, "components/core")), []);
  });

  it("components/ imports nothing from stacks/ or tools/", () => {
    assert.deepStrictEqual(all.filter((e) => under(e.from, "components") && (under(e.to, "stacks") || under(e.to, "tools"))), []);
  });

  it("tools/ uses only the public entry and components/core", () => {
    const beyond = all.filter((e) => under(e.from, "tools") && under(e.to, "components") && !TOOLS_MAY_USE.some((d) => under(e.to, d)));
    assert.deepStrictEqual(beyond.map((e) => `${e.from} → ${e.to}`), []);
  });
});
