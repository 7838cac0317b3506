// What `npm run doctor` checks before a real deploy. Pure over a Probe (environment, files, commands),
// so tests decide what the machine has.
import * as path from "path";
import { Cloud, StackKind } from "../../components/core/config";

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
  run(cmd: string, args: readonly string[]): RunResult;
  readable(file: string): boolean;
}

export interface Finding {
  piece: string;
  ok: boolean;
  /** What was found, or what is missing and how to fix it. */
  message: string;
}

export interface DoctorTarget {
  stack: string;
  kind: StackKind;
  cloud?: Cloud;
}

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

export function checkPulumiCli(p: Probe, min: string): Finding {
  const r = p.run("pulumi", ["version"]);
  const piece = "pulumi CLI";
  if (!r.found) return { piece, ok: false, message: `not on PATH; ${INSTALL_PULUMI}; need v${min} or newer` };
  const v = /v?(\d+\.\d+\.\d+)/.exec(r.stdout)?.[1];
  if (r.code !== 0 || !v) return { piece, ok: false, message: `\`pulumi version\` failed (${firstLine(r.stderr) || `exit ${r.code}`}); reinstall: ${INSTALL_PULUMI}` };
  if (!versionAtLeast(v, min)) return { piece, ok: false, message: `v${v} is older than v${min} (the SDK this program pins); upgrade: ${INSTALL_PULUMI}` };
  return { piece, ok: true, message: `v${v}` };
}

export function checkLogin(p: Probe, cliFound: boolean): Finding {
  const piece = "Pulumi backend login";
  if (!cliFound) return { piece, ok: false, message: "cannot check without the pulumi CLI; install it, then run `pulumi login` (Pulumi Cloud) or `pulumi login s3://<bucket>` / `pulumi login azblob://<container>`" };
  const r = p.run("pulumi", ["whoami", "--verbose"]);
  if (r.code !== 0) return { piece, ok: false, message: `not logged in (${firstLine(r.stderr) || `exit ${r.code}`}); run \`pulumi login\` or set PULUMI_ACCESS_TOKEN` };
  return { piece, ok: true, message: firstLine(r.stdout) };
}

export function checkAws(p: Probe): Finding {
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
    return { piece, ok: false, message: "none found (AWS_PROFILE, AWS_ACCESS_KEY_ID, ~/.aws/credentials); run `aws configure` or `aws sso login --profile <p>` and export AWS_PROFILE=<p>" };
  }
  const r = p.run("aws", ["sts", "get-caller-identity", "--output", "text"]);
  if (!r.found) return { piece, ok: true, message: `${from} (aws CLI not installed; not verified)` };
  if (r.code !== 0) return { piece, ok: false, message: `${from} is set but \`aws sts get-caller-identity\` fails (${firstLine(r.stderr) || `exit ${r.code}`}); refresh them: \`aws sso login\` or \`aws configure\`` };
  return { piece, ok: true, message: `${from}: ${firstLine(r.stdout)}` };
}

export function checkAzure(p: Probe): Finding {
  const piece = "Azure credentials";
  const e = p.env;
  const secretless = e.ARM_CLIENT_SECRET || e.ARM_USE_OIDC || e.ARM_USE_MSI || e.ARM_CLIENT_CERTIFICATE_PATH;
  if (e.ARM_CLIENT_ID && e.ARM_TENANT_ID && secretless) return { piece, ok: true, message: "service principal / managed identity from ARM_* variables" };
  const r = p.run("az", ["account", "show", "--output", "none"]);
  if (r.found && r.code === 0) return { piece, ok: true, message: "Azure CLI login (`az account show`)" };
  const why = r.found ? `\`az account show\` fails (${firstLine(r.stderr) || `exit ${r.code}`})` : "no ARM_CLIENT_ID/ARM_TENANT_ID/ARM_CLIENT_SECRET and no Azure CLI";
  return { piece, ok: false, message: `${why}; run \`az login\` and \`az account set --subscription <id>\`, or export ARM_CLIENT_ID, ARM_TENANT_ID and ARM_CLIENT_SECRET` };
}

export function checkKubeconfig(p: Probe, cloud: Cloud | undefined): Finding {
  const piece = "kubeconfig";
  const candidates = p.env.KUBECONFIG ? p.env.KUBECONFIG.split(path.delimiter).filter((f) => f !== "") : [path.join(p.home, ".kube", "config")];
  const found = candidates.find((f) => p.readable(f));
  if (found) return { piece, ok: true, message: found };
  const fetch =
    cloud === "azure"
      ? "`az aks get-credentials --resource-group <rg> --name <cluster>`"
      : "`aws eks update-kubeconfig --region <region> --name <cluster>`";
  return { piece, ok: false, message: `${candidates.join(path.delimiter)} not readable; after \`npm run up\`, run ${fetch} (or point KUBECONFIG at the stack's kubeconfig output)` };
}

/** Every check that applies to the stack's kind and cloud, in a stable order. */
export function doctor(t: DoctorTarget, p: Probe, minPulumi: string): Finding[] {
  const cli = checkPulumiCli(p, minPulumi);
  const out = [cli, checkLogin(p, cli.ok || !/not on PATH/.test(cli.message))];
  if (t.cloud === "aws") out.push(checkAws(p));
  if (t.cloud === "azure") out.push(checkAzure(p));
  if (t.kind === "regional") out.push(checkKubeconfig(p, t.cloud));
  return out;
}

export function formatFinding(f: Finding): string {
  return `${f.ok ? "ok" : "missing"}: ${f.piece}: ${f.message}`;
}
