import * as assert from "assert";
import fc from "fast-check";
import { ConfigError, loadStackConfig, SecretString, TOP_LEVEL, walk } from "../../components/core/config";

const base = (): Record<string, string> => ({
  "dynamo-ha:cloud": "aws",
  "dynamo-ha:region": "us-east-1",
  "dynamo-ha:zones": JSON.stringify(["us-east-1a", "us-east-1b", "us-east-1c"]),
  "dynamo-ha:gpuPool": JSON.stringify({ instanceTypes: ["g6e.2xlarge", "g6e.4xlarge"] }),
  "dynamo-ha:capacity": JSON.stringify({ requiredGpus: 8 }),
});

function errorOf(raw: Record<string, string | SecretString>): string {
  try {
    loadStackConfig(raw, "t");
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected ConfigError, got ${e}`);
    return e.message;
  }
  assert.fail("expected a config error");
}

describe("stack config", () => {
  it("fills documented defaults", () => {
    const c = loadStackConfig(base(), "t");
    assert.strictEqual(c.kind, "regional");
    if (c.kind !== "regional") return;
    assert.strictEqual(c.env, "prod");
    assert.strictEqual(c.capacity.toleratedZoneFailures, 1);
    assert.strictEqual(c.capacity.onDemandFloor, 0.5);
    assert.strictEqual(c.platform.operatorReplicas, 2);
    assert.strictEqual(c.platform.etcd.enabled, false);
    assert.strictEqual(c.gpuPool.amiType, "AL2023_x86_64_NVIDIA");
    assert.strictEqual(c.cluster.endpointPublicAccess, false);
    assert.strictEqual(c.storage.allowDataLoss, false);
  });

  it("rejects too few zones with the example message", () => {
    assert.strictEqual(errorOf({ ...base(), "dynamo-ha:zones": '["us-east-1a"]' }), 'dynamo-ha:zones: need at least 2 distinct zones, got ["us-east-1a"]');
  });

  it("rejects duplicate zones", () => {
    assert.match(errorOf({ ...base(), "dynamo-ha:zones": '["us-east-1a","us-east-1a"]' }), /^dynamo-ha:zones: zones must be distinct, got/);
  });

  it("rejects a zone outside the region", () => {
    assert.match(errorOf({ ...base(), "dynamo-ha:zones": '["us-east-1a","us-west-2b"]' }), /"us-west-2b" is not an availability zone of us-east-1/);
  });

  it("names an unknown top-level key (typo) and lists the allowed ones", () => {
    assert.match(errorOf({ ...base(), "dynamo-ha:zone": '["a"]' }), /^dynamo-ha:zone: unknown key \(allowed: kind, env, cloud,/);
  });

  it("names an unknown nested key", () => {
    assert.match(errorOf({ ...base(), "dynamo-ha:capacity": '{"requiredGpu": 8}' }), /^dynamo-ha:capacity.requiredGpu: unknown key/);
  });

  it("rejects wrong types and negative counts", () => {
    assert.strictEqual(errorOf({ ...base(), "dynamo-ha:capacity": '{"requiredGpus": "eight"}' }), 'dynamo-ha:capacity.requiredGpus: must be an integer from 1 to 100000, got "eight"');
    assert.strictEqual(errorOf({ ...base(), "dynamo-ha:capacity": '{"requiredGpus": -2}' }), "dynamo-ha:capacity.requiredGpus: must be an integer from 1 to 100000, got -2");
    assert.match(errorOf({ ...base(), "dynamo-ha:haMode": "yes" }), /^dynamo-ha:haMode: must be true or false \(JSON\), got "yes"|^dynamo-ha:haMode: must be boolean \(JSON\), got "yes"/);
  });

  it("rejects unknown kinds and clouds", () => {
    assert.strictEqual(errorOf({ ...base(), "dynamo-ha:kind": "lab" }), 'dynamo-ha:kind: must be one of "regional", "global", "governance", got "lab"');
    assert.strictEqual(errorOf({ ...base(), "dynamo-ha:cloud": "gcp" }), 'dynamo-ha:cloud: must be one of "aws", "azure", got "gcp"');
  });

  it("rejects f ≥ Z and spot types with different GPU counts", () => {
    assert.match(errorOf({ ...base(), "dynamo-ha:capacity": '{"requiredGpus": 8, "toleratedZoneFailures": 3}' }), /toleratedZoneFailures: must be an integer from 0 to 2/);
    assert.match(
      errorOf({ ...base(), "dynamo-ha:gpuPool": '{"instanceTypes": ["g6e.2xlarge","g6e.12xlarge"]}' }),
      /every type must have the same GPU count \(g6e.2xlarge has 1, g6e.12xlarge has 4\)/,
    );
    assert.match(errorOf({ ...base(), "dynamo-ha:gpuPool": '{"instanceTypes": ["x9.huge","x9.big"]}' }), /"x9.huge" is not in the built-in instance-type table; set dynamo-ha:gpuPool.gpusPerNode/);
  });

  it("requires the regional keys only on regional stacks", () => {
    assert.strictEqual(errorOf({ "dynamo-ha:region": "us-east-1" }), "dynamo-ha:cloud: is required for regional stacks, got nothing");
    assert.match(errorOf({ "dynamo-ha:kind": "global", "dynamo-ha:zones": '["1","2"]' }), /^dynamo-ha:zones: only regional stacks read this key/);
  });

  it("keeps secrets wrapped and never shows them in errors", () => {
    const c = loadStackConfig({ ...base(), "dynamo-ha:observability": JSON.stringify({ grafanaAdminPassword: "hunter2" }) }, "t");
    assert.ok(c.kind === "regional");
    const pw = c.observability.grafanaAdminPassword;
    assert.ok(pw instanceof SecretString);
    assert.strictEqual(pw.reveal(), "hunter2");
    assert.ok(!JSON.stringify(c).includes("hunter2"));
    assert.ok(!String(pw).includes("hunter2"));
  });

  it("documents every key with a doc line and (if optional) a default", () => {
    for (const [key, field] of Object.entries(TOP_LEVEL)) {
      for (const [p, f] of walk(key, field)) assert.ok(f.doc && f.doc.length > 3, `${p} has no doc`);
    }
  });

  it("property: any config yields a config or a one-line ConfigError, never another exception", () => {
    const scalar = fc.oneof(fc.integer({ min: -5, max: 40 }), fc.string({ maxLength: 6 }), fc.boolean(), fc.constant(null), fc.double({ noNaN: false }));
    const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("v"), { maxLength: 3 }), fc.dictionary(fc.constantFrom("requiredGpus", "instanceTypes", "enabled", "replicas", "x"), tie("v"), { maxKeys: 3 })),
    })).v;
    const keys = Object.keys(TOP_LEVEL).concat(["typo"]);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 8 }), fc.boolean(), (bag, keepBase) => {
        const raw: Record<string, string> = keepBase ? base() : {};
        for (const [k, v] of Object.entries(bag)) raw[`dynamo-ha:${k}`] = typeof v === "string" ? v : JSON.stringify(v) ?? "null";
        try {
          loadStackConfig(raw, "t");
        } catch (e) {
          assert.ok(e instanceof ConfigError, `not a ConfigError: ${(e as Error).stack}`);
          assert.ok(!e.message.includes("\n"), `multi-line: ${e.message}`);
          assert.match(e.message, /^dynamo-ha:[A-Za-z.\[\]0-9]+: /);
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe("stack config: secrets and `pulumi config set --path` values", () => {
  const withObs = (obs: unknown) => ({ ...base(), "dynamo-ha:observability": JSON.stringify(obs) });

  it("never shows a secret key's value in an error (typo inside, wrong type, unknown top-level key)", () => {
    const secretKeys = ["dynamo-ha:observability", "dynamo-ha:observability.grafanaAdminPassword"];
    const cases: Record<string, string>[] = [
      withObs({ grafanaAdminPasswrd: "hunter2-SECRET" }),
      withObs({ grafanaAdminPassword: "hunter2-SECRET", namespace: ["hunter2-SECRET"] }),
      { ...base(), "dynamo-ha:observability.grafanaAdminPassword": "hunter2-SECRET" },
    ];
    for (const raw of cases) {
      try {
        loadStackConfig(raw, "t", secretKeys);
        assert.fail("expected a config error");
      } catch (e) {
        assert.ok(e instanceof ConfigError, String(e));
        assert.ok(!e.message.includes("hunter2"), e.message);
        assert.match(e.message, /^dynamo-ha:observability/);
      }
    }
  });

  it("takes numbers for string fields and numeric strings for number fields, as --path stores them", () => {
    const c = loadStackConfig(
      {
        "dynamo-ha:cloud": "azure",
        "dynamo-ha:region": "eastus2",
        "dynamo-ha:zones": "[1,2,3]",
        "dynamo-ha:gpuPool": JSON.stringify({ instanceTypes: ["Standard_NC24ads_A100_v4"] }),
        "dynamo-ha:capacity": JSON.stringify({ requiredGpus: "8", onDemandFloor: "0.25" }),
        "dynamo-ha:labels": JSON.stringify({ costCenter: 1234 }),
        "dynamo-ha:observability": JSON.stringify({ errorRatioThreshold: "0.05" }),
        "dynamo-ha:cluster": JSON.stringify({ adminPrincipals: ["8d0f3b5e-1c2a-4e7b-9f60-3a4b5c6d7e8f"] }),
      },
      "t",
    );
    assert.ok(c.kind === "regional");
    assert.deepStrictEqual(c.zones, ["1", "2", "3"]);
    assert.strictEqual(c.capacity.requiredGpus, 8);
    assert.strictEqual(c.capacity.onDemandFloor, 0.25);
    assert.deepStrictEqual(c.labels, { costCenter: "1234" });
    assert.strictEqual(c.observability.errorRatioThreshold, 0.05);
    assert.match(errorOf({ ...base(), "dynamo-ha:capacity": '{"requiredGpus": "8 GPUs"}' }), /requiredGpus: must be an integer from 1 to 100000, got "8 GPUs"/);
  });
});
