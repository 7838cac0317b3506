// An OpenAI-compatible frontend stub on loopback that fails during a known window, in one of three ways:
// the listener is closed (connection refused) and reopened on the same port, HTTP 503, or responses stall
// past the client timeout. It counts what it served, so tests compare the verifier against its own truth.
import * as http from "http";
import { AddressInfo } from "net";

export type FailureMode = "refused" | "503" | "stall";

export interface OpenAiStubOptions {
  mode: FailureMode;
  /** Failure window relative to the first chat request, ms (none when absent: see failFor). */
  failFromMs?: number;
  failToMs?: number;
  /** Service time of a healthy request, ms. @default 10 */
  latencyMs?: number;
  model?: string;
}

export interface OpenAiStub {
  url: string;
  /** Chat requests the server received (refused connections never reach it). */
  received: number;
  /** Chat requests answered completely with 200. */
  ok: number;
  /** Actual failure window, epoch ms (set once it happened). */
  window: { start?: number; end?: number };
  /**
   * Starts the failure now, for `ms` milliseconds and until at least `minFailed` requests have been
   * failed (503 and stall modes count them; a refused connection never reaches the server), so a run
   * shows its dip however the machine schedules the client.
   */
  failFor(ms: number, minFailed?: number): void;
  close(): Promise<void>;
}

const completion = (model: string) => ({
  id: "cmpl-1",
  object: "chat.completion",
  model,
  choices: [{ index: 0, message: { role: "assistant", content: "Redundancy keeps serving." }, finish_reason: "stop" }],
});

const chunk = (model: string, content: string, finish: string | null) =>
  `data: ${JSON.stringify({ id: "cmpl-1", object: "chat.completion.chunk", model, choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`;

export async function startOpenAiStub(o: OpenAiStubOptions): Promise<OpenAiStub> {
  const model = o.model ?? "stub-model";
  const latency = o.latencyMs ?? 10;
  let failing = false;
  // Requests failed in the current window, and how many must be before it may end.
  let failed = 0;
  let mustFail = 0;
  let endDue = false;
  const timers: NodeJS.Timeout[] = [];
  const stalled = new Set<http.ServerResponse>();
  const stub: OpenAiStub = { url: "", received: 0, ok: 0, window: {}, failFor: () => undefined, close: async () => undefined };
  let scheduled = false;
  let port = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method === "GET" && req.url === "/v1/models") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ object: "list", data: [{ id: model, object: "model" }] }));
        return;
      }
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
        res.writeHead(404).end();
        return;
      }
      if (!scheduled && o.failFromMs !== undefined && o.failToMs !== undefined) schedule(o.failFromMs, o.failToMs);
      stub.received++;
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { stream?: boolean };
      if (failing && o.mode !== "refused") countFailed();
      if (failing && o.mode === "503") {
        res.writeHead(503, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "no instances", code: 503 } }));
        return;
      }
      if (failing && o.mode === "stall") {
        // Streams stall after the first token (a worker dying mid-answer); the rest stall before headers.
        stalled.add(res);
        if (body.stream) {
          res.writeHead(200, { "content-type": "text/event-stream" });
          res.write(chunk(model, "Redundancy", null));
        }
        return;
      }
      res.on("finish", () => {
        if (res.statusCode === 200) stub.ok++;
      });
      const t = setTimeout(() => {
        if (body.stream) {
          res.writeHead(200, { "content-type": "text/event-stream" });
          res.write(chunk(model, "Redundancy", null));
          res.write(chunk(model, " keeps serving.", "stop"));
          res.end("data: [DONE]\n\n");
        } else {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify(completion(model)));
        }
      }, latency);
      timers.push(t);
    });
  });

  const listen = () => new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  function countFailed() {
    failed++;
    if (endDue && failed >= mustFail) end();
  }
  function begin() {
    stub.window.start = Date.now();
    failing = true;
    failed = 0;
    endDue = false;
    if (o.mode === "refused") {
      server.close();
      server.closeAllConnections();
    }
  }
  function end() {
    if (!failing) return;
    if (o.mode !== "refused" && failed < mustFail) {
      endDue = true;
      return;
    }
    endDue = false;
    const reopened = o.mode === "refused" ? listen() : Promise.resolve();
    void reopened.then(() => {
      failing = false;
      stub.window.end = Date.now();
    });
  }
  function schedule(fromMs: number, toMs: number) {
    scheduled = true;
    timers.push(setTimeout(begin, fromMs), setTimeout(end, toMs));
  }
  stub.failFor = (ms, minFailed = 0) => {
    scheduled = true;
    mustFail = minFailed;
    begin();
    timers.push(setTimeout(end, ms));
  };

  await listen();
  port = (server.address() as AddressInfo).port;
  stub.url = `http://127.0.0.1:${port}`;
  stub.close = async () => {
    for (const t of timers) clearTimeout(t);
    for (const r of stalled) r.destroy();
    server.closeAllConnections();
    if (server.listening) await new Promise<void>((r) => server.close(() => r()));
  };
  return stub;
}
