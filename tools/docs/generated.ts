// The generated blocks of the docs: each is rewritten from code by `npm run docs:config -- --write` and
// checked by a test, so a page never drifts from what it documents.
import * as fs from "fs";
import * as path from "path";
import { exitCodeTable } from "../cli/exit-codes";
import { BEGIN, CONFIG_REFERENCE_PAGE, configReference, END, withBlock } from "./config-reference";

export interface GeneratedBlock {
  /** Relative to the project root. */
  file: string;
  begin: string;
  end: string;
  content: () => string;
}

export const EXIT_CODES_BEGIN = "<!-- exit-codes:begin (npm run docs:config -- --write) -->";
export const EXIT_CODES_END = "<!-- exit-codes:end -->";

export const GENERATED_BLOCKS: readonly GeneratedBlock[] = [
  { file: CONFIG_REFERENCE_PAGE, begin: BEGIN, end: END, content: configReference },
  { file: "docs/cli.md", begin: EXIT_CODES_BEGIN, end: EXIT_CODES_END, content: exitCodeTable },
];

/** Each page's text as it should be (every block of that page regenerated). */
export function regenerated(root: string, blocks: readonly GeneratedBlock[] = GENERATED_BLOCKS): Map<string, { now: string; want: string }> {
  const pages = new Map<string, { now: string; want: string }>();
  for (const b of blocks) {
    const page = pages.get(b.file) ?? (() => {
      const now = fs.readFileSync(path.join(root, b.file), "utf8");
      return { now, want: now };
    })();
    page.want = withBlock(page.want, b.begin, b.end, b.content(), b.file);
    pages.set(b.file, page);
  }
  return pages;
}
