// Temporary directories a test run makes, removed when its process exits (a mocha worker or the serial
// run), so repeated runs leave nothing behind in the system's temp folder.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const made: string[] = [];
let hooked = false;

/** A fresh directory under the system temp folder, removed at process exit. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  if (!hooked) {
    hooked = true;
    process.once("exit", () => {
      for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    });
  }
  return dir;
}
