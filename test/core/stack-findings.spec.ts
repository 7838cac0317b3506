import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { ConfigError, loadStackConfig } from "../../components/core/config";
import { parseStackText, STACKS_DIR } from "../../tools/plan/stack-file";

// One test per stack-file finding: each went through the plan's own config path with exit 0 (or a
// stack trace) before; each must now end in one ConfigError line that names the key.

type Config = Record<string, unknown>;

/** A bundled stack's config section as plain values, to mutate. */
function bundled(stack: string): Config {
  const text = fs.readFileSync(path.join(STACKS_DIR, `Pulumi.${stack}.yaml`), "utf8");
  return (parseYamlPlain(text) as { config: Config }).config;
}

function parseYamlPlain(text: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("yaml") as typeof import("yaml")).parse(text);
}

/** Stack file text → config → validated stack: the plan's own path, in-process. */
function run(text: string, stack = "t"): void {
  const { config, secretKeys } = parseStackText(text, `Pulumi.${stack}.yaml`);
  loadStackConfig(config, stack, secretKeys);
}

function errorOf(text: string, stack = "t"): string {
  try {
    run(text, stack);
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${(e as Error).stack}`);
    assert.ok(!/[\n\r\u2028\u2029]/.test(e.message), `multi-line: ${e.message}`);
    return e.message;
  }
  assert.fail("expected a config error");
}

/** A bundled stack with `edit` applied to its config, as stack-file text. */
function edited(stack: string, edit: (c: Config) => void): string {
  const c = bundled(stack);
  edit(c);
  return stringify({ config: c });
}
const section = (c: Config, key: string): Config => ((c[`dynamo-ha:${key}`] ??= {}) as Config);

describe("stack-file findings (issue regressions)", () => {
  it("the bundled stacks still load", () => {
    for (const s of ["eks-us-east-1", "eks-us-west-2", "aks-eastus2", "aks-westus3", "dr-global", "governance"]) run(stringify({ config: bundled(s) }), s);
  });

  it("a YAML alias bomb is one line naming the file, not a stack trace", () => {
    let text = 'config:\n  dynamo-ha:labels:\n    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    let prev = "a";
    for (const c of "bcdefghi") {
      text += `    ${c}: &${c} [${Array(9).fill(`*${prev}`).join(",")}]\n`;
      prev = c;
    }
    assert.match(errorOf(text), /^Pulumi\.t\.yaml: YAML aliases from line 4 on expand to too many values/);
  });

  it("deep nesting and parser errors are one line with the file and line number", () => {
    assert.match(errorOf(`config:\n  dynamo-ha:graph: ${"[".repeat(40)}${"]".repeat(40)}\n`), /^dynamo-ha:graph: must be nested at most 32 levels deep \(Pulumi\.t\.yaml line 2\)$/);
    // Whether the parser itself gives up (its recursion runs out of stack) depends on the stack left to
    // the process; either way the answer is one line with the file, the line and the limit.
    assert.match(
      errorOf(`config:\n  dynamo-ha:graph: ${"[".repeat(1000)}${"]".repeat(1000)}\n`),
      /^(Pulumi\.t\.yaml: malformed YAML at line 2: nested deeper than 32 levels|dynamo-ha:graph: must be nested at most 32 levels deep \(Pulumi\.t\.yaml line 2\))$/,
    );
    assert.match(errorOf("config:\n  dynamo-ha:env: prod\n  dynamo-ha:env: dev\n"), /^Pulumi\.t\.yaml: malformed YAML at line 3: Map keys must be unique$/);
    assert.match(errorOf("config:\n  a: [\n"), /^Pulumi\.t\.yaml: malformed YAML at line \d+: /);
    assert.match(errorOf("config: {}\n---\nconfig: {}\n"), /^Pulumi\.t\.yaml: malformed YAML at line 2: a stack file holds one YAML document/);
    assert.match(errorOf("confg:\n  dynamo-ha:env: prod\n"), /^Pulumi\.t\.yaml: confg: unknown key .*did you mean config\?$/);
    assert.match(errorOf(`config:\n  dynamo-ha:labels:\n    x: "${"a".repeat(300 * 1024)}"\n`), /^Pulumi\.t\.yaml: a stack file holds at most 256 KiB/);
  });

  it("a control character in a value is escaped, and the message names the key it was set under", () => {
    const msg = errorOf(edited("eks-us-east-1", (c) => (section(c, "gpuPool").fallbackInstanceTypes = ["a\nb"])));
    assert.strictEqual(msg, 'dynamo-ha:gpuPool.fallbackInstanceTypes[0]: must not contain control or invisible characters, got "a\\nb"');
    // A valid-looking but unknown type is named under its own list too.
    assert.match(errorOf(edited("eks-us-east-1", (c) => (section(c, "gpuPool").fallbackInstanceTypes = ["x9.large"]))), /^dynamo-ha:gpuPool\.fallbackInstanceTypes: "x9\.large" is not in the built-in/);
    assert.match(errorOf(edited("eks-us-east-1", (c) => (section(c, "gpuPool").fallbackInstanceTypes = ["G6E.2XLARGE"]))), /^dynamo-ha:gpuPool\.fallbackInstanceTypes\[0\]: must be an EC2 instance type/);
  });

  it("long values are cut with an ellipsis; a key with control characters is quoted safely", () => {
    const msg = errorOf(edited("eks-us-east-1", (c) => (section(c, "graph").namespace = `x${"y".repeat(500)}\u202e`)));
    assert.ok(msg.length < 200, msg);
    assert.match(msg, /^dynamo-ha:graph\.namespace: .*, got "xyyy[y]*…$/);
    assert.strictEqual(errorOf(edited("eks-us-east-1", (c) => (section(c, "capacity")["required\nGpus"] = 8))).split(":")[1], 'capacity["required\\nGpus"]');
  });

  it("gpusPerNode cannot contradict a known type's GPU count", () => {
    assert.strictEqual(
      errorOf(edited("eks-us-east-1", (c) => (section(c, "gpuPool").gpusPerNode = 8))),
      "dynamo-ha:gpuPool.gpusPerNode: g6e.2xlarge has 1 GPU (built-in table, a fact); set gpusPerNode only for types missing from it, got 8",
    );
    assert.match(errorOf(edited("aks-eastus2", (c) => (section(c, "gpuPool").gpusPerNode = 4))), /^dynamo-ha:gpuPool\.gpusPerNode: Standard_NC24ads_A100_v4 has 1 GPU/);
    // Agreeing with the table is harmless; unknown types still take the override.
    run(edited("eks-us-east-1", (c) => (section(c, "gpuPool").gpusPerNode = 1)));
  });

  it("YAML .inf / .nan are refused with the key named, not turned into the default", () => {
    assert.match(
      errorOf(edited("eks-us-east-1", (c) => (section(c, "cluster").endpointPublicAccess = Infinity))),
      /^dynamo-ha:cluster\.endpointPublicAccess: must be a finite number \(YAML \.inf and \.nan are not config values\), got \.inf \(Pulumi\.t\.yaml line \d+\)$/,
    );
    assert.match(errorOf(edited("eks-us-east-1", (c) => (section(c, "storage").allowDataLoss = Infinity))), /^dynamo-ha:storage\.allowDataLoss: must be a finite number/);
    assert.match(errorOf(edited("eks-us-east-1", (c) => (section(c, "capacity").onDemandFloor = NaN))), /^dynamo-ha:capacity\.onDemandFloor: .*got \.nan/);
    assert.match(errorOf("config:\n  dynamo-ha:capacity:\n    requiredGpus: 1e999\n"), /^dynamo-ha:capacity\.requiredGpus: must be a finite number.*got 1e999/);
    // The same through raw engine config (JSON has no .inf, but 1e999 parses to Infinity).
    assert.throws(() => loadStackConfig({ ...bundledRaw(), "dynamo-ha:capacity": '{"requiredGpus": 1e999}' }, "t"), /^ConfigError: dynamo-ha:capacity\.requiredGpus: must be an integer from 1 to 100000, got Infinity$/);
  });

  const invalid: [string, string, (c: Config) => void, RegExp][] = [
    ["a 600-character label key", "eks-us-east-1", (c) => (c["dynamo-ha:labels"] = { ["k".repeat(600)]: "v" }), /^dynamo-ha:labels\["k{10,}…\]: the key must be a label key/],
    ["a label key a<b>%", "eks-us-east-1", (c) => (c["dynamo-ha:labels"] = { "a<b>%": "v" }), /^dynamo-ha:labels\["a<b>%"\]: the key must be a label key/],
    ["a label value with a space", "eks-us-east-1", (c) => (c["dynamo-ha:labels"] = { team: "ml ops" }), /^dynamo-ha:labels\.team: must be a label value/],
    ["a prefixed label key on Azure (tag names take no '/')", "aks-eastus2", (c) => (c["dynamo-ha:labels"] = { "example.com/team": "ml" }), /^dynamo-ha:labels: Azure tag names take no "\/"/],
    ["hfTokenSecret Bad_Secret", "eks-us-east-1", (c) => (section(c, "graph").hfTokenSecret = "Bad_Secret"), /^dynamo-ha:graph\.hfTokenSecret: must be a DNS-1123 subdomain .*, got "Bad_Secret"$/],
    ["observability.namespace ../x", "eks-us-east-1", (c) => (section(c, "observability").namespace = "../x"), /^dynamo-ha:observability\.namespace: must be a DNS-1123 label .*, got "\.\.\/x"$/],
    ["pvcSize 0Gi", "eks-us-east-1", (c) => Object.assign(section(c, "storage"), { pvcSize: "0Gi" }), /^dynamo-ha:storage\.pvcSize: must be a Kubernetes quantity above zero .*, got "0Gi"$/],
    ["etcd storageSize -1Gi", "eks-us-east-1", (c) => (section(c, "platform").etcd = { storageSize: "-1Gi" }), /^dynamo-ha:platform\.etcd\.storageSize: must be a Kubernetes quantity above zero/],
    ['healthPath "/he alth"', "eks-us-east-1", (c) => (section(c, "dr").healthPath = "/he alth"), /^dynamo-ha:dr\.healthPath: must be a URL path/],
    ["zone us-east-1z", "eks-us-east-1", (c) => (c["dynamo-ha:zones"] = ["us-east-1a", "us-east-1b", "us-east-1z"]), /^dynamo-ha:zones: "us-east-1z" is not an availability zone of us-east-1 \(us-east-1a, /],
    ["region zz-fake-9", "eks-us-east-1", (c) => (c["dynamo-ha:region"] = "zz-fake-9"), /^dynamo-ha:region: an AWS region like "us-east-1" .*, got "zz-fake-9"$/],
    ["an Azure location without zones", "aks-eastus2", (c) => (c["dynamo-ha:region"] = "westus"), /^dynamo-ha:region: must be an Azure location with availability zones/],
    ["Azure vpcCidr 999.1.1.0/16", "aks-eastus2", (c) => (section(c, "cluster").vpcCidr = "999.1.1.0/16"), /^dynamo-ha:cluster\.vpcCidr: must be an IPv4 CIDR .*, got "999\.1\.1\.0\/16"$/],
    ["Azure vpcCidr 10.40.0.1/16 (host bits set)", "aks-eastus2", (c) => (section(c, "cluster").vpcCidr = "10.40.0.1/16"), /^dynamo-ha:cluster\.vpcCidr: must be an IPv4 network CIDR with host bits clear/],
    ['systemNodeSize " " (Azure)', "aks-eastus2", (c) => (section(c, "cluster").systemNodeSize = " "), /^dynamo-ha:cluster\.systemNodeSize: must not be blank, got " "$/],
    ['systemNodeSize " " (AWS)', "eks-us-east-1", (c) => (section(c, "cluster").systemNodeSize = " "), /^dynamo-ha:cluster\.systemNodeSize: must not be blank/],
    ["an Azure systemNodeSize that is no VM size", "aks-eastus2", (c) => (section(c, "cluster").systemNodeSize = "m6i.xlarge"), /^dynamo-ha:cluster\.systemNodeSize: must be an Azure VM size/],
    ["replicateToRegion zz-fake-9", "eks-us-east-1", (c) => (section(c, "storage").replicateToRegion = "zz-fake-9"), /^dynamo-ha:storage\.replicateToRegion: must be an AWS region/],
    ["a stack reference with a space", "dr-global", (c) => ((section(c, "global").regions as Config[])[0].stack = "org/dynamo ha/x"), /^dynamo-ha:global\.regions\[0\]\.stack: must be a stack reference/],
    ["a Route 53 zone name with a slash", "dr-global", (c) => (section(c, "global").zoneName = "example.com/x"), /^dynamo-ha:global\.zoneName: must be a DNS name/],
    ["a runbook base with a space", "eks-us-east-1", (c) => (section(c, "observability").runbookBaseUrl = "docs/run books.md"), /^dynamo-ha:observability\.runbookBaseUrl: must be an http\(s\) URL or a relative path/],
    ["an image reference with uppercase path", "eks-us-east-1", (c) => (section(c, "graph").image = "nvcr.io/NVIDIA/x:1"), /^dynamo-ha:graph\.image: must be an image reference/],
    ["a model id with a space", "eks-us-east-1", (c) => (section(c, "graph").model = "Qwen/Qwen 3"), /^dynamo-ha:graph\.model: must be a Hugging Face model id/],
    ["a peer stack with a slash", "eks-us-east-1", (c) => (section(c, "dr").peerStack = "a/b"), /^dynamo-ha:dr\.peerStack: must be a stack name/],
  ];
  for (const [what, stack, edit, expected] of invalid) {
    it(`refuses ${what}`, () => assert.match(errorOf(edited(stack, edit)), expected));
  }

  it("keys in a mistyped namespace are refused with the nearest known key", () => {
    assert.strictEqual(
      errorOf(edited("eks-us-east-1", (c) => (c["dynamoha:cluster"] = { name: "x" }))),
      'dynamoha:cluster: unknown config namespace "dynamoha" (allowed namespaces: dynamo-ha, aws, azure-native, kubernetes, pulumi, pulumiservice); did you mean dynamo-ha:cluster?',
    );
    assert.match(errorOf(edited("eks-us-east-1", (c) => (c["awz:region"] = "us-east-1"))), /^awz:region: unknown config namespace .*did you mean aws:region\?$/);
    assert.match(errorOf(edited("eks-us-east-1", (c) => (c.cluster = {}))), /^cluster: a config key is <namespace>:<name> .*did you mean dynamo-ha:cluster\?$/);
    assert.match(errorOf(edited("eks-us-east-1", (c) => (c["dynamo-ha:clustr"] = {}))), /^dynamo-ha:clustr: unknown key \(allowed: .*\); did you mean cluster\?$/);
    // Provider namespaces pass through untouched.
    run(edited("eks-us-east-1", (c) => Object.assign(c, { "aws:region": "us-east-1", "kubernetes:enableServerSideApply": "true", "pulumi:tags": { a: "b" } })));
    // The rule holds for the program's raw engine config too (loadStackConfig).
    assert.throws(() => loadStackConfig({ ...bundledRaw(), "dynamoha:cluster": "{}" }, "t"), /^ConfigError: dynamoha:cluster: unknown config namespace/);
  });

  it("a prod stack whose on-demand floor leaves no GPUs after losing spot is refused", () => {
    const msg = errorOf(edited("eks-us-east-1", (c) => {
      section(c, "capacity").onDemandFloor = 0;
      section(c, "gpuPool").requireFallback = false;
    }));
    assert.match(msg, /^dynamo-ha:capacity\.onDemandFloor: in prod the on-demand GPUs left after losing every spot node and 1 zone \(0\) must be > 0 .*got 0$/);
    assert.match(errorOf(edited("aks-eastus2", (c) => (section(c, "capacity").onDemandFloor = 0))), /^dynamo-ha:capacity\.onDemandFloor: in prod/);
    // Enough for one worker of each kind after losing a zone and all spot nodes: 1 node per zone × 2 zones.
    run(edited("eks-us-east-1", (c) => (section(c, "capacity").onDemandFloor = 0.1)));
    // Disaggregated 4-GPU workers on 1-GPU nodes can never fit (gpusPerWorker check names its own key).
    // Dev stacks and stacks without spot are not held to the prod floor.
    run(edited("eks-us-east-1", (c) => ((c["dynamo-ha:env"] = "dev"), (section(c, "capacity").onDemandFloor = 0))));
    run(edited("eks-us-east-1", (c) => ((section(c, "gpuPool").spot = false), (section(c, "capacity").onDemandFloor = 0))));
  });

  it("never prints a secure value, even under a key of the wrong type", () => {
    const text = edited("eks-us-east-1", (c) => (section(c, "capacity").requiredGpus = { secure: "v1:AAAA-ciphertext" }));
    const msg = errorOf(text);
    assert.match(msg, /^dynamo-ha:capacity\.requiredGpus: .*, got \[secret\]$/);
    assert.ok(!msg.includes("offline-secret-placeholder") && !msg.includes("ciphertext"), msg);
  });
});

function bundledRaw(): Record<string, string> {
  return parseStackText(fs.readFileSync(path.join(STACKS_DIR, "Pulumi.eks-us-east-1.yaml"), "utf8"), "Pulumi.eks-us-east-1.yaml").config;
}
