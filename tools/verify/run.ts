// One verification run: preflight (kube context, targets, model), load with a fault injected at the
// planned second, cleanup, measurements, verdict, report files. The CLI adds argument parsing and signals.
import { VerifyArgs } from "./args";
import { faultLanded, FaultError, FaultSession, FaultTarget, notLandedReason, resolveTargets } from "./faults";
import { renderHtml } from "./html";
import { clientNodeOps, KubeOps, KubeSetupError } from "./kube-ops";
import { discoverModel, startLoad } from "./load";
import { computeMetrics } from "./metrics";
import { ProgressCounter, renderTable } from "./progress";
import { buildReport, Report, writeFileEnsuringDir, writeReport } from "./report";
import { judge } from "./verdict";

/** The least time the model discovery gets (the default --timeout). */
export const DISCOVERY_TIMEOUT_SECONDS = 30;

/** Raised before anything was injected or loaded: the CLI reports it as a usage error (exit 2). */
export class PreflightError extends Error {}

export interface RunIo {
  /** Stops the run early (Ctrl-C): cordons are undone, the partial run is reported and fails. */
  readonly signal?: AbortSignal;
  /** Progress and event lines. @default - stderr */
  readonly log?: (line: string) => void;
  /** The final table. @default - stdout */
  readonly out?: (text: string) => void;
  /** Kubernetes access. @default - client-node on --kubeconfig/--context */
  readonly kubeOps?: KubeOps;
  /** Bound on each Kubernetes API call of the default client, in ms. @default 30 s */
  readonly kubeTimeoutMs?: number;
}

export async function verify(a: VerifyArgs, io: RunIo = {}): Promise<Report> {
  const log = io.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const out = io.out ?? ((t: string) => process.stdout.write(`${t}\n`));
  let session: FaultSession | undefined;
  let targetText: string | undefined;
  if (a.fault !== "none") {
    const target: FaultTarget = {
      kind: a.fault,
      namespace: a.namespace as string,
      deployment: a.deployment,
      component: a.component,
      pods: a.pods,
      node: a.node,
      zone: a.zone,
    };
    try {
      const ops = io.kubeOps ?? (await clientNodeOps(a.context as string, a.kubeconfig, { timeoutMs: io.kubeTimeoutMs }));
      targetText = (await resolveTargets(ops, target)).description;
      session = new FaultSession(ops, target);
    } catch (e) {
      if (e instanceof FaultError || e instanceof KubeSetupError) throw new PreflightError(e.message);
      throw new PreflightError(`kubernetes API (context ${a.context}): ${(e as Error).message.split("\n")[0]}`);
    }
    log(`fault plan: ${a.fault} in ${a.context}/${a.namespace} at ${a.faultAtSeconds} s: ${targetText}`);
  }
  let model = a.model;
  if (model === undefined) {
    try {
      // One preflight request, made while this process is still warming up: it gets at least the default
      // request timeout, so a short --timeout meant for the load does not fail the run before it starts.
      model = await discoverModel(a.url, Math.max(a.timeoutSeconds, DISCOVERY_TIMEOUT_SECONDS) * 1000);
    } catch (e) {
      throw new PreflightError((e as Error).message);
    }
  }
  log(`load: ${a.concurrency} clients × ${a.durationSeconds} s against ${a.url} (model ${model}, ${a.stream ? "streaming" : "non-streaming"})`);

  const stop = new AbortController();
  const onAbort = () => stop.abort();
  io.signal?.addEventListener("abort", onAbort, { once: true });
  if (io.signal?.aborted) stop.abort();
  if (session) session.cleanupOn(stop.signal);

  const counter = new ProgressCounter();
  const run = startLoad({
    url: a.url,
    model,
    stream: a.stream,
    maxTokens: a.maxTokens,
    concurrency: a.concurrency,
    durationMs: a.durationSeconds * 1000,
    timeoutMs: a.timeoutSeconds * 1000,
    ratePerClient: a.ratePerClient,
    signal: stop.signal,
    onRecord: (r) => counter.add(r),
  });
  let note = "";
  let injectedAtMs: number | null = null;
  let injection: Promise<unknown> = Promise.resolve();
  let injectionError: string | undefined;
  const faultTimer = session
    ? setTimeout(() => {
        injectedAtMs = run.elapsedMs();
        note = `injecting ${a.fault}`;
        const s = session as FaultSession;
        injection = s.inject().then(
          () => {
            const done = s.actions.map((x) => `${x.action} ${x.target} ${x.result}`).join("; ");
            note = faultLanded(s.actions) ? `injected: ${done}` : `fault did not land: ${done || "nothing to act on"}`;
          },
          (e: Error) => {
            injectionError = e.message.split("\n")[0];
            note = `injection failed: ${injectionError}`;
          },
        );
      }, a.faultAtSeconds * 1000)
    : undefined;
  const ticker = a.quiet
    ? undefined
    : setInterval(() => {
        log(counter.line(run.elapsedMs() / 1000, a.durationSeconds, note));
        note = "";
      }, 1000);
  try {
    await run.done;
  } finally {
    clearTimeout(faultTimer);
    clearInterval(ticker);
    io.signal?.removeEventListener("abort", onAbort);
  }
  // Cleanup first: it stops an injection still under way (each API call is bounded by a timeout, so a hung
  // one cannot hold the uncordon back for longer than that), then the injection's outcome is collected.
  if (session) await session.cleanup();
  await injection;
  if (!a.quiet && session?.actions.some((x) => x.action === "uncordon")) log("cleanup: uncordoned the nodes this run cordoned");

  const records = await run.done;
  const interrupted = stop.signal.aborted;
  const markerMs = injectedAtMs ?? a.faultAtSeconds * 1000;
  const metrics = computeMetrics(records, {
    faultAtMs: markerMs,
    injectedAtMs,
    recoveryRatio: a.recoveryRatio,
    recoveryWindowMs: a.recoveryWindowSeconds * 1000,
    bucketMs: a.bucketSeconds * 1000,
    // A stopped run ends where it stopped: a recovery window must fit in the load that really ran.
    durationMs: interrupted ? Math.min(run.elapsedMs(), a.durationSeconds * 1000) : a.durationSeconds * 1000,
  });
  const reasons = [...judge(metrics, a.thresholds).reasons];
  if (interrupted) reasons.unshift("interrupted before the end of the run");
  // A run whose fault never landed (nothing deleted or evicted) proves nothing about fault tolerance.
  if (session && !interrupted && !faultLanded(session.actions)) reasons.push(notLandedReason(session.actions, injectionError));
  const final = { verdict: reasons.length === 0 ? ("pass" as const) : ("fail" as const), reasons };
  const report = buildReport(
    {
      url: a.url,
      model,
      stream: a.stream,
      concurrency: a.concurrency,
      durationSeconds: a.durationSeconds,
      timeoutSeconds: a.timeoutSeconds,
      ratePerClient: a.ratePerClient,
      startedAt: run.startedAt,
      interrupted,
    },
    {
      kind: a.fault,
      namespace: a.namespace,
      context: a.context,
      atSeconds: a.faultAtSeconds,
      injectedAtSeconds: injectedAtMs === null ? null : Math.round(injectedAtMs) / 1000,
      target: targetText,
      actions: session?.actions ?? [],
      leftCordoned: session?.leftCordoned() ?? [],
    },
    metrics,
    final,
    a.thresholds,
    { ratio: a.recoveryRatio, windowSeconds: a.recoveryWindowSeconds },
    a.bucketSeconds,
  );
  if (a.report) writeReport(a.report, report);
  if (a.html) writeFileEnsuringDir(a.html, renderHtml(report));
  out(renderTable(report));
  return report;
}
