// A file built by one test process while others that need it wait for it: parallel workers would
// otherwise each spend the seconds building the same thing. The builder holds `<file>.lock` (its pid);
// a lock left by a process that is gone is taken over, and a builder that fails releases the lock, so
// a waiting process then builds (and fails) for itself.
import * as fs from "fs";
import * as path from "path";
import { setTimeout as sleep } from "timers/promises";

const POLL_MS = 25;
const WAIT_MS = 120_000;

/** The text of `file`, built by `build` in this process unless another process builds it first. */
export async function builtOnce(file: string, build: () => Promise<string>): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lock = `${file}.lock`;
  for (const end = Date.now() + WAIT_MS; !fs.existsSync(file); await sleep(POLL_MS)) {
    if (claim(lock)) {
      try {
        const text = await build();
        // Written whole, then renamed: another process never reads half a file.
        fs.writeFileSync(`${file}.${process.pid}`, text);
        fs.renameSync(`${file}.${process.pid}`, file);
        return text;
      } finally {
        fs.rmSync(lock, { force: true });
      }
    }
    if (Date.now() > end) throw new Error(`waited ${WAIT_MS / 1000} s for another process to build ${file} (remove ${lock} if none is running)`);
  }
  return fs.readFileSync(file, "utf8");
}

/** Creates the lock file if nobody holds it; a lock left by a process that is gone is taken over. */
function claim(lock: string): boolean {
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    let owner = 0;
    try {
      owner = Number(fs.readFileSync(lock, "utf8")) || 0;
    } catch {
      return false; // released between the two calls: try again on the next poll
    }
    if (owner && !alive(owner)) {
      fs.rmSync(lock, { force: true });
      return claim(lock);
    }
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
