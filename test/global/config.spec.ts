import * as assert from "assert";
import { ConfigError, loadStackConfig } from "../../components/core/config";
import { loadStackFile } from "../../tools/plan/stack-file";

const globalRaw = (g: Record<string, unknown>): Record<string, string> => ({
  "dynamo-ha:kind": "global",
  "dynamo-ha:global": JSON.stringify({ regions: [{ stack: "org/dynamo-ha/a" }, { stack: "org/dynamo-ha/b" }], ...g }),
});

function errorOf(raw: Record<string, string>, stack = "t"): string {
  try {
    loadStackConfig(raw, stack);
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected ConfigError, got ${e}`);
    assert.ok(!e.message.includes("\n"), `one line: ${e.message}`);
    return e.message;
  }
  assert.fail("expected a config error");
}

describe("global stack config", () => {
  it("accepts the defaults (10 s × 3 + 30 s = 60 s ≤ 60 s)", () => {
    const c = loadStackConfig(globalRaw({}), "g");
    assert.strictEqual(c.kind, "global");
  });

  it("rejects no region and one region", () => {
    assert.match(errorOf(globalRaw({ regions: [] })), /^dynamo-ha:global\.regions: need at least 2 distinct regional stacks, got \[\]$/);
    assert.match(errorOf(globalRaw({ regions: [{ stack: "org/dynamo-ha/a" }] })), /^dynamo-ha:global\.regions: need at least 2/);
    assert.match(errorOf(globalRaw({ regions: [{ stack: "org/dynamo-ha/a" }, { stack: "org/dynamo-ha/a" }] })), /^dynamo-ha:global\.regions: regional stacks must be distinct/);
    assert.match(errorOf({ "dynamo-ha:kind": "global" }), /^dynamo-ha:global: is required for global stacks/);
  });

  it("rejects an unreachable failover bound with the arithmetic", () => {
    const m = errorOf(globalRaw({ healthCheckIntervalSeconds: 30, healthCheckFailureThreshold: 3, dnsTtlSeconds: 60, maxFailoverSeconds: 60 }));
    assert.strictEqual(
      m,
      "dynamo-ha:global.maxFailoverSeconds: detection 30 s × 3 + TTL 60 = 150 s exceeds the bound; lower healthCheckIntervalSeconds, healthCheckFailureThreshold or dnsTtlSeconds, got 60",
    );
    // Behind Front Door the TTL does not count: the same numbers fit a 90 s bound.
    loadStackConfig(globalRaw({ dnsProvider: "azure-frontdoor", sourceRanges: ["203.0.113.0/24"], healthCheckIntervalSeconds: 30, dnsTtlSeconds: 600, maxFailoverSeconds: 90 }), "g");
  });

  it("rejects an RTO goal below the detection time, naming the key and the arithmetic", () => {
    assert.strictEqual(errorOf(globalRaw({ rtoGoalSeconds: 45 })), "dynamo-ha:global.rtoGoalSeconds: must be at least the detection time 10 s × 3 + TTL 30 = 60 s, got 45");
    // Equal to detection is allowed; behind Front Door the TTL does not count.
    loadStackConfig(globalRaw({ rtoGoalSeconds: 60 }), "g");
    loadStackConfig(globalRaw({ dnsProvider: "azure-frontdoor", sourceRanges: ["203.0.113.0/24"], rtoGoalSeconds: 30 }), "g");
    assert.match(errorOf(globalRaw({ dnsProvider: "azure-frontdoor", sourceRanges: ["203.0.113.0/24"], rtoGoalSeconds: 29 })), /^dynamo-ha:global\.rtoGoalSeconds: must be at least the detection time 10 s × 3 = 30 s, got 29$/);
  });

  it("rejects intervals the routing service does not offer, and a 3-region Route 53 failover pair", () => {
    assert.match(errorOf(globalRaw({ healthCheckIntervalSeconds: 15, maxFailoverSeconds: 600 })), /^dynamo-ha:global\.healthCheckIntervalSeconds: must be 10 or 30 with route53, got 15$/);
    assert.match(errorOf(globalRaw({ dnsProvider: "azure-frontdoor", healthCheckIntervalSeconds: 2 })), /5 to 255 with azure-frontdoor, got 2$/);
    const three = [{ stack: "o/p/a" }, { stack: "o/p/b" }, { stack: "o/p/c" }];
    assert.match(errorOf(globalRaw({ regions: three })), /^dynamo-ha:global\.regions: route53 active-passive fails over between exactly 2/);
    loadStackConfig(globalRaw({ regions: three, mode: "active-active" }), "g");
  });

  it("azure-frontdoor: the client ranges its WAF admits are required (in prod too), never open; other services take none", () => {
    const fd = (g: Record<string, unknown>, env?: string) => ({ ...globalRaw({ dnsProvider: "azure-frontdoor", zoneName: "rg", ...g }), ...(env ? { "dynamo-ha:env": env } : {}) });
    assert.strictEqual(
      errorOf(fd({}, "prod")),
      "dynamo-ha:global.sourceRanges: azure-frontdoor needs the client CIDRs the global Front Door's WAF admits (at least one), got []",
    );
    assert.match(errorOf(fd({ sourceRanges: ["203.0.113.0/24", "0.0.0.0/0"] })), /^dynamo-ha:global\.sourceRanges: a range that admits every address \(0\.0\.0\.0\/0\)/);
    assert.match(errorOf(fd({ sourceRanges: ["203.0.113.7/24"] })), /^dynamo-ha:global\.sourceRanges\[0\]: must be an IPv4 network CIDR/);
    assert.match(errorOf(globalRaw({ sourceRanges: ["203.0.113.0/24"] })), /^dynamo-ha:global\.sourceRanges: azure-frontdoor only \(route53 answers DNS/);
    const c = loadStackConfig(fd({ sourceRanges: ["203.0.113.0/24", "198.51.100.0/24"] }, "prod"), "g");
    assert.ok(c.kind === "global" && c.global.sourceRanges.length === 2);
    // Empty is the default and fine where nothing proxies.
    assert.deepStrictEqual((loadStackConfig(globalRaw({}), "g") as { global: { sourceRanges: string[] } }).global.sourceRanges, []);
  });
});

/** A bundled stack's config (kept valid by its owners) with storage/dr overridden. */
const regional = (over: Record<string, unknown> = {}, cloud: "aws" | "azure" = "aws"): Record<string, string> => {
  const raw = { ...loadStackFile(cloud === "aws" ? "eks-us-east-1" : "aks-eastus2").config };
  delete raw["dynamo-ha:dr"];
  for (const [k, v] of Object.entries(over)) raw[`dynamo-ha:${k}`] = JSON.stringify(v);
  return raw;
};

describe("storage and DR config", () => {
  it("accepts replication to the peer region", () => {
    loadStackConfig(regional({ storage: { replicateToRegion: "us-west-2", replicationTimeControl: true }, dr: { role: "primary", peerStack: "eks-us-west-2" } }), "eks-us-east-1");
  });

  it("rejects replication to the same region", () => {
    assert.strictEqual(
      errorOf(regional({ storage: { replicateToRegion: "us-east-1" }, dr: { peerStack: "p" } })),
      `dynamo-ha:storage.replicateToRegion: must be another region than this stack's (us-east-1), got "us-east-1"`,
    );
  });

  it("rejects a primary that names itself as its DR peer", () => {
    assert.strictEqual(
      errorOf(regional({ dr: { role: "primary", peerStack: "eks-us-east-1" } }), "eks-us-east-1"),
      `dynamo-ha:dr.peerStack: the DR peer must be another stack than this one (eks-us-east-1), got "eks-us-east-1"`,
    );
  });

  it("rejects replication without a DR peer, from a secondary, or from a PVC", () => {
    assert.strictEqual(
      errorOf(regional({ storage: { replicateToRegion: "us-west-2" } })),
      `dynamo-ha:storage.replicateToRegion: replication goes into the DR peer's store; set dr.peerStack to the secondary stack in us-west-2, got "us-west-2" without dr.peerStack`,
    );
    assert.match(errorOf(regional({ storage: { replicateToRegion: "us-west-2" }, dr: { role: "secondary", peerStack: "p" } })), /only the primary replicates/);
    assert.match(errorOf(regional({ storage: { backend: "pvc", replicateToRegion: "us-west-2" }, dr: { peerStack: "p" } })), /only the object backend replicates/);
    assert.match(errorOf(regional({ storage: { replicationTimeControl: true } })), /^dynamo-ha:storage\.replicationTimeControl: needs storage\.replicateToRegion/);
    // The destination comes from the peer's outputs: a bucket named here is no longer a key.
    assert.match(errorOf(regional({ storage: { replicateToBucket: "b" } })), /^dynamo-ha:storage\.replicateToBucket: unknown key/);
  });

  it("Azure: object replication to the peer's region, RA-GZRS as an extra in-geo copy, model and checkpoint containers apart", () => {
    loadStackConfig(regional({ storage: { replicateToRegion: "westus3", geoRedundant: true }, dr: { role: "primary", peerStack: "aks-westus3" } }, "azure"), "aks");
    assert.strictEqual(
      errorOf(regional({ storage: { replicateToRegion: "eastus2" }, dr: { peerStack: "aks-westus3" } }, "azure")),
      `dynamo-ha:storage.replicateToRegion: must be another region than this stack's (eastus2), got "eastus2"`,
    );
    assert.strictEqual(errorOf(regional({ storage: { geoRedundant: true } })), "dynamo-ha:storage.geoRedundant: Azure only (S3 copies across regions by replication to the DR peer), got true");
    assert.match(
      errorOf(regional({ storage: { replicateToRegion: "westus3", replicationTimeControl: true }, dr: { peerStack: "aks-westus3" } }, "azure")),
      /^dynamo-ha:storage\.replicationTimeControl: AWS only/,
    );
    assert.strictEqual(
      errorOf(regional({ storage: { prefix: "data", modelPrefix: "data" } }, "azure")),
      `dynamo-ha:storage.modelPrefix: model weights and checkpoints need distinct prefixes/containers (storage.prefix is "data"), got "data"`,
    );
    assert.match(errorOf(regional({ storage: { name: "Bad-Name" } }, "azure")), /^dynamo-ha:storage\.name: /);
  });

  it("a customer-managed key: a Key Vault key resource ID, on an Azure object store only; access log days in range", () => {
    const keyId = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/my-vault/keys/cmk";
    loadStackConfig(regional({ storage: { azure: { customerManagedKeyId: keyId } } }, "azure"), "aks");
    assert.match(errorOf(regional({ storage: { azure: { customerManagedKeyId: "https://my-vault.vault.azure.net/keys/cmk" } } }, "azure")), /^dynamo-ha:storage\.azure\.customerManagedKeyId: must be a Key Vault key resource ID/);
    assert.match(errorOf(regional({ storage: { azure: { customerManagedKeyId: keyId } } })), /^dynamo-ha:storage\.azure\.customerManagedKeyId: only an Azure stack with the object backend .*\(cloud aws, storage\.backend object\)/);
    assert.match(errorOf(regional({ storage: { backend: "pvc", azure: { customerManagedKeyId: keyId } } }, "azure")), /storage\.backend pvc/);
    assert.match(errorOf(regional({ storage: { azure: { keyId } } }, "azure")), /^dynamo-ha:storage\.azure\.keyId: unknown key/);
    assert.match(errorOf(regional({ storage: { accessLogDays: 0 } })), /^dynamo-ha:storage\.accessLogDays: /);
  });
});

describe("DR exposure and storage class config", () => {
  const dev = (over: Record<string, unknown>) => ({ ...regional(over), "dynamo-ha:env": "dev" });
  const EDGE_AWS = {
    enabled: true,
    sourceRanges: ["203.0.113.0/24"],
    aws: { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc", jwtIssuer: "https://idp.example.com/", jwksEndpoint: "https://idp.example.com/jwks" },
  };

  it("a stack in a DR set is reached through its edge; in prod never through a public load balancer", () => {
    assert.strictEqual(
      errorOf(regional({ dr: { role: "primary", peerStack: "eks-us-west-2" }, exposure: {} })),
      "dynamo-ha:exposure.edge.enabled: global routing reaches a stack in a DR set (dr.peerStack eks-us-west-2) through its TLS edge; set true, got false",
    );
    assert.strictEqual(
      errorOf(regional({ dr: { peerStack: "eks-us-west-2" }, exposure: { internalLoadBalancer: false, loadBalancerSourceRanges: ["203.0.113.0/24"] } })),
      "dynamo-ha:exposure.internalLoadBalancer: a prod stack serves the internet only through exposure.edge (TLS, source ranges, authentication); set true and enable the edge, got false",
    );
    loadStackConfig(regional({ dr: { peerStack: "eks-us-west-2" }, exposure: { edge: EDGE_AWS } }), "eks-us-east-1");
    // Without a DR peer an internal load balancer (the default) is fine.
    loadStackConfig(regional({ exposure: {}, storage: {} }), "eks-us-east-1");
  });

  it("every bundled regional stack with a DR peer keeps its load balancer internal and serves through the edge", () => {
    for (const s of ["eks-us-east-1", "eks-us-west-2", "aks-eastus2", "aks-westus3"]) {
      const c = loadStackConfig(loadStackFile(s).config, s);
      assert.ok(c.kind === "regional" && c.dr.peerStack !== undefined && c.exposure.internalLoadBalancer && c.exposure.edge.enabled && c.exposure.edge.sourceRanges.length > 0, s);
    }
  });

  it("load balancer source ranges are IPv4 network CIDRs; a public load balancer (non-prod) needs them", () => {
    const c = loadStackConfig(dev({ exposure: { internalLoadBalancer: false, loadBalancerSourceRanges: ["203.0.113.0/24"] }, dr: { peerStack: "p" } }), "eks-us-east-1");
    assert.ok(c.kind === "regional" && c.exposure.loadBalancerSourceRanges[0] === "203.0.113.0/24");
    assert.match(errorOf(regional({ exposure: { loadBalancerSourceRanges: ["203.0.113.1/24"] } })), /^dynamo-ha:exposure\.loadBalancerSourceRanges: "203\.0\.113\.1\/24" is not an IPv4 network CIDR/);
    assert.match(errorOf(regional({ exposure: { loadBalancerSourceRanges: ["everyone"] } })), /^dynamo-ha:exposure\.loadBalancerSourceRanges\[0\]: must be an IPv4 CIDR/);
    assert.strictEqual(
      errorOf(dev({ exposure: { internalLoadBalancer: false, loadBalancerSourceRanges: ["0.0.0.0/0"] } })),
      'dynamo-ha:exposure.loadBalancerSourceRanges: a public load balancer (internalLoadBalancer false) needs client CIDRs, none of them /0, got ["0.0.0.0/0"]',
    );
  });

  it("backend pvc on AWS needs a storage class; Azure has a default", () => {
    assert.strictEqual(
      errorOf(regional({ storage: { backend: "pvc" } })),
      "dynamo-ha:storage.pvcStorageClass: backend pvc on AWS needs a ReadWriteMany class you installed (e.g. an EFS CSI class), got nothing",
    );
    loadStackConfig(regional({ storage: { backend: "pvc", pvcStorageClass: "efs-sc" } }), "eks-us-east-1");
    loadStackConfig(regional({ storage: { backend: "pvc" } }, "azure"), "aks");
  });

  it("global.azureLocation is an Azure location name", () => {
    const c = loadStackConfig(globalRaw({}), "g");
    assert.ok(c.kind === "global" && c.global.azureLocation === "eastus");
    assert.match(errorOf(globalRaw({ azureLocation: "East US" })), /^dynamo-ha:global\.azureLocation: must be an Azure location like eastus/);
  });
});
