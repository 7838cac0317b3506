// The policy pack's launcher process: reading the port it announces, and stopping it.
import { EventEmitter } from "events";

/** The parts of a ChildProcess the port reader needs (a plain emitter in tests). */
export interface LauncherProcess extends EventEmitter {
  readonly stdout: EventEmitter | null;
  readonly stderr: EventEmitter | null;
}

/**
 * The analyzer's port from the launcher's stdout so far, or undefined while no complete line holds one.
 * The line must end in a newline: stdout arrives in chunks, and "51" of a port "51234" split across two
 * chunks is not yet a port.
 */
export function parsePort(stdout: string): number | undefined {
  const m = /^[ \t]*(\d{1,5})[ \t]*\r?\n/m.exec(stdout);
  if (!m) return undefined;
  const port = Number(m[1]);
  return port >= 1 && port <= 65535 ? port : undefined;
}

/**
 * Resolves with the port the launcher prints as a stdout line, as the CLI expects. Rejects when the
 * process cannot be spawned ('error'), exits first, or says nothing within `timeoutMs`.
 */
export function readPort(child: LauncherProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    let settled = false;
    const stderrTail = () => (err ? `: ${err.trim()}` : "");
    const onOut = (d: Buffer | string) => {
      out += d.toString();
      const port = parsePort(out);
      if (port !== undefined) done(() => resolve(port));
    };
    const onErrOut = (d: Buffer | string) => (err = (err + d.toString()).slice(-8000));
    const onExit = (code: number | null) => done(() => reject(new Error(`policy pack exited with code ${code} before serving${stderrTail()}`)));
    const onError = (e: Error) => done(() => reject(new Error(`policy pack launcher failed: ${e.message}`)));
    const timer = setTimeout(() => done(() => reject(new Error(`policy pack did not print its port within ${timeoutMs} ms${stderrTail()}`))), timeoutMs);
    function done(f: () => void) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout?.off("data", onOut);
      child.stderr?.off("data", onErrOut);
      child.off("exit", onExit);
      child.off("error", onError);
      f();
    }
    child.stdout?.on("data", onOut);
    child.stderr?.on("data", onErrOut);
    child.on("exit", onExit);
    child.on("error", onError);
  });
}

/** The parts of a ChildProcess stopChild needs. */
export interface StoppableProcess extends EventEmitter {
  readonly pid?: number;
  readonly exitCode: number | null;
  readonly signalCode: NodeJS.Signals | string | null;
  kill(signal?: NodeJS.Signals): boolean;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves on exit, or after a second grace if none comes. */
export async function stopChild(child: StoppableProcess, graceMs = 3000): Promise<void> {
  // Never spawned (the 'error' path) or already gone: nothing to stop.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const finish = () => {
      clearTimeout(kill);
      clearTimeout(giveUp);
      child.off("exit", finish);
      resolve();
    };
    const kill = setTimeout(() => child.kill("SIGKILL"), graceMs);
    const giveUp = setTimeout(finish, 2 * graceMs);
    child.once("exit", finish);
    child.kill("SIGTERM");
  });
}
