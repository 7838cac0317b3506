import * as assert from "assert";
import { GlobalConfig, loadStackConfig } from "../../components/core/config";
import { capture, CaptureMocks } from "../../tools/plan/capture";
import { ResourceRecord } from "../../tools/plan/records";
import { plan } from "../../tools/plan/run";
import { globalStack } from "../../stacks/global";

/** Outputs the regional stacks export, keyed by stack name; StackReference is mocked with them. */
const REGIONS: Record<string, Record<string, unknown>> = {
  east: { frontendEndpoint: "east.lb.test", healthPath: "/health", region: "us-east-1", role: "primary", priority: 1, weight: 70, cloud: "aws" },
  west: { frontendEndpoint: "west.lb.test", healthPath: "/health", region: "us-west-2", role: "secondary", priority: 2, weight: 30, cloud: "aws" },
};

const mocks: CaptureMocks = {
  state: (type, _name, inputs) => {
    if (type === "pulumi:pulumi:StackReference") return { outputs: REGIONS[String(inputs.name).split("/").pop()!], secretOutputNames: [] };
    return undefined;
  },
  call: (token) => (token === "aws:route53/getZone:getZone" ? { zoneId: "ZTEST", name: "example.com" } : undefined),
};

function config(g: Record<string, unknown>): GlobalConfig {
  const raw = { "dynamo-ha:kind": "global", "dynamo-ha:global": JSON.stringify({ regions: [{ stack: "org/dynamo-ha/east" }, { stack: "org/dynamo-ha/west" }], ...g }) };
  return loadStackConfig(raw, "dr") as GlobalConfig;
}

async function run(g: Record<string, unknown>) {
  const cap = await capture(() => globalStack(config(g)), { project: "dynamo-ha", stack: "dr", config: {}, preview: false, mocks });
  const of = (type: string): ResourceRecord[] => cap.resources.filter((r) => r.type === type);
  return { ...cap, of };
}

describe("global stack under mocks (StackReference outputs mocked)", () => {
  it("route53 active-passive: HTTPS health checks and a PRIMARY/SECONDARY failover pair", async () => {
    const p = await run({});
    const checks = p.of("aws:route53/healthCheck:HealthCheck");
    assert.deepStrictEqual(checks.map((c) => [c.inputs.fqdn, c.inputs.type, c.inputs.resourcePath, c.inputs.requestInterval, c.inputs.failureThreshold, c.inputs.port]), [
      ["east.lb.test", "HTTPS", "/health", 10, 3, 443],
      ["west.lb.test", "HTTPS", "/health", 10, 3, 443],
    ]);
    const records = p.of("aws:route53/record:Record");
    assert.deepStrictEqual(
      records.map((r) => [r.inputs.setIdentifier, r.inputs.failoverRoutingPolicies, r.inputs.records, r.inputs.ttl, r.inputs.zoneId, r.inputs.name]),
      [
        ["east", [{ type: "PRIMARY" }], ["east.lb.test"], 30, "ZTEST", "llm.example.com"],
        ["west", [{ type: "SECONDARY" }], ["west.lb.test"], 30, "ZTEST", "llm.example.com"],
      ],
    );
    // Each record is tied to its own region's health check.
    for (const [i, r] of records.entries()) assert.deepStrictEqual(r.propertyDependencies.healthCheckId, [checks[i].urn]);
    assert.ok(records.every((r) => r.inputs.latencyRoutingPolicies === undefined && r.inputs.weightedRoutingPolicies === undefined));
    assert.deepStrictEqual(p.outputs.failover, { detectionSeconds: 60, boundSeconds: 60, intervalSeconds: 10, failureThreshold: 3, ttlSeconds: 30, mode: "active-passive", withinBound: true });
    assert.strictEqual(p.outputs.endpoint, "llm.example.com");
  });

  it("route53 active-active: latency records by region, or weighted records by the regions' weights", async () => {
    const latency = (await run({ mode: "active-active" })).of("aws:route53/record:Record");
    assert.deepStrictEqual(latency.map((r) => r.inputs.latencyRoutingPolicies), [[{ region: "us-east-1" }], [{ region: "us-west-2" }]]);
    assert.ok(latency.every((r) => r.inputs.failoverRoutingPolicies === undefined));
    const weighted = (await run({ mode: "active-active", activeActiveRouting: "weighted" })).of("aws:route53/record:Record");
    assert.deepStrictEqual(weighted.map((r) => r.inputs.weightedRoutingPolicies), [[{ weight: 70 }], [{ weight: 30 }]]);
  });

  it("azure-frontdoor: Standard profile, probed origin group, origins by priority, a route", async () => {
    const p = await run({ dnsProvider: "azure-frontdoor", zoneName: "rg-global", healthCheckIntervalSeconds: 15, healthCheckFailureThreshold: 2 });
    const [profile] = p.of("azure-native:cdn:Profile");
    assert.deepStrictEqual(profile.inputs.sku, { name: "Standard_AzureFrontDoor" });
    assert.strictEqual(profile.inputs.resourceGroupName, "rg-global");
    const [group] = p.of("azure-native:cdn:AFDOriginGroup");
    assert.deepStrictEqual(group.inputs.healthProbeSettings, { probePath: "/health", probeProtocol: "Https", probeRequestType: "GET", probeIntervalInSeconds: 15 });
    assert.deepStrictEqual(group.inputs.loadBalancingSettings, { sampleSize: 2, successfulSamplesRequired: 1, additionalLatencyInMilliseconds: 50 });
    const origins = p.of("azure-native:cdn:AFDOrigin");
    assert.deepStrictEqual(origins.map((o) => [o.inputs.hostName, o.inputs.priority, o.inputs.weight]), [
      ["east.lb.test", 1, 70],
      ["west.lb.test", 2, 30],
    ]);
    const [route] = p.of("azure-native:cdn:Route");
    assert.deepStrictEqual(route.inputs.supportedProtocols, ["Https"]);
    assert.strictEqual(route.inputs.forwardingProtocol, "HttpsOnly");
    for (const o of origins) assert.ok(route.dependsOn.includes(o.urn), `route waits for ${o.name}`);
    assert.strictEqual((p.outputs.failover as { ttlSeconds: number }).ttlSeconds, 0);
    // Active-active: every origin shares priority 1.
    const aa = (await run({ dnsProvider: "azure-frontdoor", zoneName: "rg", mode: "active-active" })).of("azure-native:cdn:AFDOrigin");
    assert.deepStrictEqual(aa.map((o) => o.inputs.priority), [1, 1]);
  });

  it("azure-traffic-manager: Priority routing with HTTPS monitoring, Performance when active-active", async () => {
    const p = await run({ dnsProvider: "azure-traffic-manager", zoneName: "rg", healthCheckIntervalSeconds: 10, healthCheckFailureThreshold: 3, dnsTtlSeconds: 10 });
    const [tm] = p.of("azure-native:trafficmanager:Profile");
    assert.strictEqual(tm.inputs.trafficRoutingMethod, "Priority");
    assert.deepStrictEqual(tm.inputs.monitorConfig, { protocol: "HTTPS", port: 443, path: "/health", intervalInSeconds: 10, toleratedNumberOfFailures: 2, timeoutInSeconds: 9 });
    assert.deepStrictEqual(tm.inputs.dnsConfig, { relativeName: "llm-dr", ttl: 10 });
    const eps = tm.inputs.endpoints as Record<string, unknown>[];
    assert.deepStrictEqual(eps.map((e) => [e.name, e.target, e.priority, e.endpointLocation]), [
      ["east", "east.lb.test", 1, "us-east-1"],
      ["west", "west.lb.test", 2, "us-west-2"],
    ]);
    const [aa] = (await run({ dnsProvider: "azure-traffic-manager", zoneName: "rg", mode: "active-active" })).of("azure-native:trafficmanager:Profile");
    assert.strictEqual(aa.inputs.trafficRoutingMethod, "Performance");
  });

  it("plan dr-global: routing resources and the failover estimate from the bundled stacks", async () => {
    const p = await plan("dr-global", { policy: false });
    const records = p.resources.filter((r) => r.type === "aws:route53/record:Record");
    assert.deepStrictEqual(records.map((r) => [r.inputs.setIdentifier, r.inputs.failoverRoutingPolicies, r.inputs.records]), [
      ["eks-us-east-1", [{ type: "PRIMARY" }], ["eks-us-east-1.frontend.invalid"]],
      ["eks-us-west-2", [{ type: "SECONDARY" }], ["eks-us-west-2.frontend.invalid"]],
    ]);
    assert.strictEqual(p.resources.filter((r) => r.type === "aws:route53/healthCheck:HealthCheck").length, 2);
    const f = p.outputs.failover as { detectionSeconds: number; boundSeconds: number; withinBound: boolean };
    assert.ok(f.withinBound && f.detectionSeconds <= f.boundSeconds && f.boundSeconds <= 60);
  });
});
