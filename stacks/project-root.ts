// The project folder (the one holding Pulumi.yaml), whether this module runs from its source or from the
// compiled build in dist/: paths to stacks/, policy/ and docs/ are resolved from here, never from __dirname.
import * as fs from "fs";
import * as path from "path";

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

export const PROJECT_ROOT = findRoot(__dirname);
