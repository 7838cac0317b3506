// The ai-dynamo/dynamo commits the project cites are the ones listed, with their standing, in
// components/core/versions.ts DYNAMO_SOURCES: the nearest-commit situation stays in one place.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { DYNAMO_SOURCES, VERSIONS } from "../../components/core/versions";
import { loadVendoredCrds } from "../../tools/crdgen/crd";
import { PROJECT_ROOT } from "../../stacks/project-root";

const SCANNED = ["components", "docs", "tools", "policy", "stacks", "test", "README.md"];
const SKIP = new Set(["node_modules", "dist", ".git", "fixtures"]);
/** The list itself names the repo next to its commits. */
const REGISTRY = path.join("components", "core", "versions.ts");
const TEXT = /\.(ts|md|json|ya?ml|js)$/;

function files(rel: string, out: string[] = []): string[] {
  const abs = path.join(PROJECT_ROOT, rel);
  if (!fs.existsSync(abs)) return out;
  if (fs.statSync(abs).isFile()) {
    if (TEXT.test(rel)) out.push(rel);
    return out;
  }
  for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
    if (SKIP.has(e.name)) continue;
    files(path.join(rel, e.name), out);
  }
  return out;
}

/** Each 40-hex commit that follows a mention of the repo (a citation `ai-dynamo/dynamo <path> @<commit>`, or repo/path/commit fields). */
export function citedCommits(text: string, repo: string): string[] {
  const re = new RegExp(`${repo.replace(/[/.-]/g, "\\$&")}\\b[^]{0,300}?\\b([0-9a-f]{40})\\b`, "g");
  return [...text.matchAll(re)].map((m) => m[1]);
}

describe("upstream Dynamo sources (versions.ts DYNAMO_SOURCES)", () => {
  const cited = new Map<string, Set<string>>();
  for (const f of SCANNED.flatMap((d) => files(d)).filter((f) => f !== REGISTRY)) {
    for (const c of citedCommits(fs.readFileSync(path.join(PROJECT_ROOT, f), "utf8"), DYNAMO_SOURCES.repo)) {
      cited.set(c, (cited.get(c) ?? new Set()).add(f));
    }
  }
  const listed = Object.keys(DYNAMO_SOURCES.readAt);

  it("finds citations the way they are written", () => {
    assert.deepStrictEqual(citedCommits(`ai-dynamo/dynamo deploy/x.yaml @${"a".repeat(40)}; ai-dynamo/grove y @${"b".repeat(40)}`, "ai-dynamo/dynamo"), ["a".repeat(40)]);
    assert.deepStrictEqual(citedCommits(`"repo": "ai-dynamo/dynamo",\n "path": "p",\n "commit": "${"c".repeat(40)}"`, "ai-dynamo/dynamo"), ["c".repeat(40)]);
    assert.ok(cited.size > 0, "no citation found: the scan lost track of the sources");
  });

  it("lists every cited commit, and cites every listed one", () => {
    const unlisted = [...cited].filter(([c]) => !listed.includes(c)).map(([c, where]) => `${c} (cited in ${[...where].join(", ")}) is not in DYNAMO_SOURCES.readAt`);
    assert.deepStrictEqual(unlisted, []);
    assert.deepStrictEqual(listed.filter((c) => !cited.has(c)), [], "DYNAMO_SOURCES.readAt lists a commit nothing cites");
  });

  it("records for each reading a 40-hex commit, the paths read and its standing", () => {
    for (const [c, r] of Object.entries(DYNAMO_SOURCES.readAt)) {
      assert.match(c, /^[0-9a-f]{40}$/);
      assert.ok(r.paths.length > 0 && r.line.length > 0, c);
    }
    assert.strictEqual(DYNAMO_SOURCES.releaseTag, `v${VERSIONS.dynamoPlatform.version}`);
  });

  it("lists each vendored CRD's commit with its path", () => {
    for (const crd of loadVendoredCrds()) {
      const r = DYNAMO_SOURCES.readAt[crd.source.commit];
      assert.ok(r, `${crd.file}: commit ${crd.source.commit} is not in DYNAMO_SOURCES.readAt`);
      assert.ok(r.paths.includes(crd.source.path), `${crd.file}: ${crd.source.path} is not listed under its commit`);
    }
  });
});
