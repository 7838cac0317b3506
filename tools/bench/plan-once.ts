// One cold run in a fresh process, as a user waits for it (module loading included):
//   program     the real program under the plan's mocks, no pack
//   floor       the generated floor program (FLOOR_DIR) under the same mocks
//   whole       the real program and the project's compiled pack, as `npm run plan` runs them
//   floor-pack  the floor program and the one-rule pack (PACK_DIR) over its records
// Prints the number of records, so the caller can check both sides registered the same resources.
import "../compile-cache";
import { capture } from "../plan/capture";
import { planMocks } from "../plan/mocks";
import { runPolicyPack } from "../plan/policy";
import { plan } from "../plan/run";
import { loadStackFile } from "../plan/stack-file";

async function main(stack: string, mode: string): Promise<number> {
  if (mode === "program" || mode === "whole") {
    const p = await plan(stack, { policy: mode === "whole" });
    if (mode === "whole" && !p.policy.ran) throw new Error(`pack did not run: ${p.policy.error}`);
    return p.resources.length;
  }
  const dir = process.env.FLOOR_DIR;
  if (!dir) throw new Error("FLOOR_DIR is not set");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const program = require(dir) as () => Record<string, unknown>;
  const file = loadStackFile(stack);
  const cap = await capture(program, { project: "dynamo-ha", stack, config: file.config, secretKeys: file.secretKeys, mocks: planMocks });
  if (mode === "floor-pack") {
    const r = await runPolicyPack(cap.resources, { env: "bench", project: "dynamo-ha", stack, packDir: process.env.PACK_DIR });
    if (!r.ran) throw new Error(`one-rule pack did not run: ${r.error}`);
  }
  return cap.resources.length;
}

const [stack, mode] = process.argv.slice(2);
main(stack, mode).then(
  (n) => process.stdout.write(`${n}\n`),
  (e) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
