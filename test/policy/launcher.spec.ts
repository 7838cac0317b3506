// The launcher seam of the analyzer session: port parsing over chunked stdout, spawn errors, and
// cleanup of everything started when the handshake fails.
import * as assert from "assert";
import { EventEmitter } from "events";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { parsePort, readPort, stopChild } from "../../tools/plan/analyzer/launcher";
import { AnalyzerSession } from "../../tools/plan/analyzer/session";

class FakeChild extends EventEmitter {
  readonly stdout = new EventEmitter();
  readonly stderr = new EventEmitter();
}

describe("policy pack launcher", () => {
  describe("parsePort", () => {
    it("needs a complete line: a port split across chunks is not read early", () => {
      assert.strictEqual(parsePort("51"), undefined);
      assert.strictEqual(parsePort("51234"), undefined);
      assert.strictEqual(parsePort("51234\n"), 51234);
      assert.strictEqual(parsePort("  51234 \r\n"), 51234);
    });
    it("skips earlier non-port lines and rejects out-of-range numbers", () => {
      assert.strictEqual(parsePort("warming up\n40000\n"), 40000);
      assert.strictEqual(parsePort("99999\n"), undefined);
      assert.strictEqual(parsePort("0\n"), undefined);
      assert.strictEqual(parsePort("port 123\n"), undefined);
    });
  });

  describe("readPort", () => {
    it("waits for the newline when the port arrives in two chunks", async () => {
      const child = new FakeChild();
      const p = readPort(child, 5000);
      child.stdout.emit("data", Buffer.from("51"));
      child.stdout.emit("data", Buffer.from("234\n"));
      assert.strictEqual(await p, 51234);
      assert.strictEqual(child.listenerCount("error") + child.listenerCount("exit") + child.stdout.listenerCount("data"), 0);
    });
    it("rejects on a spawn 'error' instead of leaving it unhandled", async () => {
      const child = new FakeChild();
      const p = readPort(child, 5000);
      child.emit("error", new Error("spawn ENOENT"));
      await assert.rejects(p, /launcher failed: spawn ENOENT/);
    });
    it("rejects with the stderr tail when the process exits first", async () => {
      const child = new FakeChild();
      const p = readPort(child, 5000);
      child.stderr.emit("data", Buffer.from("TSError: bad pack\n"));
      child.emit("exit", 2);
      await assert.rejects(p, /exited with code 2 before serving: TSError: bad pack/);
    });
  });

  it("stopChild returns at once for a process that never spawned", async () => {
    const never = Object.assign(new EventEmitter(), { pid: undefined, exitCode: null, signalCode: null, kill: () => assert.fail("kill on a process that never started") });
    await stopChild(never);
  });

  describe("AnalyzerSession.start when the handshake fails", function () {
    this.timeout(60_000);
    let dir: string;
    let closes = 0;
    const close = grpc.Client.prototype.close;
    before(async () => {
      // A port nothing listens on: take one, then free it.
      const srv = net.createServer();
      await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
      const port = (srv.address() as net.AddressInfo).port;
      await new Promise<void>((r) => srv.close(() => r()));
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-pack-"));
      // A launcher that announces a port but serves nothing there, so the handshake cannot connect.
      // (The SDK's launcher would spend a second loading TypeScript first; the session is under test.)
      fs.writeFileSync(path.join(dir, "launcher.js"), `console.log("${port}"); setInterval(() => {}, 1000);\n`);
      grpc.Client.prototype.close = function (this: grpc.Client) {
        closes++;
        return close.call(this);
      };
    });
    after(() => {
      grpc.Client.prototype.close = close;
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("rejects and closes the gRPC client it created", async () => {
      await assert.rejects(AnalyzerSession.start({ packDir: dir, launcher: path.join(dir, "launcher.js"), project: "p", stack: "s", callTimeoutMs: 10_000 }), /handshake/);
      assert.strictEqual(closes, 1);
    });
  });
});
