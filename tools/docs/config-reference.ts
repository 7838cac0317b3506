// The README's configuration reference, generated from the schema so docs and validation never drift.
// `npm run docs:config` prints it; `npm run docs:config -- --write` updates README.md in place.
import "../compile-cache";
import * as fs from "fs";
import * as path from "path";
import { TOP_LEVEL, walk } from "../../components/core/config";
import { PROJECT_ROOT } from "../../stacks/project-root";

export const BEGIN = "<!-- config-reference:begin (npm run docs:config -- --write) -->";
export const END = "<!-- config-reference:end -->";

export function configReference(): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  const rows = ["| key (`dynamo-ha:` …) | type | default | what it does |", "| --- | --- | --- | --- |"];
  for (const [key, field] of Object.entries(TOP_LEVEL)) {
    for (const [p, f] of walk(key, field)) rows.push(`| \`${p}\` | ${cell(f.type)} | ${cell(f.defaultText ?? "required")} | ${cell(f.doc)} |`);
  }
  return rows.join("\n");
}

export function withReference(readme: string): string {
  const a = readme.indexOf(BEGIN);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md has no ${BEGIN} … ${END} block`);
  return `${readme.slice(0, a + BEGIN.length)}\n${configReference()}\n${readme.slice(b)}`;
}

if (require.main === module) {
  if (process.argv.includes("--write")) {
    const file = path.join(PROJECT_ROOT, "README.md");
    fs.writeFileSync(file, withReference(fs.readFileSync(file, "utf8")));
  } else {
    process.stdout.write(`${configReference()}\n`);
  }
}
