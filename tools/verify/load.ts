// HTTP load against an OpenAI-compatible frontend: N clients, each sending /v1/chat/completions at a fixed
// pace until the duration ends, every request bounded by a timeout. Failures are classified so the timeline
// can show what the clients saw (connection refused, HTTP 503, timeout, reset, broken stream).
import { setTimeout as sleep } from "timers/promises";
import { RequestRecord } from "./metrics";

export interface LoadOptions {
  /** Frontend base URL without trailing slash. */
  readonly url: string;
  readonly model: string;
  readonly stream: boolean;
  readonly maxTokens: number;
  readonly concurrency: number;
  readonly durationMs: number;
  readonly timeoutMs: number;
  /** Requests per second per client; 0 = back-to-back (a failed request then waits FAILURE_PAUSE_MS). */
  readonly ratePerClient: number;
  /** Stops the load early (Ctrl-C); requests cut short are dropped, not counted. */
  readonly signal?: AbortSignal;
  /** Called for every finished request, e.g. for progress output. */
  readonly onRecord?: (r: RequestRecord) => void;
}

/** Pause after a failure when unpaced, so a refusing endpoint is not hammered in a hot loop. */
export const FAILURE_PAUSE_MS = 100;

const PROMPT = "Reply with one short sentence about high availability.";

export interface LoadRun {
  /** Milliseconds since the load started. */
  elapsedMs(): number;
  /** Wall-clock start (epoch ms). */
  readonly startedAt: number;
  /** Settles when every client stopped and every in-flight request finished. */
  readonly done: Promise<RequestRecord[]>;
}

/** Network error code from a fetch failure (undici puts it on `cause`). */
export function classifyNetworkError(e: unknown): string {
  const err = e as { name?: unknown; code?: unknown; cause?: { code?: unknown; name?: string } };
  // AbortSignal.timeout rejects with a DOMException "TimeoutError" whose `code` is a number.
  if (err?.name === "TimeoutError" || err?.name === "AbortError") return "timeout";
  // Codes are strings from Node and undici, but a cause may carry a number (an HTTP/2 or TLS error code).
  const raw = err?.cause?.code ?? err?.code;
  const code = typeof raw === "string" ? raw : raw === undefined || raw === null ? undefined : String(raw);
  if (code === "ECONNREFUSED") return "refused";
  if (code === "ECONNRESET" || code === "EPIPE" || code === "UND_ERR_SOCKET" || code === "UND_ERR_CLOSED") return "reset";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "dns";
  if (code) return code.toLowerCase();
  return "network";
}

interface Outcome {
  ok: boolean;
  error?: string;
  ttftMs?: number;
}

async function readStream(res: Response, startedAt: number): Promise<Outcome> {
  if (!res.body) return { ok: false, error: "empty-stream" };
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buf = "";
  let ttftMs: number | undefined;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += decoder.decode(value, { stream: true }).replace(/\r\n/g, "\n");
    let idx: number;
    while ((idx = buf.indexOf("\n\n")) >= 0) {
      const event = buf.slice(0, idx);
      buf = buf.slice(idx + 2);
      for (const line of event.split("\n")) {
        if (!line.startsWith("data:")) continue;
        const data = line.slice(5).trim();
        if (data === "[DONE]") {
          await reader.cancel().catch(() => undefined);
          return { ok: true, ttftMs };
        }
        const chunk = JSON.parse(data) as { error?: unknown; choices?: { delta?: { content?: string } }[] };
        if (chunk.error !== undefined) return { ok: false, error: "stream-error" };
        if (ttftMs === undefined && chunk.choices?.[0]?.delta?.content) ttftMs = performance.now() - startedAt;
      }
    }
  }
  // The frontend ends every complete stream with [DONE]; a stream that stops without it was cut off.
  return { ok: false, error: "incomplete-stream" };
}

async function oneRequest(o: LoadOptions, stop: AbortSignal): Promise<Outcome | undefined> {
  const ac = new AbortController();
  const onStop = () => ac.abort();
  stop.addEventListener("abort", onStop, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ac.abort();
  }, o.timeoutMs);
  const t = performance.now();
  try {
    const res = await fetch(`${o.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: o.stream ? "text/event-stream" : "application/json" },
      body: JSON.stringify({
        model: o.model,
        messages: [{ role: "user", content: PROMPT }],
        max_tokens: o.maxTokens,
        stream: o.stream,
      }),
      signal: ac.signal,
    });
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return { ok: false, error: `http-${res.status}` };
    }
    if (o.stream) return await readStream(res, t);
    const body = (await res.json()) as { choices?: unknown[] };
    return Array.isArray(body.choices) && body.choices.length > 0 ? { ok: true } : { ok: false, error: "bad-response" };
  } catch (e) {
    if (timedOut) return { ok: false, error: "timeout" };
    if (stop.aborted) return undefined;
    if (e instanceof SyntaxError) return { ok: false, error: "bad-response" };
    return { ok: false, error: classifyNetworkError(e) };
  } finally {
    clearTimeout(timer);
    stop.removeEventListener("abort", onStop);
  }
}

export function startLoad(o: LoadOptions): LoadRun {
  const t0 = performance.now();
  const startedAt = Date.now();
  const elapsedMs = () => performance.now() - t0;
  const stop = new AbortController();
  const onOuterAbort = () => stop.abort();
  o.signal?.addEventListener("abort", onOuterAbort, { once: true });
  if (o.signal?.aborted) stop.abort();
  const records: RequestRecord[] = [];
  const intervalMs = o.ratePerClient > 0 ? 1000 / o.ratePerClient : 0;

  const client = async (i: number) => {
    // Clients start spread over one interval so requests sample time evenly rather than in bursts.
    let next = (intervalMs * i) / o.concurrency;
    while (!stop.signal.aborted) {
      const wait = next - elapsedMs();
      if (wait > 0) await sleep(wait, undefined, { signal: stop.signal }).catch(() => undefined);
      if (stop.signal.aborted || elapsedMs() >= o.durationMs) break;
      const startMs = elapsedMs();
      const out = await oneRequest(o, stop.signal);
      if (out === undefined) break;
      const r: RequestRecord = { startMs, endMs: elapsedMs(), ...out };
      records.push(r);
      o.onRecord?.(r);
      next = intervalMs > 0 ? Math.max(startMs + intervalMs, r.endMs) : r.endMs + (r.ok ? 0 : FAILURE_PAUSE_MS);
    }
  };
  const done = Promise.all(Array.from({ length: o.concurrency }, (_, i) => client(i))).then(() => {
    o.signal?.removeEventListener("abort", onOuterAbort);
    return records;
  });
  return { elapsedMs, startedAt, done };
}

/** The model to load, as listed first by /v1/models (the frontend lists the models its workers registered). */
export async function discoverModel(url: string, timeoutMs: number): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${url}/v1/models`, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const kind = classifyNetworkError(e);
    const cause = (e as { cause?: { message?: string } }).cause?.message;
    throw new Error(`${url}/v1/models: ${kind === "network" && cause ? cause : kind}`);
  }
  if (!res.ok) throw new Error(`${url}/v1/models: HTTP ${res.status}`);
  const body = (await res.json().catch(() => ({}))) as { data?: { id?: unknown }[] };
  const id = body.data?.[0]?.id;
  if (typeof id !== "string" || id === "") throw new Error(`${url}/v1/models: no model listed (pass --model)`);
  return id;
}
