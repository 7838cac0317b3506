// The configuration reference (docs/configuration.md), generated from the schema so docs and validation
// never drift. `npm run docs:config` prints it; `npm run docs:config -- --write` updates the docs in place.
import { TOP_LEVEL, walk } from "../../components/core/config";

export const BEGIN = "<!-- config-reference:begin (npm run docs:config -- --write) -->";
export const END = "<!-- config-reference:end -->";

/** The page that holds the reference, relative to the project root. */
export const CONFIG_REFERENCE_PAGE = "docs/configuration.md";

export function configReference(): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  const rows = ["| key (`dynamo-ha:` …) | type | default | what it does |", "| --- | --- | --- | --- |"];
  for (const [key, field] of Object.entries(TOP_LEVEL)) {
    for (const [p, f] of walk(key, field)) rows.push(`| \`${p}\` | ${cell(f.type)} | ${cell(f.defaultText ?? "required")} | ${cell(f.doc)} |`);
  }
  return rows.join("\n");
}

/** The text with its BEGIN … END block replaced by `content`; throws when the block is missing. */
export function withBlock(text: string, begin: string, end: string, content: string, file = CONFIG_REFERENCE_PAGE): string {
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`${file} has no ${begin} … ${end} block`);
  return `${text.slice(0, a + begin.length)}\n${content}\n${text.slice(b)}`;
}

export function withReference(page: string): string {
  return withBlock(page, BEGIN, END, configReference());
}
