// A stand-in `pulumi` on PATH that records its arguments and working directory, and exits with $STUB_EXIT.
import * as fs from "fs";
import * as path from "path";
import { tempDir } from "../support/temp";

export interface Stub {
  dir: string;
  argsFile: string;
  /** Arguments of the last run, one per line as the stub received them. */
  args(): string[];
  cwd(): string;
  ran(): boolean;
}

export function pulumiStub(): Stub {
  const dir = tempDir("pulumi-stub-");
  const argsFile = path.join(dir, "args.txt");
  fs.writeFileSync(
    path.join(dir, "pulumi"),
    `#!/bin/sh\nprintf '%s\\n' "$@" > "${argsFile}"\npwd > "${argsFile}.cwd"\nexit "\${STUB_EXIT:-0}"\n`,
    { mode: 0o755 },
  );
  return {
    dir,
    argsFile,
    args: () => fs.readFileSync(argsFile, "utf8").split("\n").slice(0, -1),
    cwd: () => fs.readFileSync(`${argsFile}.cwd`, "utf8").trim(),
    ran: () => fs.existsSync(argsFile),
  };
}
