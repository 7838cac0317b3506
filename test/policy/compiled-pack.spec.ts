// `pulumi preview --policy-pack policy` starts the pack through the SDK's launcher in policy/. The pack
// ships compiled (package.json main → dist/index.js): the launcher must load JavaScript only, so no
// TypeScript is compiled or type-checked on any preview.
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readPort, stopChild } from "../../tools/plan/analyzer/launcher";
import { PROJECT_ROOT } from "../../stacks/project-root";

// Preloaded into the launcher: appends every module Node compiles to a file, as it happens (the pack is
// stopped by a signal, so nothing may wait for exit).
const PROBE = `
const fs = require("fs");
const Module = require("module");
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  fs.appendFileSync(process.env.PACK_PROBE_OUT, filename + "\\n");
  return compile.call(this, content, filename);
};
`;

describe("the pack as the CLI starts it", function () {
  this.timeout(60_000);

  it("loads the compiled pack from policy/dist and compiles no TypeScript", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-probe-"));
    const probe = path.join(dir, "probe.js");
    const out = path.join(dir, "loaded.txt");
    fs.writeFileSync(probe, PROBE);
    const packDir = path.join(PROJECT_ROOT, "policy");
    assert.strictEqual(JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8")).main, "dist/index.js");
    const launcher = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
    // The engine address is never dialled before the first RPC; the pack only has to start and print its port.
    const child = spawn(process.execPath, ["--require", probe, launcher, "127.0.0.1:1", "."], {
      cwd: packDir,
      env: { ...process.env, PACK_PROBE_OUT: out, PULUMI_CONFIG: "{}" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      await readPort(child, 30_000);
    } finally {
      await stopChild(child);
    }
    const loaded = fs.readFileSync(out, "utf8").split("\n").filter(Boolean);
    fs.rmSync(dir, { recursive: true, force: true });
    assert.deepStrictEqual(loaded.filter((f) => /\.[cm]?tsx?$/.test(f)), [], "TypeScript compiled at pack start");
    assert.ok(loaded.includes(path.join(packDir, "dist", "index.js")), "the compiled entry was not loaded");
    assert.ok(loaded.some((f) => f.startsWith(path.join(packDir, "dist", "policies"))), "the compiled policies were not loaded");
  });
});
