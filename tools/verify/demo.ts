// `npm run verify:demo`: the verifier end to end with nothing deployed. Starts, in this process, an
// OpenAI-compatible frontend stub and a Kubernetes API stub on loopback (two decode workers on two
// nodes), runs `verify` with a worker-pod fault against them, prints the live progress, the table and
// the verdict page's path, then stops both stubs. The frontend stub answers 503 for a moment after the
// pod is deleted (a frontend moving requests off a lost worker), so the run shows a dip and a recovery.
import "../compile-cache";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CommandLine, CommandSpec, runCommand, runMain, UsageError } from "../cli/command";
import { EXIT } from "../cli/exit-codes";
import { parseArgs } from "./args";
import { startKubeStub } from "./demo-support/kube-stub";
import { startOpenAiStub } from "./demo-support/openai-stub";

export const DEMO_COMMAND: CommandSpec = {
  name: "verify:demo",
  summary: "try the verifier without a cluster: loopback frontend and Kubernetes stubs, a worker-pod fault, the live progress, the verdict page.",
  usage: ["npm run verify:demo -- [--duration S] [--out DIR]"],
  options: {
    duration: { type: "string", value: "S", help: "length of the load, 4–60 seconds (default 12)" },
    out: { type: "string", value: "DIR", help: "where to write verdict.html and report.json (default a new directory under the system temp dir)" },
  },
  examples: ["npm run verify:demo", "npm run verify:demo -- --duration 6 --out demo"],
  exits: [
    [EXIT.ok, "the demo run passed"],
    [EXIT.failed, "the demo run failed (it should not: please report it)"],
    [EXIT.usage, "bad flag or value"],
  ],
  notes: ["Against a real deployment: npm run verify -- --help. Reference: docs/verifier.md."],
};

const NAMESPACE = "dynamo";
const CONTEXT = "verify-demo";

async function main(cl: CommandLine): Promise<number> {
  const duration = cl.values.duration === undefined ? 12 : Number(cl.values.duration);
  if (!Number.isFinite(duration) || duration < 4 || duration > 60) throw new UsageError(`--duration: a number from 4 to 60, got ${cl.values.duration}`);
  const dir = typeof cl.values.out === "string" ? path.resolve(cl.values.out) : fs.mkdtempSync(path.join(os.tmpdir(), "dynamo-ha-verify-demo-"));
  fs.mkdirSync(dir, { recursive: true });
  const html = path.join(dir, "verdict.html");
  const report = path.join(dir, "report.json");
  // The outage is 5 % of the run: the HA bar (≥ 90 % success, recovery ≤ 60 s) holds with room to spare.
  const outageMs = Math.max(200, duration * 50);

  const { verify } = await import("./run");
  const api = await startOpenAiStub({ mode: "503", model: "demo-model" });
  const kube = await startKubeStub({
    namespace: NAMESPACE,
    nodes: [{ name: "gpu-node-a", zone: "zone-a" }, { name: "gpu-node-b", zone: "zone-b" }],
    pods: [
      { name: "llm-frontend-0", node: "gpu-node-a", type: "frontend", dgd: "llm" },
      { name: "llm-decode-0", node: "gpu-node-a", type: "decode", dgd: "llm" },
      { name: "llm-decode-1", node: "gpu-node-b", type: "decode", dgd: "llm" },
    ],
  });
  const log = (l: string) => process.stderr.write(`${l}\n`);
  try {
    log(`verify:demo: frontend stub ${api.url}, Kubernetes API stub ${kube.url} (context ${CONTEXT}, namespace ${NAMESPACE})`);
    log(`verify:demo: after the worker pod is deleted the frontend stub answers 503 for ${outageMs} ms (and at least once)`);
    // At least one failed request, so a busy machine that sends nothing in the window still shows the dip.
    void kube.waitFor((c) => c.method === "DELETE").then(() => api.failFor(outageMs, 1));
    const args = parseArgs([
      "--url", api.url,
      "--fault", "worker-pod", "--namespace", NAMESPACE, "--context", CONTEXT, "--kubeconfig", kube.kubeconfig(CONTEXT), "--deployment", "llm",
      "--duration", String(duration), "--fault-at", String(duration / 4),
      "--concurrency", "4", "--rate", "5", "--timeout", "2", "--recovery-window", String(Math.max(1, duration / 6)),
      "--report", report, "--html", html,
    ]);
    const r = await verify(args, { log });
    process.stdout.write(`verdict: ${r.verdict.toUpperCase()} (success ${(r.successRate * 100).toFixed(1)}%, recovery ${r.recoverySeconds ?? "–"} s)\n`);
    process.stdout.write(`verdict page: ${html}\nreport: ${report}\n`);
    return r.verdict === "pass" ? EXIT.ok : EXIT.failed;
  } finally {
    await Promise.all([api.close(), kube.close()]);
    log("verify:demo: stubs stopped");
  }
}

if (require.main === module) runMain("verify:demo", runCommand(DEMO_COMMAND, process.argv.slice(2), main), { exit: true });
