// The docs stay true: the README fits and links every page, links and anchors resolve, the generated
// blocks match the code, and every command marked `<!-- test: run -->` runs and exits 0.
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { TOP_LEVEL, walk } from "../../components/core/config";
import { PROJECT_ROOT } from "../../stacks/project-root";
import { EXIT_CODES } from "../../tools/cli/exit-codes";
import { CONFIG_REFERENCE_PAGE } from "../../tools/docs/config-reference";
import { regenerated } from "../../tools/docs/generated";

const read = (rel: string) => fs.readFileSync(path.join(PROJECT_ROOT, rel), "utf8");
const PAGES = fs.readdirSync(path.join(PROJECT_ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`);
const DOCS = ["README.md", ...PAGES];

/** GitHub's heading anchor: lowercase, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
}

function headings(text: string): Set<string> {
  const out = new Set<string>();
  let fenced = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    const m = !fenced && /^#{1,6} (.*)$/.exec(line);
    if (m) out.add(anchor(m[1]));
  }
  return out;
}

/** The lines of every ```sh block right after a `<!-- test: run -->` marker. */
export function markedCommands(text: string): string[] {
  const out: string[] = [];
  const re = /<!-- test: run -->\n```sh\n([\s\S]*?)```/g;
  for (const m of text.matchAll(re)) out.push(...m[1].split("\n").filter((l) => l.trim() !== "" && !l.trim().startsWith("#")));
  return out;
}

function sh(command: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", command], { cwd: PROJECT_ROOT, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("docs", function () {
  this.timeout(120_000);

  it("the README fits in 250 lines and links every page of docs/", () => {
    const readme = read("README.md");
    assert.ok(readme.split("\n").length <= 250, `README.md has ${readme.split("\n").length} lines`);
    for (const page of PAGES) assert.ok(readme.includes(`](${page})`), `README.md does not link ${page}`);
  });

  it("every relative link resolves to a file, and every #anchor to a heading there", () => {
    for (const doc of DOCS) {
      const text = read(doc).replace(/```[\s\S]*?```/g, "");
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1];
        if (/^[a-z]+:/.test(target)) continue;
        const [file, hash] = target.split("#");
        const rel = file === "" ? doc : path.posix.normalize(path.posix.join(path.posix.dirname(doc), file));
        assert.ok(fs.existsSync(path.join(PROJECT_ROOT, rel)), `${doc}: ${target}: no ${rel}`);
        if (hash !== undefined && rel.endsWith(".md")) assert.ok(headings(read(rel)).has(hash), `${doc}: ${target}: no heading #${hash} in ${rel}`);
      }
    }
  });

  it("the generated blocks (configuration reference, exit codes) are current: npm run docs:config -- --write", () => {
    for (const [file, page] of regenerated(PROJECT_ROOT)) assert.strictEqual(page.now, page.want, `${file} is stale: run \`npm run docs:config -- --write\``);
    const reference = read(CONFIG_REFERENCE_PAGE);
    for (const [key, field] of Object.entries(TOP_LEVEL)) {
      for (const [p] of walk(key, field)) assert.ok(reference.includes(`| \`${p}\` |`), `${CONFIG_REFERENCE_PAGE} does not document ${p}`);
    }
    const cli = read("docs/cli.md");
    for (const r of EXIT_CODES) if (r.code >= 0) assert.ok(cli.includes(`| ${r.code} | ${r.meaning} |`), `docs/cli.md: exit ${r.code}`);
  });

  it("finds the marked commands (and only those)", () => {
    assert.deepStrictEqual(markedCommands("<!-- test: run -->\n```sh\nnpm run a   # c\n# x\n\nnpm run b\n```\n```sh\nnpm run c\n```\n"), ["npm run a   # c", "npm run b"]);
    const all = DOCS.flatMap((d) => markedCommands(read(d)));
    assert.ok(all.includes("npm run plan -- --help") && all.some((c) => c.startsWith("npm run doctor -- -s eks-us-east-1")), all.join("\n"));
  });

  it("every marked command runs and exits 0 (end to end, through npm)", async () => {
    const commands = [...new Set(DOCS.flatMap((d) => markedCommands(read(d))))];
    const results = await Promise.all(commands.map(async (c) => ({ c, ...(await sh(c)) })));
    for (const r of results) assert.strictEqual(r.code, 0, `${r.c} exited ${r.code}:\n${r.output}`);
  });
});
