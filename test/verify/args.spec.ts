import * as assert from "assert";
import { MAX_DURATION_SECONDS, parseArgs, UsageError } from "../../tools/verify/args";

const URL_ = ["--url", "http://127.0.0.1:8000/"];
function usage(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (e) {
    assert.ok(e instanceof UsageError, `expected a UsageError, got ${e}`);
    assert.ok(!e.message.includes("\n"), "one line");
    return e.message;
  }
  assert.fail(`accepted ${argv.join(" ")}`);
}

describe("verify: arguments", () => {
  it("documented defaults: HA thresholds, no fault, 120 s, 10 clients", () => {
    const a = parseArgs(URL_);
    assert.strictEqual(a.url, "http://127.0.0.1:8000");
    assert.strictEqual(a.fault, "none");
    assert.strictEqual(a.durationSeconds, 120);
    assert.strictEqual(a.concurrency, 10);
    assert.strictEqual(a.faultAtSeconds, 0);
    assert.deepStrictEqual(a.thresholds, { minSuccessRate: 0.9, maxRecoverySeconds: 60 });
    assert.strictEqual(a.stream, false);
    assert.strictEqual(a.pods, 1);
  });

  it("--single-worker switches the preset; explicit thresholds win over it", () => {
    assert.deepStrictEqual(parseArgs([...URL_, "--single-worker"]).thresholds, { minSuccessRate: 0.1, maxRecoverySeconds: 180 });
    assert.deepStrictEqual(parseArgs([...URL_, "--single-worker", "--min-success=0.3"]).thresholds, { minSuccessRate: 0.3, maxRecoverySeconds: 180 });
  });

  it("fault options need an explicit namespace and context", () => {
    const k = ["--namespace", "dynamo", "--context", "prod-east"];
    assert.match(usage([...URL_, "--fault", "worker-pod"]), /^--namespace: required with --fault worker-pod/);
    assert.match(usage([...URL_, "--fault", "zone", "--namespace", "dynamo"]), /^--context: required with --fault zone/);
    const a = parseArgs([...URL_, "--fault", "drain-node", ...k, "--node", "n1", "--duration", "90"]);
    assert.strictEqual(a.faultAtSeconds, 30);
    assert.strictEqual(a.node, "n1");
    assert.strictEqual(parseArgs([...URL_, "--fault", "frontend-pod", ...k, "--duration", "20"]).faultAtSeconds, 10);
    assert.strictEqual(parseArgs([...URL_, "--fault", "frontend-pod", ...k, "--pods", "all"]).pods, "all");
  });

  it("rejects bad values with the flag, the allowed range and the value", () => {
    assert.strictEqual(usage(["--fault", "none"]), "--url: the frontend base URL is required, e.g. http://127.0.0.1:8000");
    assert.strictEqual(usage([...URL_, "--duration", String(MAX_DURATION_SECONDS + 1)]), "--duration: a number from 1 to 3600, got 3601");
    assert.strictEqual(usage([...URL_, "--concurrency", "2.5"]), "--concurrency: an integer from 1 to 1000, got 2.5");
    assert.strictEqual(usage([...URL_, "--min-success", "90"]), "--min-success: a number from 0 to 1, got 90");
    assert.strictEqual(usage([...URL_, "--fault", "chaos"]), "--fault: one of none|frontend-pod|worker-pod|drain-node|zone, got chaos");
    assert.strictEqual(usage([...URL_, "--duration", "10", "--fault-at", "10"]), "--fault-at: below --duration (10), got 10");
    assert.strictEqual(usage(["--url", "ftp://x"]), "--url: an http(s) URL, got ftp://x");
    assert.strictEqual(usage([...URL_, "--zone", "a"]), "--zone: only with --fault zone, got --fault none");
    assert.strictEqual(usage([...URL_, "--bogus"]), "--bogus: unknown flag (see --help)");
    assert.strictEqual(usage([...URL_, "--report"]), "--report: needs a value");
    assert.strictEqual(usage([...URL_, "--stream=yes"]), "--stream: takes no value, got yes");
    assert.strictEqual(usage([...URL_, "--duration", "5", "--duration", "6"]), "--duration: given twice");
    assert.strictEqual(usage([...URL_, "--model", "--stream"]), "--model: needs a value");
    assert.strictEqual(usage([...URL_, "extra"]), "extra: unexpected argument (flags start with - or --)");
    assert.strictEqual(usage([...URL_, "-x"]), "-x: unknown flag (see --help)");
  });

  it("a value starting with - is given with =; --help needs no --url", () => {
    assert.strictEqual(parseArgs([...URL_, "--model=-m"]).model, "-m");
    assert.strictEqual(parseArgs(["-h"]).help, true);
    assert.strictEqual(parseArgs(["--help", "--fault", "zone"]).help, true);
  });
});
