// Runs the CrossGuard pack in policy/ over the captured records, through the SDK's launcher and the
// analyzer protocol, as `pulumi preview --policy-pack policy --policy-pack-config policy/config/<env>.json` does.
import * as fs from "fs";
import * as path from "path";
import { reconcileConfig } from "./analyzer/config";
import { AnalyzerSession, DEFAULT_PACK_DIR, Diagnostic } from "./analyzer/session";
import { ResourceRecord } from "./records";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

export interface PolicyDiagnostic {
  policy: string;
  level: EnforcementLevel;
  urn: string;
  message: string;
}

export interface PolicyReport {
  pack: string;
  /** False when the pack was not run (then `error` says why, if it failed). */
  ran: boolean;
  diagnostics: PolicyDiagnostic[];
  error?: string;
}

export interface PolicyRunOptions {
  env: string;
  project: string;
  stack: string;
  /** The pack folder (default policy/). */
  packDir?: string;
  /** A config object instead of policy/config/<env>.json. */
  config?: Record<string, unknown>;
}

/** The pack config file for an environment: policy/config/<env>.json ({} when there is none). */
export function packConfigFor(env: string, packDir = DEFAULT_PACK_DIR): { file: string; config: Record<string, unknown> } {
  const file = path.join(packDir, "config", `${env}.json`);
  if (!/^[A-Za-z0-9_-]+$/.test(env) || !fs.existsSync(file)) return { file, config: {} };
  return { file, config: JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown> };
}

/** Starts the pack, configures it as the CLI would, analyzes the records, and always stops the pack. */
export async function analyzeWithPack(session: AnalyzerSession, records: readonly ResourceRecord[], o: PolicyRunOptions): Promise<{ pack: string; diagnostics: Diagnostic[] }> {
  const info = await session.info();
  const { file, config } = o.config ? { file: "policy config", config: o.config } : packConfigFor(o.env, o.packDir);
  const settings = reconcileConfig(info.policies, info.initialConfig, config, path.relative(process.cwd(), file) || file);
  await session.configureStack(o.project, o.stack);
  await session.configure(settings);
  return { pack: `${info.name}@v${info.version}`, diagnostics: await session.analyze(records) };
}

export async function runPolicyPack(records: readonly ResourceRecord[], o: PolicyRunOptions): Promise<PolicyReport> {
  let session: AnalyzerSession | undefined;
  try {
    session = await AnalyzerSession.start({ packDir: o.packDir, project: o.project, stack: o.stack });
    const { pack, diagnostics } = await analyzeWithPack(session, records, o);
    return { pack, ran: true, diagnostics };
  } catch (e) {
    return { pack: "", ran: false, diagnostics: [], error: (e as Error).message };
  } finally {
    await session?.close();
  }
}
