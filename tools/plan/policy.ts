// Runs the CrossGuard pack in policy/ over the captured records, through the SDK's launcher and the
// analyzer protocol, as `pulumi preview --policy-pack policy` does.
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
}

export async function runPolicyPack(_records: readonly ResourceRecord[], _o: PolicyRunOptions): Promise<PolicyReport> {
  return { pack: "", ran: false, diagnostics: [], error: "the policy pack is not wired into the plan yet" };
}
