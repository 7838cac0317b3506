// The load driver and measurements against a real HTTP server on loopback that fails in a known window.
import * as assert from "assert";
import { classifyNetworkError, discoverModel, startLoad } from "../../tools/verify/load";
import { computeMetrics, Metrics, RequestRecord } from "../../tools/verify/metrics";
import { FailureMode, OpenAiStub, startOpenAiStub } from "./support/openai-stub";

const DURATION_MS = 6000;
// Generous next to the stub's 10 ms service time: shared CI machines stall the event loop for hundreds of ms.
const TIMEOUT_MS = 800;

interface Outcome {
  stub: OpenAiStub;
  records: RequestRecord[];
  metrics: Metrics;
  startedAt: number;
}

async function scenario(mode: FailureMode, stream: boolean): Promise<Outcome> {
  const stub = await startOpenAiStub({ mode, failFromMs: 1500, failToMs: 3500 });
  try {
    const model = await discoverModel(stub.url, 2000);
    const run = startLoad({
      url: stub.url,
      model,
      stream,
      maxTokens: 8,
      concurrency: 4,
      durationMs: DURATION_MS,
      timeoutMs: TIMEOUT_MS,
      ratePerClient: 5,
    });
    const records = await run.done;
    const metrics = computeMetrics(records, {
      recoveryRatio: 0.9,
      recoveryWindowMs: 1000,
      bucketMs: 1000,
      durationMs: DURATION_MS,
    });
    return { stub, records, metrics, startedAt: run.startedAt };
  } finally {
    await stub.close();
  }
}

const cases: { mode: FailureMode; stream: boolean; error: RegExp }[] = [
  { mode: "refused", stream: false, error: /^(refused|reset)$/ },
  { mode: "503", stream: false, error: /^http-503$/ },
  { mode: "stall", stream: false, error: /^timeout$/ },
  { mode: "refused", stream: true, error: /^(refused|reset)$/ },
  { mode: "503", stream: true, error: /^http-503$/ },
  { mode: "stall", stream: true, error: /^timeout$/ },
];

describe("verify: load against a failing loopback frontend", function () {
  this.timeout(30000);
  // The scenarios use separate servers and ports, so they run side by side to keep the suite short.
  let results: Outcome[] = [];
  before(async () => {
    results = await Promise.all(cases.map((c) => scenario(c.mode, c.stream)));
  });

  cases.forEach((c, i) => {
    const name = `${c.mode}, ${c.stream ? "streaming" : "non-streaming"}`;
    it(`${name}: recovery within 1 s of the injected window`, () => {
      const { stub, metrics } = results[i];
      assert.ok(stub.window.start !== undefined && stub.window.end !== undefined, "the window happened");
      const truth = ((stub.window.end as number) - (stub.window.start as number)) / 1000;
      assert.ok(metrics.recovered, "recovered");
      assert.ok(metrics.recoverySeconds !== null);
      assert.ok(Math.abs(metrics.recoverySeconds - truth) <= 1, `recovery ${metrics.recoverySeconds} s vs window ${truth} s`);
    });

    it(`${name}: success rate within 2 points of the server's own count`, () => {
      const { stub, metrics } = results[i];
      // Refused connections never reach the server, so the denominator is what the clients attempted;
      // the numerator is always the server's count of complete 200 answers.
      const denominator = c.mode === "refused" ? metrics.total : stub.received;
      const truth = stub.ok / denominator;
      assert.ok(metrics.total > 40, `enough requests (${metrics.total})`);
      assert.ok(metrics.failed > 0, "the window caused failures");
      assert.ok(Math.abs(metrics.successRate - truth) <= 0.02, `measured ${metrics.successRate} vs truth ${truth}`);
      if (c.mode !== "refused") assert.strictEqual(metrics.total, stub.received, "every request reached the server");
    });

    it(`${name}: classifies the failures and times them inside the window`, () => {
      const { stub, records, startedAt } = results[i];
      const from = (stub.window.start as number) - startedAt;
      const to = (stub.window.end as number) - startedAt;
      const failures = records.filter((x) => !x.ok);
      for (const r of failures) assert.match(r.error ?? "", c.error);
      // Failures belong to the window: sent during it, or in flight when it opened.
      const inside = failures.filter((r) => r.endMs >= from - 100 && r.startMs <= to + 100);
      assert.ok(inside.length >= failures.length * 0.9, `${inside.length} of ${failures.length} failures in ${from}..${to}`);
      const t = results[i].metrics.timeline;
      assert.strictEqual(t.reduce((n, b) => n + b.sent, 0), records.length);
      assert.ok(t.length >= DURATION_MS / 1000);
      if (c.stream) assert.ok(records.some((r) => r.ok && r.ttftMs !== undefined), "time to first token recorded");
    });
  });

  it("a failure window with a minimum lasts until that many requests have failed, however late they come", async () => {
    const stub = await startOpenAiStub({ mode: "503" });
    const chat = () => fetch(`${stub.url}/v1/chat/completions`, { method: "POST", body: JSON.stringify({ messages: [] }) }).then((r) => r.status);
    try {
      stub.failFor(20, 2);
      await new Promise((r) => setTimeout(r, 100)); // the 20 ms pass with no request
      assert.deepStrictEqual([await chat(), await chat(), await chat()], [503, 503, 200]);
      assert.ok(stub.window.end! - stub.window.start! >= 100, "the window ended only after the second failure");
      stub.failFor(20);
      await new Promise((r) => setTimeout(r, 100));
      assert.strictEqual(await chat(), 200, "without a minimum the window ends on time");
    } finally {
      await stub.close();
    }
  });

  it("discoverModel names the first model and rejects an unreachable frontend", async () => {
    const stub = await startOpenAiStub({ mode: "503", failFromMs: 1e6, failToMs: 2e6, model: "m-1" });
    const url = stub.url;
    try {
      assert.strictEqual(await discoverModel(url, 2000), "m-1");
    } finally {
      await stub.close();
    }
    await assert.rejects(discoverModel(url, 2000), /v1\/models: (refused|reset)/);
  });

  it("classifies a timed-out fetch as a timeout, and never throws on a code that is not a string", () => {
    assert.strictEqual(classifyNetworkError(new DOMException("The operation timed out.", "TimeoutError")), "timeout");
    assert.strictEqual(classifyNetworkError(Object.assign(new Error("x"), { cause: { code: 20 } })), "20");
    assert.strictEqual(classifyNetworkError(Object.assign(new Error("x"), { cause: { code: "ECONNREFUSED" } })), "refused");
    assert.strictEqual(classifyNetworkError(new Error("x")), "network");
  });
});
