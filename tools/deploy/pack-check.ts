// `up` refuses to run a pack that does not start: the CLI would otherwise fail mid-update or, with a
// pack that loads no policies, deploy unchecked. Running the pack over an empty stack through the
// same launcher and protocol as the CLI proves it starts and answers.
import { PROJECT } from "../../components/core/config";
import { runPolicyPack } from "../plan/policy";

/** Undefined when the pack loads; otherwise one line saying why it did not. */
export type PackCheck = (env: string, stack: string, packDir: string) => Promise<string | undefined>;

export const checkPackLoads: PackCheck = async (env, stack, packDir) => {
  try {
    const r = await runPolicyPack([], { env, project: PROJECT, stack, packDir });
    if (r.ran && !r.error) return undefined;
    return firstLine(r.error ?? "it did not run");
  } catch (e) {
    return firstLine((e as Error).message ?? String(e));
  }
};

function firstLine(s: string): string {
  return s.split("\n").find((l) => l.trim() !== "")?.trim() ?? s;
}
