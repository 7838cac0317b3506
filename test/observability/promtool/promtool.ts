// Finds and runs Prometheus' promtool (Debian package `prometheus`).
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** promtool on PATH, or undefined. */
export function findPromtool(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, "promtool");
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface Run {
  readonly code: number;
  readonly output: string;
}

export function runPromtool(bin: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(bin, [...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}
