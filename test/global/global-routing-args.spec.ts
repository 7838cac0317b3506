// GlobalRouting's args resolve through the global config section's schema and rules: the same defaults,
// the same refusals, each one line naming the arg.
import * as assert from "assert";
import { GlobalConfig, loadStackConfig } from "../../components/core/config";
import { globalRoutingArgsOf, resolveGlobalRoutingArgs } from "../../components/global/global-routing-args";

const REGIONS = ["org/dynamo-ha/east", "org/dynamo-ha/west"];

function config(g: Record<string, unknown>, labels: Record<string, string> = {}): GlobalConfig {
  const raw = { "dynamo-ha:kind": "global", "dynamo-ha:labels": JSON.stringify(labels), "dynamo-ha:global": JSON.stringify({ regions: REGIONS.map((stack) => ({ stack })), ...g }) };
  return loadStackConfig(raw, "dr") as GlobalConfig;
}

describe("GlobalRouting args", () => {
  it("default to the global config section's defaults, the Pulumi stack name and no tags", () => {
    const g = config({}).global;
    assert.deepStrictEqual(resolveGlobalRoutingArgs({ regions: REGIONS, zoneName: "example.com" }, "dr"), {
      regions: REGIONS,
      service: g.dnsProvider,
      mode: g.mode,
      activeActiveRouting: g.activeActiveRouting,
      zoneName: "example.com",
      sourceRanges: [],
      recordName: g.recordName,
      azureLocation: g.azureLocation,
      healthCheckIntervalSeconds: g.healthCheckIntervalSeconds,
      healthCheckFailureThreshold: g.healthCheckFailureThreshold,
      dnsTtlSeconds: g.dnsTtlSeconds,
      maxFailoverSeconds: g.maxFailoverSeconds,
      protect: g.protectRouting,
      stackName: "dr",
      tags: {},
    });
  });

  it("give back exactly what a stack's config holds (the stack program's mapping), for every service", () => {
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{}, { team: "ml" }],
      [{ mode: "active-active", activeActiveRouting: "weighted", recordName: "api", dnsTtlSeconds: 10, protectRouting: false }, {}],
      [{ dnsProvider: "azure-frontdoor", zoneName: "rg-global", sourceRanges: ["203.0.113.0/24"], azureLocation: "westeurope", healthCheckIntervalSeconds: 15, healthCheckFailureThreshold: 2 }, { team: "ml" }],
      [{ dnsProvider: "azure-traffic-manager", zoneName: "rg-tm", mode: "active-active", healthCheckIntervalSeconds: 30, healthCheckFailureThreshold: 1, maxFailoverSeconds: 90 }, {}],
    ];
    for (const [g, labels] of cases) {
      const c = config(g, labels);
      const s = resolveGlobalRoutingArgs(globalRoutingArgsOf(c), "elsewhere");
      const { rtoGoalSeconds: _rto, regions, dnsProvider, protectRouting, ...rest } = c.global;
      assert.deepStrictEqual(s, { ...rest, regions: regions.map((r) => r.stack), service: dnsProvider, protect: protectRouting, stackName: "dr", tags: labels });
    }
  });

  it("take the zone the service takes: a hosted zone for route53, a resource group for the Azure services", () => {
    assert.strictEqual(resolveGlobalRoutingArgs({ regions: REGIONS, service: "azure-frontdoor", resourceGroupName: "rg-x", sourceRanges: ["203.0.113.0/24"] }, "dr").zoneName, "rg-x");
    assert.throws(() => resolveGlobalRoutingArgs({ regions: REGIONS }, "dr"), /^ConfigError: GlobalRouting\.zoneName: required with route53, got nothing$/);
    assert.throws(() => resolveGlobalRoutingArgs({ regions: REGIONS, service: "azure-traffic-manager" }, "dr"), /^ConfigError: GlobalRouting\.resourceGroupName: required with azure-traffic-manager/);
    assert.throws(
      () => resolveGlobalRoutingArgs({ regions: REGIONS, zoneName: "example.com", resourceGroupName: "rg" }, "dr"),
      /^ConfigError: GlobalRouting\.resourceGroupName: route53 takes zoneName instead, got "rg"$/,
    );
    assert.throws(
      () => resolveGlobalRoutingArgs({ regions: REGIONS, service: "azure-frontdoor", resourceGroupName: "rg", zoneName: "example.com" }, "dr"),
      /^ConfigError: GlobalRouting\.zoneName: azure-frontdoor takes resourceGroupName instead/,
    );
    assert.throws(() => resolveGlobalRoutingArgs({ regions: REGIONS, service: "azure-frontdoor", resourceGroupName: "rg." }, "dr"), /^ConfigError: GlobalRouting\.resourceGroupName: must be an Azure resource group name/);
  });

  it("refuse what a stack file is refused, one line naming the arg", () => {
    const base = { regions: REGIONS, zoneName: "example.com" };
    const refused: [Record<string, unknown>, RegExp][] = [
      [{ service: "cloudflare" }, /^ConfigError: GlobalRouting\.service: /],
      [{ mode: "active-standby" }, /^ConfigError: GlobalRouting\.mode: /],
      [{ regions: ["org/dynamo-ha/east"] }, /^ConfigError: GlobalRouting\.regions: /],
      [{ regions: ["org/dynamo-ha/east", "a/b/c/d"] }, /^ConfigError: GlobalRouting\.regions\[1\]: /],
      [{ regions: [...REGIONS, "org/dynamo-ha/third"] }, /^ConfigError: GlobalRouting\.regions: route53 active-passive fails over between exactly 2/],
      [{ healthCheckIntervalSeconds: 15 }, /^ConfigError: GlobalRouting\.healthCheckIntervalSeconds: must be 10 or 30 with route53, got 15$/],
      [{ healthCheckIntervalSeconds: 30 }, /^ConfigError: GlobalRouting\.maxFailoverSeconds: detection 30 s × 3 \+ TTL 30 = 120 s exceeds the bound/],
      [{ protect: "yes" }, /^ConfigError: GlobalRouting\.protect: /],
      [{ recordName: "llm service" }, /^ConfigError: GlobalRouting\.recordName: /],
      [{ tags: { "team/x": "a".repeat(70) } }, /^ConfigError: GlobalRouting\.tags/],
    ];
    for (const [a, re] of refused) assert.throws(() => resolveGlobalRoutingArgs({ ...base, ...a } as never, "dr"), re, JSON.stringify(a));
    // Azure tag names take no "/"; Route 53 tags may.
    const tags = { "dynamo-ha.io/team": "ml" };
    assert.deepStrictEqual(resolveGlobalRoutingArgs({ ...base, tags }, "dr").tags, tags);
    assert.throws(() => resolveGlobalRoutingArgs({ regions: REGIONS, service: "azure-frontdoor", resourceGroupName: "rg", sourceRanges: ["203.0.113.0/24"], tags }, "dr"), /^ConfigError: GlobalRouting\.tags: Azure tag names take no "\/"/);
  });

  it("azure-frontdoor: the client ranges are required, named as the arg; other services refuse them", () => {
    const fd = { regions: REGIONS, service: "azure-frontdoor" as const, resourceGroupName: "rg" };
    assert.throws(() => resolveGlobalRoutingArgs(fd, "dr"), /^ConfigError: GlobalRouting\.sourceRanges: azure-frontdoor needs the client CIDRs/);
    assert.throws(() => resolveGlobalRoutingArgs({ ...fd, sourceRanges: ["0.0.0.0/0"] }, "dr"), /^ConfigError: GlobalRouting\.sourceRanges: a range that admits every address/);
    assert.deepStrictEqual(resolveGlobalRoutingArgs({ ...fd, sourceRanges: ["203.0.113.0/24"] }, "dr").sourceRanges, ["203.0.113.0/24"]);
    assert.throws(() => resolveGlobalRoutingArgs({ regions: REGIONS, zoneName: "example.com", sourceRanges: ["203.0.113.0/24"] }, "dr"), /^ConfigError: GlobalRouting\.sourceRanges: azure-frontdoor only/);
  });

  it("allow a slower failover only with the bound raised, and never hold routing to the stack's recovery-time goal", () => {
    const slow = { regions: REGIONS, zoneName: "example.com", healthCheckIntervalSeconds: 30, healthCheckFailureThreshold: 10, dnsTtlSeconds: 3000, maxFailoverSeconds: 3600 };
    assert.strictEqual(resolveGlobalRoutingArgs(slow, "dr").maxFailoverSeconds, 3600);
  });
});
