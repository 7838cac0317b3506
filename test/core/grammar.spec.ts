import * as assert from "assert";
import {
  AZURE_RESOURCE_GROUP,
  AZURE_VM_SIZE,
  checkConfigNamespaces,
  ConfigError,
  DNS_LABEL,
  DNS_NAME,
  DNS_SUBDOMAIN,
  EC2_INSTANCE_TYPE,
  Grammar,
  IMAGE_REFERENCE,
  IPV4_CIDR,
  isNetworkCidr,
  LABEL_KEY,
  LABEL_VALUE,
  LINK_BASE,
  loadStackConfig,
  MODEL_ID,
  quantityValue,
  safeText,
  show,
  SIZE,
  STACK_REFERENCE,
  URL_PATH,
} from "../../components/core/config";
import { editDistance, nearest } from "../../components/core/config/nearest";
import { GPU_CATALOG, gpuShape } from "../../components/core/gpu-catalog";
import { isRegion, REGIONS, zonesOf } from "../../components/core/regions";
import { AZURE_REGION_PAIRS } from "../../components/core/storage-plan";

function accepts(g: Grammar, ok: string[], bad: string[]): void {
  for (const s of ok) assert.ok(g.test(s), `${g.text} should accept ${JSON.stringify(s)}`);
  for (const s of bad) assert.ok(!g.test(s), `${g.text} should refuse ${JSON.stringify(s)}`);
}

describe("config grammars", () => {
  it("Kubernetes names: DNS-1123 labels (63) and subdomains (253)", () => {
    accepts(DNS_LABEL, ["a", "dynamo", "a-1", "1a", "x".repeat(63)], ["", "A", "-a", "a-", "a.b", "../x", "a_b", "x".repeat(64), "dynаmo"]);
    accepts(DNS_SUBDOMAIN, ["hf-token-secret", "a.b.c", `${"a".repeat(63)}.${"b".repeat(63)}`], ["Bad_Secret", "a..b", ".a", "a.", "A", `${"a.".repeat(126)}ab`]);
  });

  it("label keys are qualified names with an optional subdomain prefix; values ≤ 63", () => {
    accepts(LABEL_KEY, ["team", "Team_1", "example.com/team", "a.b-c_d", "k".repeat(63)], ["", "a<b>%", "k".repeat(600), "k".repeat(64), "/team", "Example.com/team", "a/b/c", "-a", "a b"]);
    accepts(LABEL_VALUE, ["ml", "ML_ops.1", "1234", "v".repeat(63)], ["ml ops", "-x", "x-", "v".repeat(64), "a/b"]);
  });

  it("quantities follow resource.Quantity; a size is above zero", () => {
    assert.strictEqual(quantityValue("1Ti"), 2 ** 40);
    assert.strictEqual(quantityValue("1.5Gi"), 1.5 * 2 ** 30);
    assert.strictEqual(quantityValue("500m"), 0.5);
    assert.strictEqual(quantityValue("1e3"), 1000);
    assert.strictEqual(quantityValue(".5k"), 500);
    for (const bad of ["", "Gi", "1 Gi", "1GB", "1gi", "1.2.3", "0x10", "1e", "--1"]) assert.strictEqual(quantityValue(bad), undefined, bad);
    accepts(SIZE, ["10Gi", "1Ti", "100M", "0.5Gi", "1e9"], ["0Gi", "0", "-1Gi", "+0", "0.0Ti", "ten"]);
  });

  it("URL paths and link bases", () => {
    accepts(URL_PATH, ["/", "/health", "/v1/health-check", "/a%20b", "/~x:y@z"], ["health", "/he alth", "/a#b", "/x?y", "/%zz", `/${"a".repeat(255)}`, "/a\nb"]);
    accepts(LINK_BASE, ["docs/runbooks.md", "https://runbooks.example.com/dynamo", "http://x/y", "/runbooks"], ["docs/run books.md", "https://x/y#a", "javascript:alert(1)", "ftp://x/y", "https://", "a".repeat(2049)]);
  });

  it("CIDRs: valid IPv4, prefix ≤ 32, and for networks host bits clear", () => {
    accepts(IPV4_CIDR, ["10.40.0.0/16", "10.40.0.1/16", "0.0.0.0/0", "255.255.255.255/32"], ["999.1.1.0/16", "10.40.0.0/33", "010.40.0.0/16", "10.40.0/16", "10.40.0.0", "10.40.0.0/016", " 10.40.0.0/16"]);
    for (const ok of ["10.40.0.0/16", "203.0.113.0/24", "0.0.0.0/0", "10.0.0.7/32"]) assert.ok(isNetworkCidr(ok), ok);
    for (const bad of ["10.40.0.1/16", "999.1.1.0/16", "203.0.113.1/24", "10.0.0.0/33"]) assert.ok(!isNetworkCidr(bad), bad);
  });

  it("model ids, image references, stack references, DNS names, resource groups, instance types", () => {
    accepts(MODEL_ID, ["Qwen/Qwen3-0.6B", "meta-llama/Llama-3.1-8B-Instruct", "gpt2"], ["Qwen/Qwen 3", "a/b/c", "a--b", "a..b", "/x", "x/", "Qwen/Qwen3.git"]);
    accepts(IMAGE_REFERENCE, ["nvcr.io/nvidia/ai-dynamo/vllm-runtime:0.6.1", "localhost:5000/x/y:1", "busybox", `x@sha256:${"a".repeat(64)}`], ["nvcr.io/NVIDIA/x:1", "x:", "x y", "x:tag with space", "a".repeat(600)]);
    accepts(STACK_REFERENCE, ["org/dynamo-ha/eks-us-east-1", "eks-us-east-1", "o/s"], ["org/dynamo ha/x", "a/b/c/d", "a//b", ""]);
    accepts(DNS_NAME, ["example.com", "example.com.", "a_b.example"], ["bad zone", "example.com/x", "-a.com", "a..b"]);
    accepts(AZURE_RESOURCE_GROUP, ["rg-global", "rg.(x)_1"], ["rg.", "rg global", "r".repeat(91)]);
    accepts(EC2_INSTANCE_TYPE, ["g6e.2xlarge", "p6-b200.48xlarge", "m6i.xlarge"], ["G6E.2XLARGE", "g6e", "g6e.2xlarge ", "g6е.2xlarge"]);
    accepts(AZURE_VM_SIZE, ["Standard_NC24ads_A100_v4", "Standard_E4-2ds_v5"], ["NC24ads_A100_v4", "Standard NC24", "m6i.xlarge"]);
  });
});

describe("regions and zones (pinned)", () => {
  it("knows each bundled region's zones and refuses made-up ones", () => {
    assert.deepStrictEqual(zonesOf("aws", "us-east-1"), ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"]);
    assert.ok(zonesOf("aws", "us-west-2").includes("us-west-2c") && !zonesOf("aws", "us-east-1").includes("us-east-1z"));
    assert.deepStrictEqual(zonesOf("azure", "eastus2"), ["1", "2", "3"]);
    assert.deepStrictEqual(zonesOf("azure", "westus"), []);
    for (const bad of ["zz-fake-9", "constructor", "__proto__", "us-east-1 ", "US-EAST-1"]) assert.ok(!isRegion("aws", bad), bad);
  });

  it("every Azure geo pair and every catalog type resolves against the pinned data", () => {
    for (const [from, to] of Object.entries(AZURE_REGION_PAIRS)) assert.ok(isRegion("azure", from) && isRegion("azure", to), `${from} → ${to}`);
    assert.ok(Object.keys(REGIONS.aws).length > 30);
    // A known type's count is a fact: an override only describes unknown types.
    assert.strictEqual(gpuShape("aws", "g6e.2xlarge", 8)?.gpus, 1);
    assert.deepStrictEqual(gpuShape("aws", "x9.large", 2), { gpus: 2, gpuClass: "custom:x9.large" });
    assert.strictEqual(gpuShape("aws", "constructor"), undefined);
    assert.ok(Object.keys(GPU_CATALOG.azure).every((t) => AZURE_VM_SIZE.test(t)) && Object.keys(GPU_CATALOG.aws).every((t) => EC2_INSTANCE_TYPE.test(t)));
  });
});

describe("safe messages", () => {
  it("escapes control, separator and bidi characters and cuts long values", () => {
    assert.strictEqual(show("a\nb"), '"a\\nb"');
    assert.strictEqual(show("a\u2028b\u202ec\u0085"), '"a\\u2028b\\u202ec\\u0085"');
    assert.strictEqual(show(Infinity), "Infinity");
    assert.strictEqual(show([NaN]), '["NaN"]');
    const long = show("x".repeat(500));
    assert.strictEqual(Array.from(long).length, 60);
    assert.ok(long.endsWith("…"));
    assert.ok(!safeText(`${"a".repeat(57)}\n`).includes("\\u"), "never ends inside an escape");
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.strictEqual(show(cyclic), "[object Object]");
    assert.strictEqual(show(Object.create(null)), "{}");
  });

  it("a value is never printed for a secret key, even quoted inside the rule", () => {
    const raw = {
      "dynamo-ha:cloud": "aws",
      "dynamo-ha:region": "us-east-1",
      "dynamo-ha:zones": JSON.stringify(["us-east-1a", "hunter2, got x"]),
      "dynamo-ha:gpuPool": JSON.stringify({ instanceTypes: ["g6e.2xlarge", "g6e.4xlarge"] }),
      "dynamo-ha:capacity": JSON.stringify({ requiredGpus: 8 }),
    };
    try {
      loadStackConfig(raw, "t", ["dynamo-ha:zones"]);
      assert.fail("expected a config error");
    } catch (e) {
      assert.ok(e instanceof ConfigError, String(e));
      assert.ok(!e.message.includes("hunter2"), e.message);
      assert.match(e.message, /^dynamo-ha:zones: \[secret\] is not an availability zone of us-east-1 .*, got \[secret\]$/);
    }
  });
});

describe("config namespaces", () => {
  const top = ["cluster", "zones", "region"];
  const errorOf = (keys: string[]) => {
    try {
      checkConfigNamespaces(keys, "dynamo-ha", top);
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      return e.message;
    }
    return "";
  };

  it("passes the project's and the providers' namespaces", () => {
    assert.strictEqual(errorOf(["dynamo-ha:cluster", "aws:region", "azure-native:location", "kubernetes:context", "pulumi:template", "pulumiservice:accessToken", "dynamo-ha:typo"]), "");
  });

  it("refuses others with the nearest known key, quoting odd keys safely", () => {
    assert.match(errorOf(["dynamoha:cluster"]), /did you mean dynamo-ha:cluster\?$/);
    assert.match(errorOf(["dynamo_ha:zones"]), /did you mean dynamo-ha:zones\?$/);
    assert.match(errorOf(["azure-nativ:location"]), /did you mean azure-native:location\?$/);
    assert.match(errorOf(["gcp:project"]), /^gcp:project: unknown config namespace "gcp" \(allowed namespaces: dynamo-ha, aws, azure-native, kubernetes, pulumi, pulumiservice\)/);
    assert.match(errorOf(["completely-unrelated:thing"]), /\(allowed namespaces: [^)]*\)$/);
    assert.match(errorOf(["dynamo\u2010ha:cluster"]), /^"dynamo\u2010ha:cluster": .*did you mean dynamo-ha:cluster\?$/);
    assert.match(errorOf(["a\nb:c"]), /^"a\\nb:c": /);
  });

  it("nearest is an edit distance with a cap", () => {
    assert.strictEqual(editDistance("kitten", "sitting"), 3);
    assert.strictEqual(editDistance("a".repeat(100), "b", 4), 5);
    assert.strictEqual(nearest("clustr", ["cluster", "zones"]), "cluster");
    assert.strictEqual(nearest("completely-different", ["cluster", "zones"]), undefined);
  });
});
