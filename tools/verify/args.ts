// Command-line options of `npm run verify`: pure parsing and validation. Every problem is a UsageError with
// one line naming the flag, what is allowed and what was given; the CLI turns it into exit code 2.
import { HA_THRESHOLDS, SINGLE_WORKER_THRESHOLDS, Thresholds } from "./verdict";

export const FAULTS = ["none", "frontend-pod", "worker-pod", "drain-node", "zone"] as const;
export type FaultKind = (typeof FAULTS)[number];

/** Upper bound of a run, so a typo cannot leave load (and a cordon) running for days. */
export const MAX_DURATION_SECONDS = 3600;

export class UsageError extends Error {}

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

export const USAGE = `usage: npm run verify -- --url URL [--fault none|frontend-pod|worker-pod|drain-node|zone]
  [--duration S] [--concurrency N] [--fault-at S] [--timeout S] [--rate RPS] [--stream] [--model NAME]
  [--max-tokens N] [--min-success 0..1] [--max-recovery S] [--single-worker] [--recovery-ratio 0..1]
  [--recovery-window S] [--bucket S] [--report FILE.json] [--html FILE.html] [--quiet]
  [--namespace NS --context CTX [--kubeconfig FILE] [--deployment DGD] [--component NAME] [--pods N|all]
   [--node NAME] [--zone ZONE]]`;

type Raw = Map<string, string | true>;

const VALUED = new Set([
  "url", "fault", "duration", "concurrency", "fault-at", "timeout", "rate", "model", "max-tokens", "min-success",
  "max-recovery", "recovery-ratio", "recovery-window", "bucket", "report", "html", "namespace", "context",
  "kubeconfig", "deployment", "component", "pods", "node", "zone",
]);
const FLAGS = new Set(["stream", "single-worker", "quiet", "help"]);

function tokenize(argv: readonly string[]): Raw {
  const raw: Raw = new Map();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h") {
      raw.set("help", true);
      continue;
    }
    if (!arg.startsWith("--")) throw new UsageError(`${arg}: unexpected argument (flags start with --)`);
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (FLAGS.has(name)) {
      if (eq >= 0) throw new UsageError(`--${name}: takes no value, got ${arg.slice(eq + 1)}`);
      raw.set(name, true);
    } else if (VALUED.has(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === "" || (eq < 0 && value.startsWith("--"))) {
        throw new UsageError(`--${name}: needs a value`);
      }
      if (raw.has(name)) throw new UsageError(`--${name}: given twice`);
      raw.set(name, value);
    } else {
      throw new UsageError(`--${name}: unknown flag (see --help)`);
    }
  }
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
  const raw = tokenize(argv);
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
