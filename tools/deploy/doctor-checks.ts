// What `npm run doctor` checks, by phase. Pure over a Probe (environment, files, commands) and the
// checkout's state, so tests decide what the machine has.
//   pre-deploy (default): toolchain, the compiled program and pack, the stack config, the pack loads;
//     the Pulumi CLI, backend login and cloud credentials are needed only for the deploy itself, so
//     their absence is a hint, not a failure: a fresh clone passes.
//   deployed (--deployed): everything above required, plus the cluster: a kubeconfig with a context for
//     the stack's cluster, and the exact command that writes one.
import * as path from "path";
import { parse } from "yaml";
import { Cloud, StackKind } from "../../components/core/config";
import { ClusterFacts, kubeconfigCommand } from "./stack-facts";

export interface RunResult {
  /** False when the command is not on PATH. */
  found: boolean;
  code: number;
  stdout: string;
  stderr: string;
}

export interface Probe {
  env: Record<string, string | undefined>;
  home: string;
  /** Runs a command; `env` entries replace the probe's environment for this run. */
  run(cmd: string, args: readonly string[], env?: Record<string, string>): RunResult;
  readable(file: string): boolean;
  /** A file's text, or undefined when it cannot be read. */
  read(file: string): string | undefined;
}

export type Phase = "pre-deploy" | "deployed";

/** ok: ready; hint: not needed yet, here is how (pre-deploy only); missing: fix it (exit 1). */
export type Status = "ok" | "hint" | "missing";

export interface Finding {
  piece: string;
  status: Status;
  /** What was found, or what is missing and how to fix it. */
  message: string;
}

export interface DoctorTarget {
  stack: string;
  kind: StackKind;
  cloud?: Cloud;
  /** Regional stacks: where the cluster lives (from the stack file). */
  cluster?: ClusterFacts;
}

/** The checkout, as doctor.ts found it. */
export interface Checkout {
  /** dist/index.js, the program `pulumi up` runs (Pulumi.yaml main: dist/). */
  program: boolean;
  /** policy/dist/index.js, the pack the CLI loads. */
  pack: boolean;
  /** A source file changed after the last build, if any. */
  newerSource?: string;
  /** Undefined when the stack file is valid; else the one-line ConfigError. */
  configError?: string;
  /** e.g. "regional, aws us-east-1, cluster dynamo-eks-us-east-1". */
  configSummary?: string;
  /** Undefined when the pack loads; else why not (not checked without a config). */
  packError?: string;
}

/** Node the Pulumi CLI runs the program with (`pulumi up` from a shell uses the `node` on PATH). */
export const MIN_NODE_FOR_PULUMI = 22;

const INSTALL_PULUMI = "install it: curl -fsSL https://get.pulumi.com | sh (or brew install pulumi/tap/pulumi)";

/** Semver-ish compare of "x.y.z" prefixes; non-numeric parts count as 0. */
export function versionAtLeast(have: string, min: string): boolean {
  const nums = (v: string) => v.replace(/^v/, "").split(/[.+-]/).slice(0, 3).map((n) => Number.parseInt(n, 10) || 0);
  const [a, b] = [nums(have), nums(min)];
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

function firstLine(s: string): string {
  return s.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
}

/** Pre-deploy, what only the deploy needs is a hint; once deployed it is missing. */
function needed(phase: Phase): Status {
  return phase === "pre-deploy" ? "hint" : "missing";
}

/**
 * PATH as a shell has it: `npm run` puts node_modules/.bin (the bundled Node 24) first, but a plain
 * `pulumi up` from a shell finds the `node` of the user's own PATH.
 */
export function shellPath(p: string | undefined): string {
  return (p ?? "")
    .split(path.delimiter)
    .filter((d) => d !== "" && !/node_modules[\\/]\.bin$/.test(d) && !/node-gyp-bin$/.test(d))
    .join(path.delimiter);
}

export function checkNodeForPulumi(p: Probe): Finding {
  const piece = "Node for pulumi";
  const wrappers = "`npm run preview|up|destroy` run Pulumi with the bundled Node 24";
  const r = p.run("node", ["--version"], { PATH: shellPath(p.env.PATH) });
  const v = /v?(\d+\.\d+\.\d+)/.exec(r.stdout)?.[1];
  if (!r.found || r.code !== 0 || !v) return { piece, status: "hint", message: `no node on PATH; ${wrappers}; plain \`pulumi up\` needs Node ≥ ${MIN_NODE_FOR_PULUMI} on PATH` };
  if (!versionAtLeast(v, `${MIN_NODE_FOR_PULUMI}.0.0`)) {
    return { piece, status: "hint", message: `node v${v} on PATH; ${wrappers}; plain \`pulumi up\` needs Node ≥ ${MIN_NODE_FOR_PULUMI} on PATH` };
  }
  return { piece, status: "ok", message: `node v${v} on PATH` };
}

export function checkBuild(c: Checkout): Finding {
  const piece = "compiled program";
  if (!c.program || !c.pack) {
    const what = [!c.program && "dist/index.js", !c.pack && "policy/dist/index.js"].filter(Boolean).join(" and ");
    return { piece, status: "missing", message: `no ${what}; run \`npm run build\` (\`npm ci\` builds it too): \`pulumi up\` runs the compiled program` };
  }
  if (c.newerSource) return { piece, status: "hint", message: `${c.newerSource} changed after the last build; run \`npm run build\` before \`pulumi up\` (it runs dist/)` };
  return { piece, status: "ok", message: "dist/ and policy/dist/ are up to date" };
}

export function checkStackConfig(t: DoctorTarget, c: Checkout): Finding {
  const piece = "stack config";
  if (c.configError) return { piece, status: "missing", message: c.configError };
  return { piece, status: "ok", message: `stacks/Pulumi.${t.stack}.yaml is valid${c.configSummary ? ` (${c.configSummary})` : ""}` };
}

export function checkPack(c: Checkout): Finding {
  const piece = "policy pack";
  if (c.packError) return { piece, status: "missing", message: `does not load: ${c.packError}; \`npm run up\` refuses to deploy without it` };
  return { piece, status: "ok", message: "loads and answers (the launcher and protocol `pulumi up` uses)" };
}

export function checkPulumiCli(p: Probe, min: string, phase: Phase = "deployed"): Finding {
  const r = p.run("pulumi", ["version"]);
  const piece = "pulumi CLI";
  if (!r.found) return { piece, status: needed(phase), message: `not on PATH; ${INSTALL_PULUMI}; need v${min} or newer` };
  const v = /v?(\d+\.\d+\.\d+)/.exec(r.stdout)?.[1];
  if (r.code !== 0 || !v) return { piece, status: "missing", message: `\`pulumi version\` failed (${firstLine(r.stderr) || `exit ${r.code}`}); reinstall: ${INSTALL_PULUMI}` };
  if (!versionAtLeast(v, min)) return { piece, status: "missing", message: `v${v} is older than v${min} (the SDK this program pins); upgrade: ${INSTALL_PULUMI}` };
  return { piece, status: "ok", message: `v${v}` };
}

export function checkLogin(p: Probe, cliFound: boolean, phase: Phase = "deployed"): Finding {
  const piece = "Pulumi backend login";
  if (!cliFound) return { piece, status: needed(phase), message: "needs the pulumi CLI; then run `pulumi login` (Pulumi Cloud) or `pulumi login s3://<bucket>` / `pulumi login azblob://<container>`" };
  const r = p.run("pulumi", ["whoami", "--verbose"]);
  if (r.code !== 0) return { piece, status: needed(phase), message: `not logged in (${firstLine(r.stderr) || `exit ${r.code}`}); run \`pulumi login\` or set PULUMI_ACCESS_TOKEN` };
  return { piece, status: "ok", message: firstLine(r.stdout) };
}

export function checkAws(p: Probe, phase: Phase = "deployed"): Finding {
  const piece = "AWS credentials";
  const e = p.env;
  const from = e.AWS_PROFILE
    ? `AWS_PROFILE=${e.AWS_PROFILE}`
    : e.AWS_ACCESS_KEY_ID
      ? "AWS_ACCESS_KEY_ID"
      : e.AWS_WEB_IDENTITY_TOKEN_FILE
        ? "AWS_WEB_IDENTITY_TOKEN_FILE"
        : ["credentials", "config"].map((f) => path.join(p.home, ".aws", f)).find((f) => p.readable(f));
  if (!from) {
    return { piece, status: needed(phase), message: "none found (AWS_PROFILE, AWS_ACCESS_KEY_ID, ~/.aws/credentials); run `aws configure` or `aws sso login --profile <p>` and export AWS_PROFILE=<p>" };
  }
  const r = p.run("aws", ["sts", "get-caller-identity", "--output", "text"]);
  if (!r.found) return { piece, status: "ok", message: `${from} (aws CLI not installed; not verified)` };
  if (r.code !== 0) return { piece, status: "missing", message: `${from} is set but \`aws sts get-caller-identity\` fails (${firstLine(r.stderr) || `exit ${r.code}`}); refresh them: \`aws sso login\` or \`aws configure\`` };
  return { piece, status: "ok", message: `${from}: ${firstLine(r.stdout)}` };
}

export function checkAzure(p: Probe, phase: Phase = "deployed"): Finding {
  const piece = "Azure credentials";
  const e = p.env;
  const secretless = e.ARM_CLIENT_SECRET || e.ARM_USE_OIDC || e.ARM_USE_MSI || e.ARM_CLIENT_CERTIFICATE_PATH;
  if (e.ARM_CLIENT_ID && e.ARM_TENANT_ID && secretless) return { piece, status: "ok", message: "service principal / managed identity from ARM_* variables" };
  const r = p.run("az", ["account", "show", "--output", "none"]);
  if (r.found && r.code === 0) return { piece, status: "ok", message: "Azure CLI login (`az account show`)" };
  const why = r.found ? `\`az account show\` fails (${firstLine(r.stderr) || `exit ${r.code}`})` : "no ARM_CLIENT_ID/ARM_TENANT_ID/ARM_CLIENT_SECRET and no Azure CLI";
  return { piece, status: needed(phase), message: `${why}; run \`az login\` and \`az account set --subscription <id>\`, or export ARM_CLIENT_ID, ARM_TENANT_ID and ARM_CLIENT_SECRET` };
}

/** Whether a kubeconfig text has a context for the cluster: by name (AKS, the stack's own output) or ARN (EKS). */
export function hasClusterContext(text: string, cluster: string): boolean {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return false;
  }
  const names = (k: string) => {
    const list = (doc as Record<string, unknown> | null)?.[k];
    return Array.isArray(list) ? list.map((x) => (x as { name?: unknown; context?: { cluster?: unknown } }) ?? {}) : [];
  };
  const matches = (n: unknown) => typeof n === "string" && (n === cluster || n.endsWith(`/${cluster}`));
  return names("contexts").some((c) => matches(c.name) || matches(c.context?.cluster)) || names("clusters").some((c) => matches(c.name));
}

export function checkKubeconfig(p: Probe, cloud: Cloud | undefined, cluster: ClusterFacts): Finding {
  const piece = "kubeconfig";
  const candidates = p.env.KUBECONFIG ? p.env.KUBECONFIG.split(path.delimiter).filter((f) => f !== "") : [path.join(p.home, ".kube", "config")];
  const fetch = `\`${kubeconfigCommand(cloud ?? "aws", cluster)}\``;
  const readable = candidates.filter((f) => p.readable(f));
  if (readable.length === 0) return { piece, status: "missing", message: `${candidates.join(path.delimiter)} not readable; run ${fetch} (or point KUBECONFIG at the stack's kubeconfig output)` };
  const withContext = readable.find((f) => hasClusterContext(p.read(f) ?? "", cluster.name));
  if (!withContext) return { piece, status: "missing", message: `no context for cluster ${cluster.name} in ${readable.join(path.delimiter)}; run ${fetch}` };
  return { piece, status: "ok", message: `${withContext}: a context for cluster ${cluster.name}` };
}

/** Every check that applies to the phase and the stack's kind and cloud, in a stable order. */
export function doctor(t: DoctorTarget, p: Probe, minPulumi: string, phase: Phase, c: Checkout): Finding[] {
  const out = [checkNodeForPulumi(p), checkBuild(c), checkStackConfig(t, c)];
  if (!c.configError && c.program && c.pack) out.push(checkPack(c));
  const cli = checkPulumiCli(p, minPulumi, phase);
  out.push(cli, checkLogin(p, cli.status === "ok" || !/not on PATH/.test(cli.message), phase));
  if (t.cloud === "aws") out.push(checkAws(p, phase));
  if (t.cloud === "azure") out.push(checkAzure(p, phase));
  if (phase === "deployed" && t.kind === "regional" && t.cluster) out.push(checkKubeconfig(p, t.cloud, t.cluster));
  return out;
}

export function formatFinding(f: Finding): string {
  return `${f.status}: ${f.piece}: ${f.message}`;
}
