// A script of the project in its own Node process, as a user runs it: the end-to-end tests' one way
// to start a command and read its exit code and output.
import { ChildProcess, spawn } from "child_process";
import { PROJECT_ROOT } from "../../stacks/project-root";

export interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ScriptOptions {
  /** The child's environment. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Where stdout goes, as a shell's `> file` would send it; then `stdout` is "". @default collected */
  stdoutFd?: number;
  /** Called with the child as it starts (to signal it, say). */
  onSpawn?: (child: ChildProcess) => void;
}

/**
 * `node <script> …args` from the project root with stdout and stderr collected. A run started before
 * the test that reads it never rejects unhandled: the rejection waits for that test's await.
 */
export function runScript(script: string, args: string[], o: ScriptOptions = {}): Promise<Exit> {
  const run = new Promise<Exit>((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: PROJECT_ROOT, env: o.env ?? process.env, stdio: ["ignore", o.stdoutFd ?? "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    o.onSpawn?.(child);
  });
  run.catch(() => undefined);
  return run;
}
