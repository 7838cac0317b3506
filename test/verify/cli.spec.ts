// `npm run verify` end to end, as a child process: exit codes, the JSON report, the HTML timeline, fault
// injection through the context named in $KUBECONFIG, and cordon cleanup on Ctrl-C; usage errors and
// a drain that never lands through the same command function in this process.
import * as assert from "assert";
import { ChildProcess } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { runCommand } from "../../tools/cli/command";
import { VERIFY_COMMAND } from "../../tools/verify/args";
import { verifyCommand } from "../../tools/verify/cli";
import { Report } from "../../tools/verify/report";
import { startKubeStub } from "./support/kube-stub";
import { startOpenAiStub } from "./support/openai-stub";
import { Exit, runScript } from "../support/child";

/** `npm run verify` as a child process, with no kubeconfig unless `env` names one. */
function cli(args: string[], env: NodeJS.ProcessEnv = {}, onSpawn?: (c: ChildProcess) => void): Promise<Exit> {
  return runScript("dist/tools/verify/cli.js", args, { env: { ...process.env, KUBECONFIG: "/nonexistent", ...env }, onSpawn });
}

/** The command in this process (the same function the process entry runs): its exit code and output. */
async function here(args: string[]): Promise<Exit> {
  let stdout = "";
  let stderr = "";
  const io = { out: (t: string) => void (stdout += t), err: (t: string) => void (stderr += t) };
  const code = await runCommand(VERIFY_COMMAND, args, (cl) => verifyCommand(cl, io), io);
  return { code, stdout, stderr };
}

/** A run started now whose outcome a test reads later; a failure waits for that test (no unhandled rejection). */
function started<T>(run: () => Promise<T>): Promise<T> {
  const p = run();
  p.catch(() => undefined);
  return p;
}

/** `npm run verify:demo` as a child process. */
function demo(args: string[]): Promise<Exit> {
  return runScript("dist/tools/verify/demo.js", args);
}

// Every run below mostly waits on its own clock (--duration), so they start in `before` and each test
// judges its own run: the file takes about its two longest runs, not their sum. The outage pair, whose
// verdicts hang on how many requests land in a one-second window, runs first and alone, as it would
// in a file of its own; the others then all start together.
describe("verify: command line", function () {
  this.timeout(60000);
  let tmp: string;
  const names = { passJson: "pass.json", passHtml: "pass.html", failJson: "fail.json", worker: "worker.json", blocked: "blocked.json", demo: "demo", drain: "drain.json" };
  let files: typeof names;

  const scenarios = {
    usage: async () => {
      // A port that was free a moment ago: nothing listens there.
      const srv = net.createServer();
      await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
      const free = (srv.address() as net.AddressInfo).port;
      await new Promise<void>((r) => srv.close(() => r()));
      const runs = await Promise.all([
        here(["--fault", "worker-pod", "--url", "http://127.0.0.1:9", "--context", "prod"]),
        here(["--fault", "drain-node", "--url", "http://127.0.0.1:9", "--namespace", "dynamo"]),
        here(["--url", "http://127.0.0.1:9", "--duration", "86400"]),
        here(["--url", `http://127.0.0.1:${free}`, "--duration", "2", "--quiet"]),
      ]);
      return { free, runs };
    },
    outage: async () => {
      const [a, b] = await Promise.all([1, 2].map(() => startOpenAiStub({ mode: "503", failFromMs: 1500, failToMs: 2500 })));
      try {
        const common = ["--duration", "6", "--concurrency", "3", "--rate", "5", "--timeout", "1", "--recovery-window", "1"];
        const [pass, fail] = await Promise.all([
          cli(["--url", a.url, ...common, "--min-success", "0.5", "--max-recovery", "10", "--report", files.passJson, "--html", files.passHtml]),
          cli(["--url", b.url, ...common, "--report", files.failJson, "--stream"]),
        ]);
        return { a, b, pass, fail };
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    },
    workerPod: async () => {
      const api = await startOpenAiStub({ mode: "503", failFromMs: 1e6, failToMs: 2e6 });
      const kube = await startKubeStub({ namespace: "dynamo", nodes: [{ name: "n1", zone: "z" }], pods: [{ name: "w-1", node: "n1", type: "decode" }] });
      try {
        const r = await cli(
          ["--url", api.url, "--fault", "worker-pod", "--namespace", "dynamo", "--context", "stub-ctx", "--duration", "3", "--fault-at", "1", "--concurrency", "2", "--rate", "5", "--report", files.worker],
          { KUBECONFIG: kube.kubeconfig("stub-ctx") },
        );
        return { r, kube };
      } finally {
        await Promise.all([api.close(), kube.close()]);
      }
    },
    blockedDrain: async () => {
      const api = await startOpenAiStub({ mode: "503", failFromMs: 1e6, failToMs: 2e6 });
      const kube = await startKubeStub({
        namespace: "dynamo",
        nodes: [{ name: "n1", zone: "z" }],
        pods: [{ name: "w-1", node: "n1", type: "decode" }, { name: "w-2", node: "n1", type: "prefill" }],
        evictionBlocked: ["w-1", "w-2"],
      });
      try {
        return await here(
          ["--url", api.url, "--fault", "drain-node", "--namespace", "dynamo", "--context", "c", "--kubeconfig", kube.kubeconfig("c"), "--duration", "2", "--fault-at", "0.5", "--concurrency", "2", "--rate", "5", "--report", files.blocked],
        );
      } finally {
        await Promise.all([api.close(), kube.close()]);
      }
    },
    demo: () => demo(["--duration", "4", "--out", files.demo]),
    interrupted: async () => {
      const api = await startOpenAiStub({ mode: "503", failFromMs: 1e6, failToMs: 2e6 });
      const kube = await startKubeStub({ namespace: "dynamo", nodes: [{ name: "n1", zone: "z" }], pods: [{ name: "w-1", node: "n1", type: "decode" }] });
      try {
        const r = await cli(
          ["--url", api.url, "--fault", "drain-node", "--namespace", "dynamo", "--context", "c", "--kubeconfig", kube.kubeconfig("c"), "--duration", "60", "--fault-at", "1", "--concurrency", "2", "--report", files.drain],
          {},
          (child) => void kube.waitFor((c) => c.method === "POST").then(() => child.kill("SIGINT")),
        );
        return { r, kube };
      } finally {
        await Promise.all([api.close(), kube.close()]);
      }
    },
  };
  type Runs = { [K in keyof typeof scenarios]: ReturnType<(typeof scenarios)[K]> };
  let runs: Runs;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "verify-cli-"));
    files = Object.fromEntries(Object.entries(names).map(([k, f]) => [k, path.join(tmp, f)])) as typeof names;
    const outage = started(scenarios.outage);
    const settled = outage.then(() => undefined, () => undefined);
    const { outage: _first, ...rest } = scenarios;
    runs = { outage, ...Object.fromEntries(Object.entries(rest).map(([k, start]) => [k, started(() => settled.then(start as () => Promise<unknown>))])) } as Runs;
  });
  after(async () => {
    await Promise.allSettled(Object.values(runs ?? {}));
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("usage errors and safety refusals exit 2 with one line, before touching anything", async () => {
    const { free, runs: r } = await runs.usage;
    assert.deepStrictEqual(r.map((x) => x.code), [2, 2, 2, 2]);
    assert.match(r[0].stderr, /^verify: --namespace: required with --fault worker-pod[^\n]*\n$/);
    assert.match(r[1].stderr, /^verify: --context: required with --fault drain-node[^\n]*\n$/);
    assert.match(r[2].stderr, /^verify: --duration: a number from 1 to 3600, got 86400\n$/);
    assert.match(r[3].stderr, new RegExp(`^verify: http://127\\.0\\.0\\.1:${free}/v1/models: refused\\n$`), "an unreachable frontend is a preflight error");
  });

  it("passes (exit 0) and fails (exit 1) the same outage on either side of the thresholds", async () => {
    const { a, b, pass, fail } = await runs.outage;
    assert.strictEqual(pass.code, 0, pass.stderr);
    assert.strictEqual(fail.code, 1, fail.stderr);
    const p = JSON.parse(fs.readFileSync(files.passJson, "utf8")) as Report;
    const f = JSON.parse(fs.readFileSync(files.failJson, "utf8")) as Report;
    for (const [r, stub] of [[p, a], [f, b]] as const) {
      assert.strictEqual(r.total, stub.received);
      assert.strictEqual(r.succeeded, stub.ok);
      assert.strictEqual(r.failed, r.total - r.succeeded);
      assert.strictEqual(r.successRate, Math.round((stub.ok / stub.received) * 10000) / 10000);
      const window = ((stub.window.end as number) - (stub.window.start as number)) / 1000;
      assert.ok(r.recoverySeconds !== null && Math.abs(r.recoverySeconds - window) <= 1, `recovery ${r.recoverySeconds} vs ${window}`);
      assert.ok(r.timeline.buckets.length >= 6);
    }
    assert.strictEqual(p.verdict, "pass");
    assert.deepStrictEqual(p.thresholds, { minSuccessRate: 0.5, maxRecoverySeconds: 10 });
    assert.strictEqual(f.verdict, "fail");
    assert.deepStrictEqual(f.thresholds, { minSuccessRate: 0.9, maxRecoverySeconds: 60 });
    assert.match(f.reasons.join(), /success rate .* below 90\.0%/);
    assert.strictEqual(f.run.stream, true);
    assert.match(pass.stdout, /\| success rate +\| [\d.]+% +\| ≥ 50\.00% +\|/);
    assert.match(fail.stdout, /\| verdict +\| FAIL/);
    assert.match(pass.stderr, /^\[ ?\d+s\/6s\] ok +\d+ failed +\d+ success/m, "progress lines");
    const html = fs.readFileSync(files.passHtml, "utf8");
    assert.match(html, /<svg[^>]*>.*<rect class="fail"/s);
    assert.doesNotMatch(html, /\b(src|href)=|@import|url\(|<script/i, "self-contained");
  });

  it("injects worker-pod through the context named in $KUBECONFIG and records the action", async () => {
    const { r, kube } = await runs.workerPod;
    assert.strictEqual(r.code, 0, r.stderr);
    assert.deepStrictEqual(kube.writes().map((c) => `${c.method} ${c.path}`), ["DELETE /api/v1/namespaces/dynamo/pods/w-1?gracePeriodSeconds=0"]);
    const rep = JSON.parse(fs.readFileSync(files.worker, "utf8")) as Report;
    assert.deepStrictEqual(rep.fault.actions, [{ action: "delete-pod", target: "dynamo/w-1", result: "ok" }]);
    assert.ok(rep.fault.injectedAtSeconds !== null && rep.fault.injectedAtSeconds >= 1);
    assert.strictEqual(rep.recoverySeconds, null);
  });

  it("a drain whose every eviction a PodDisruptionBudget refuses did not land: exit 1 with the reason", async () => {
    const r = await runs.blockedDrain;
    assert.strictEqual(r.code, 1, r.stderr);
    const rep = JSON.parse(fs.readFileSync(files.blocked, "utf8")) as Report;
    assert.strictEqual(rep.verdict, "fail");
    assert.strictEqual(rep.failed, 0, "the service itself never failed: only the fault is missing");
    const reason = "the fault did not land: no pod was deleted or evicted (cordon n1 ok; evict dynamo/w-1 blocked: refused by a PodDisruptionBudget; evict dynamo/w-2 blocked: refused by a PodDisruptionBudget)";
    assert.deepStrictEqual(rep.reasons, [reason]);
    assert.ok(r.stdout.split("\n").includes(`  fail: ${reason}`), r.stdout);
    assert.deepStrictEqual(rep.fault.actions.map((x) => `${x.action} ${x.target} ${x.result}`), ["cordon n1 ok", "evict dynamo/w-1 blocked", "evict dynamo/w-2 blocked", "uncordon n1 ok"]);
  });

  it("npm run verify:demo: a verdict, the verdict page, live progress, and no stub left running", async () => {
    const out = files.demo;
    const r = await runs.demo;
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /^verdict: PASS \(success [\d.]+%, recovery [\d.]+ s\)$/m);
    assert.ok(r.stdout.includes(`verdict page: ${path.join(out, "verdict.html")}\n`), r.stdout);
    assert.match(fs.readFileSync(path.join(out, "verdict.html"), "utf8"), /<svg/);
    assert.strictEqual((JSON.parse(fs.readFileSync(path.join(out, "report.json"), "utf8")) as Report).fault.actions[0].action, "delete-pod");
    assert.match(r.stderr, /^\[ ?\d+s\/4s\] ok +\d+ failed +\d+ success/m, "live progress");
    assert.match(r.stderr, /stubs stopped\n$/);
    // Both stubs lived in the demo's process and are gone with it: their ports refuse.
    const urls = [...r.stderr.matchAll(/http:\/\/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
    assert.strictEqual(new Set(urls).size, 2, r.stderr);
    for (const port of new Set(urls)) {
      const refused = await new Promise<boolean>((resolve) => {
        const sock = net.connect(port, "127.0.0.1");
        sock.on("connect", () => (sock.destroy(), resolve(false)));
        sock.on("error", () => resolve(true));
      });
      assert.ok(refused, `port ${port} still open`);
    }
  });

  it("Ctrl-C during a drain uncordons the node, writes the partial report and exits 1", async () => {
    const { r, kube } = await runs.interrupted;
    assert.strictEqual(r.code, 1, r.stderr);
    assert.deepStrictEqual(
      kube.writes().map((c) => `${c.method} ${c.path} ${JSON.stringify(c.body)}`),
      [
        'PATCH /api/v1/nodes/n1 {"spec":{"unschedulable":true}}',
        'POST /api/v1/namespaces/dynamo/pods/w-1/eviction {"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"w-1","namespace":"dynamo"}}',
        'PATCH /api/v1/nodes/n1 {"spec":{"unschedulable":false}}',
      ],
    );
    const rep = JSON.parse(fs.readFileSync(files.drain, "utf8")) as Report;
    assert.strictEqual(rep.run.interrupted, true);
    assert.strictEqual(rep.verdict, "fail");
    assert.deepStrictEqual(rep.fault.leftCordoned, []);
    assert.match(r.stderr, /SIGINT: stopping the load and cleaning up/);
  });
});
