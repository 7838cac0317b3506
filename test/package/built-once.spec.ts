// The test runs' build-once files (package schema, shared plans): one builder, the others wait.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { builtOnce } from "../support/built-once";
import { tempDir } from "../support/temp";

describe("builtOnce (a file one test process builds for all)", () => {
  it("builds once for callers that ask together; the others read the builder's file", async () => {
    const file = path.join(tempDir("built-once-"), "x.json");
    let builds = 0;
    const build = async () => {
      builds++;
      await new Promise((r) => setTimeout(r, 50));
      return '{"x":1}';
    };
    assert.deepStrictEqual(await Promise.all([builtOnce(file, build), builtOnce(file, build), builtOnce(file, build)]), ['{"x":1}', '{"x":1}', '{"x":1}']);
    assert.strictEqual(builds, 1);
    assert.deepStrictEqual(fs.readdirSync(path.dirname(file)), ["x.json"], "no lock or partial file left");
  });

  it("a failed build releases the lock: the error reaches the builder, and the next caller builds again", async () => {
    const file = path.join(tempDir("built-once-"), "x.json");
    await assert.rejects(builtOnce(file, async () => { throw new Error("broken"); }), /broken/);
    assert.ok(!fs.existsSync(`${file}.lock`));
    assert.strictEqual(await builtOnce(file, async () => "ok"), "ok");
  });

  it("a lock left by a process that is gone is taken over", async () => {
    const file = path.join(tempDir("built-once-"), "x.json");
    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    fs.writeFileSync(`${file}.lock`, String(gone));
    assert.strictEqual(await builtOnce(file, async () => "rebuilt"), "rebuilt");
  });
});
