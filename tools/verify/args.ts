// Command-line options of `npm run verify`: pure parsing and validation on the shared command line
// (tools/cli). Every problem is a UsageError with one line naming the flag, what is allowed and what was
// given; the CLI turns it into exit code 2.
import { CommandSpec, parseCommandLine, UsageError, Values } from "../cli/command";
import { EXIT } from "../cli/exit-codes";
import { HA_THRESHOLDS, SINGLE_WORKER_THRESHOLDS, Thresholds } from "./verdict";

export { UsageError };

export const FAULTS = ["none", "frontend-pod", "worker-pod", "drain-node", "zone"] as const;
export type FaultKind = (typeof FAULTS)[number];

/** Upper bound of a run, so a typo cannot leave load (and a cordon) running for days. */
export const MAX_DURATION_SECONDS = 3600;

export interface VerifyArgs {
  /** Frontend base URL, e.g. http://127.0.0.1:8000 (no default: required). */
  readonly url: string;
  /** Fault to inject. @default "none" (measure a fault the user causes) */
  readonly fault: FaultKind;
  /** Length of the load in seconds, 1–3600. @default 120 */
  readonly durationSeconds: number;
  /** Concurrent clients. @default 10 */
  readonly concurrency: number;
  /** Seconds after the load starts at which the fault is injected (with "none": when the user causes it); below the duration. @default 30 (as Dynamo's own tests), capped at half the duration; 0 with --fault none */
  readonly faultAtSeconds: number;
  /** Per-request timeout in seconds. @default 30 */
  readonly timeoutSeconds: number;
  /** Requests per second per client; 0 = back-to-back. @default 1 (as Dynamo's fault-tolerance load) */
  readonly ratePerClient: number;
  /** Use SSE streaming. @default false */
  readonly stream: boolean;
  /** Model name. @default - the first model listed by /v1/models */
  readonly model?: string;
  /** max_tokens of each request. @default 32 */
  readonly maxTokens: number;
  /** Pass/fail thresholds. @default - HA preset (≥ 0.90 success, ≤ 60 s recovery); --single-worker: ≥ 0.10, ≤ 180 s */
  readonly thresholds: Thresholds;
  /** Recovery is reached when the success ratio stays at or above this for the window. @default 0.9 */
  readonly recoveryRatio: number;
  /** Length of the recovery window in seconds. @default 10 */
  readonly recoveryWindowSeconds: number;
  /** Timeline bucket size in seconds. @default 1 */
  readonly bucketSeconds: number;
  /** JSON report path. @default - none written */
  readonly report?: string;
  /** HTML timeline path. @default - none written */
  readonly html?: string;
  /** Kubernetes namespace to inject into; required for every fault but "none". */
  readonly namespace?: string;
  /** kubeconfig context; required for every fault but "none". */
  readonly context?: string;
  /** kubeconfig file. @default - $KUBECONFIG, then ~/.kube/config */
  readonly kubeconfig?: string;
  /** Restrict targets to one DynamoGraphDeployment (label nvidia.com/dynamo-graph-deployment-name). @default - any */
  readonly deployment?: string;
  /** Restrict targets to one component (label nvidia.com/dynamo-component). @default - any */
  readonly component?: string;
  /** How many pods frontend-pod/worker-pod delete: a count or "all". @default 1 */
  readonly pods: number | "all";
  /** Node to drain (drain-node). @default - the node of the first worker pod */
  readonly node?: string;
  /** Zone to take down (zone). @default - the zone of the first worker pod's node */
  readonly zone?: string;
  /** Suppress the per-second progress lines. @default false */
  readonly quiet: boolean;
  readonly help: boolean;
}

export const VERIFY_COMMAND: CommandSpec = {
  name: "verify",
  summary: "drive load against a deployed frontend, inject one fault through the Kubernetes API, and judge the run (success rate, recovery time).",
  usage: [
    "npm run verify -- --url URL [--fault none|frontend-pod|worker-pod|drain-node|zone] [--duration S] [--concurrency N]",
    "  [--fault-at S] [--timeout S] [--rate RPS] [--stream] [--model NAME] [--max-tokens N] [--min-success 0..1]",
    "  [--max-recovery S] [--single-worker] [--recovery-ratio 0..1] [--recovery-window S] [--bucket S]",
    "  [--report FILE.json] [--html FILE.html] [--quiet] [--namespace NS --context CTX [--kubeconfig FILE]",
    "  [--deployment DGD] [--component NAME] [--pods N|all] [--node NAME] [--zone ZONE]]",
  ],
  options: {
    url: { type: "string", value: "URL", help: "frontend base URL, e.g. http://127.0.0.1:8000 (required)" },
    fault: { type: "string", value: "KIND", help: `fault to inject: ${FAULTS.join("|")} (default none: measure a fault you cause)` },
    duration: { type: "string", value: "S", help: `length of the load in seconds, 1–${MAX_DURATION_SECONDS} (default 120)` },
    concurrency: { type: "string", value: "N", help: "concurrent clients (default 10)" },
    "fault-at": { type: "string", value: "S", help: "second of the load at which the fault is injected (default 30, at most half the duration; 0 with none)" },
    timeout: { type: "string", value: "S", help: "per-request timeout in seconds (default 30)" },
    rate: { type: "string", value: "RPS", help: "requests per second per client; 0 = back to back (default 1)" },
    stream: { type: "boolean", help: "use SSE streaming" },
    model: { type: "string", value: "NAME", help: "model name (default: the first listed by /v1/models)" },
    "max-tokens": { type: "string", value: "N", help: "max_tokens of each request (default 32)" },
    "min-success": { type: "string", value: "0..1", help: "pass threshold on the success rate (default 0.90; 0.10 with --single-worker)" },
    "max-recovery": { type: "string", value: "S", help: "pass threshold on recovery seconds (default 60; 180 with --single-worker)" },
    "single-worker": { type: "boolean", help: "the single-worker preset of Dynamo's fault-tolerance tests" },
    "recovery-ratio": { type: "string", value: "0..1", help: "success share that counts as recovered (default 0.9)" },
    "recovery-window": { type: "string", value: "S", help: "seconds the share must hold (default 10)" },
    bucket: { type: "string", value: "S", help: "timeline bucket in seconds (default 1)" },
    report: { type: "string", value: "FILE", help: "write the JSON report" },
    html: { type: "string", value: "FILE", help: "write the self-contained HTML timeline page" },
    quiet: { type: "boolean", help: "no per-second progress lines" },
    namespace: { type: "string", value: "NS", help: "namespace to inject into (required with a fault)" },
    context: { type: "string", value: "CTX", help: "kubeconfig context (required with a fault; the current context is never assumed)" },
    kubeconfig: { type: "string", value: "FILE", help: "kubeconfig file (default $KUBECONFIG, then ~/.kube/config)" },
    deployment: { type: "string", value: "DGD", help: "only pods of this DynamoGraphDeployment" },
    component: { type: "string", value: "NAME", help: "only pods of this component" },
    pods: { type: "string", value: "N|all", help: "pods frontend-pod/worker-pod delete (default 1)" },
    node: { type: "string", value: "NAME", help: "drain-node: the node (default: the first worker pod's)" },
    zone: { type: "string", value: "ZONE", help: "zone: the zone (default: the first worker pod's node's)" },
  },
  examples: [
    "npm run verify:demo                          # try it: loopback stubs, a worker-pod fault, the verdict page",
    "npm run verify -- --url http://frontend.example:8000 --duration 300 --html run.html   # a fault you cause",
    "npm run verify -- --url http://127.0.0.1:8000 --fault worker-pod --namespace dynamo --context prod-use1",
  ],
  exits: [
    [EXIT.ok, "pass"],
    [EXIT.failed, "fail: a threshold missed, the fault did not land, or interrupted"],
    [EXIT.usage, "bad flag or value, or a preflight refusal (unknown context, no target, frontend unreachable): nothing was injected"],
  ],
  notes: ["Reference: docs/verifier.md."],
};

type Raw = Map<string, string | true>;

function rawOf(values: Values): Raw {
  const raw: Raw = new Map();
  for (const [k, v] of Object.entries(values)) if (v !== undefined) raw.set(k, v as string | true);
  return raw;
}

function num(raw: Raw, name: string, dflt: number, min: number, max: number, integer = false): number {
  const v = raw.get(name);
  if (v === undefined) return dflt;
  const n = Number(v);
  const kind = integer ? "an integer" : "a number";
  if (typeof v !== "string" || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    throw new UsageError(`--${name}: ${kind} from ${min} to ${max}, got ${v}`);
  }
  return n;
}

function str(raw: Raw, name: string): string | undefined {
  const v = raw.get(name);
  return typeof v === "string" ? v : undefined;
}

function parseUrl(v: string | undefined): string {
  if (v === undefined) throw new UsageError("--url: the frontend base URL is required, e.g. http://127.0.0.1:8000");
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new UsageError(`--url: an http(s) URL, got ${v}`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new UsageError(`--url: an http(s) URL, got ${v}`);
  return v.replace(/\/+$/, "");
}

export function parseArgs(argv: readonly string[]): VerifyArgs {
  return verifyArgs(parseCommandLine(VERIFY_COMMAND, argv).values);
}

/** Parsed flags → validated arguments (defaults, ranges, the safety rules of faults). */
export function verifyArgs(values: Values): VerifyArgs {
  const raw = rawOf(values);
  const help = raw.has("help");
  const fault = (str(raw, "fault") ?? "none") as FaultKind;
  if (!FAULTS.includes(fault)) throw new UsageError(`--fault: one of ${FAULTS.join("|")}, got ${str(raw, "fault")}`);
  const url = help ? (str(raw, "url") ?? "") : parseUrl(str(raw, "url"));
  const durationSeconds = num(raw, "duration", 120, 1, MAX_DURATION_SECONDS);
  // With --fault none the marker defaults to the start: every failure counts as caused by the user's fault.
  const faultAtSeconds = num(raw, "fault-at", fault === "none" ? 0 : Math.min(30, durationSeconds / 2), 0, MAX_DURATION_SECONDS);
  if (faultAtSeconds >= durationSeconds) {
    throw new UsageError(`--fault-at: below --duration (${durationSeconds}), got ${faultAtSeconds}`);
  }
  const preset = raw.has("single-worker") ? SINGLE_WORKER_THRESHOLDS : HA_THRESHOLDS;
  const thresholds: Thresholds = {
    minSuccessRate: num(raw, "min-success", preset.minSuccessRate, 0, 1),
    maxRecoverySeconds: num(raw, "max-recovery", preset.maxRecoverySeconds, 0, MAX_DURATION_SECONDS),
  };
  const podsRaw = str(raw, "pods");
  const pods = podsRaw === "all" ? "all" : num(raw, "pods", 1, 1, 1000, true);

  const namespace = str(raw, "namespace");
  const context = str(raw, "context");
  // Safety: a fault only ever lands where the user pointed explicitly; never on the kubeconfig's current context.
  if (fault !== "none" && !help) {
    if (namespace === undefined) throw new UsageError(`--namespace: required with --fault ${fault} (no default namespace is assumed)`);
    if (context === undefined) throw new UsageError(`--context: required with --fault ${fault} (the current context is never assumed)`);
  }
  for (const [flag, only] of [["node", "drain-node"], ["zone", "zone"]] as const) {
    if (raw.has(flag) && fault !== only) throw new UsageError(`--${flag}: only with --fault ${only}, got --fault ${fault}`);
  }
  const model = str(raw, "model");
  return {
    url,
    fault,
    durationSeconds,
    concurrency: num(raw, "concurrency", 10, 1, 1000, true),
    faultAtSeconds,
    timeoutSeconds: num(raw, "timeout", 30, 0.05, 600),
    ratePerClient: num(raw, "rate", 1, 0, 1000),
    stream: raw.has("stream"),
    model,
    maxTokens: num(raw, "max-tokens", 32, 1, 65536, true),
    thresholds,
    recoveryRatio: num(raw, "recovery-ratio", 0.9, 0, 1),
    recoveryWindowSeconds: num(raw, "recovery-window", 10, 0.1, MAX_DURATION_SECONDS),
    bucketSeconds: num(raw, "bucket", 1, 0.1, 60),
    report: str(raw, "report"),
    html: str(raw, "html"),
    namespace,
    context,
    kubeconfig: str(raw, "kubeconfig"),
    deployment: str(raw, "deployment"),
    component: str(raw, "component"),
    pods,
    node: str(raw, "node"),
    zone: str(raw, "zone"),
    quiet: raw.has("quiet"),
    help,
  };
}
