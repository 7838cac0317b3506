import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { capture } from "../../tools/plan/capture";
import { promisesUntraced, withoutFrames } from "../../tools/plan/promise-traces";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise<T>(p: Promise<T>, ctx: string): Promise<T> };

describe("plan capture: the SDK's promises without leak-report traces", () => {
  it("withoutFrames: errors made inside have no frames; the limit comes back, after a throw too", () => {
    const before = Error.stackTraceLimit;
    const stack = withoutFrames(() => new Error("inside").stack)();
    assert.strictEqual(stack, "Error: inside");
    assert.throws(withoutFrames(() => assert.fail("thrown")), /thrown/);
    assert.strictEqual(Error.stackTraceLimit, before);
    assert.match(new Error("outside").stack ?? "", /\n +at /);
  });

  it("after a capture the SDK's promises carry no frames but resolve and reject as before; errors keep their stacks", async () => {
    await capture(() => ({ out: pulumi.output(1) }), { project: "dynamo-ha", stack: "test", config: {} });
    assert.ok(promisesUntraced());
    const ok = debuggable.debuggablePromise(Promise.resolve(42), "ok");
    assert.strictEqual((ok as unknown as { _debugStackTrace?: string })._debugStackTrace, undefined, "the trace is on the inner promise");
    assert.strictEqual(await ok, 42);
    const inner = Promise.reject(new Error("no"));
    const failed = debuggable.debuggablePromise(inner, "failed");
    assert.strictEqual((inner as unknown as { _debugStackTrace: string })._debugStackTrace, "Error");
    await assert.rejects(failed, (e: Error) => e.message === "no" && /\n +at /.test(e.stack ?? ""));
  });
});
