import * as assert from "assert";
import { GlobalConfig, loadStackConfig } from "../../components/core/config";
import { capture, CaptureMocks } from "../../tools/plan/capture";
import { ResourceRecord } from "../../tools/plan/records";
import { globalStack } from "../../stacks/global";
import { plannedStack } from "../support/plans";

/** Outputs the regional stacks export, keyed by stack name; StackReference is mocked with them. */
const REGIONS: Record<string, Record<string, unknown>> = {
  east: { frontendHost: "east.lb.test", frontendPort: 443, frontendProtocol: "HTTPS", healthPath: "/health", region: "us-east-1", role: "primary", priority: 1, weight: 70, cloud: "aws" },
  west: { frontendHost: "west.lb.test", frontendPort: 443, frontendProtocol: "HTTPS", healthPath: "/health", region: "us-west-2", role: "secondary", priority: 2, weight: 30, cloud: "aws" },
};

const FRONT_DOOR_ID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

const mocksFor = (regions: Record<string, Record<string, unknown>>): CaptureMocks => ({
  state: (type, _name, inputs) => {
    if (type === "pulumi:pulumi:StackReference") return { outputs: regions[String(inputs.name).split("/").pop()!], secretOutputNames: [] };
    if (type === "azure-native:cdn:Profile") return { frontDoorId: FRONT_DOOR_ID };
    return undefined;
  },
  call: (token) => (token === "aws:route53/getZone:getZone" ? { zoneId: "ZTEST", name: "example.com" } : undefined),
});

function config(g: Record<string, unknown>): GlobalConfig {
  const raw = { "dynamo-ha:kind": "global", "dynamo-ha:global": JSON.stringify({ regions: [{ stack: "org/dynamo-ha/east" }, { stack: "org/dynamo-ha/west" }], ...g }) };
  return loadStackConfig(raw, "dr") as GlobalConfig;
}

async function run(g: Record<string, unknown>, regions = REGIONS) {
  const cap = await capture(() => globalStack(config(g)), { project: "dynamo-ha", stack: "dr", config: {}, preview: false, mocks: mocksFor(regions) });
  const of = (type: string): ResourceRecord[] => cap.resources.filter((r) => r.type === type);
  /** Cloud resources (not components, StackReferences or providers). */
  const cloud = () => cap.resources.filter((r) => r.custom && (r.type.startsWith("aws:") || r.type.startsWith("azure-native:")));
  return { ...cap, of, cloud };
}

const PROVIDER_REF = { aws: "urn:pulumi:dr::dynamo-ha::pulumi:providers:aws::global-aws::", azure: "urn:pulumi:dr::dynamo-ha::pulumi:providers:azure-native::global-azure::" };

describe("global stack under mocks (StackReference outputs mocked)", () => {
  it("route53 active-passive: HTTPS health checks (SNI) on the regions' edge host and port, a PRIMARY/SECONDARY failover pair", async () => {
    const p = await run({});
    const checks = p.of("aws:route53/healthCheck:HealthCheck");
    assert.deepStrictEqual(checks.map((c) => [c.inputs.fqdn, c.inputs.ipAddress, c.inputs.type, c.inputs.port, c.inputs.resourcePath, c.inputs.requestInterval, c.inputs.failureThreshold, c.inputs.enableSni]), [
      ["east.lb.test", undefined, "HTTPS", 443, "/health", 10, 3, true],
      ["west.lb.test", undefined, "HTTPS", 443, "/health", 10, 3, true],
    ]);
    const records = p.of("aws:route53/record:Record");
    assert.deepStrictEqual(
      records.map((r) => [r.inputs.setIdentifier, r.inputs.type, r.inputs.failoverRoutingPolicies, r.inputs.records, r.inputs.ttl, r.inputs.zoneId, r.inputs.name]),
      [
        ["east", "CNAME", [{ type: "PRIMARY" }], ["east.lb.test"], 30, "ZTEST", "llm.example.com"],
        ["west", "CNAME", [{ type: "SECONDARY" }], ["west.lb.test"], 30, "ZTEST", "llm.example.com"],
      ],
    );
    // Each record is tied to its own region's health check.
    for (const [i, r] of records.entries()) assert.deepStrictEqual(r.propertyDependencies.healthCheckId, [checks[i].urn]);
    assert.ok(records.every((r) => r.inputs.latencyRoutingPolicies === undefined && r.inputs.weightedRoutingPolicies === undefined));
    assert.deepStrictEqual(p.outputs.failover, { detectionSeconds: 60, boundSeconds: 60, intervalSeconds: 10, failureThreshold: 3, ttlSeconds: 30, mode: "active-passive", withinBound: true });
    assert.strictEqual(p.outputs.endpoint, "llm.example.com");
    assert.ok(!("frontDoorId" in p.outputs), "only Front Door has a profile ID");
  });

  it("route53: an explicit AWS provider (us-east-1) for every record and health check", async () => {
    const p = await run({});
    const provider = p.resources.find((r) => r.type === "pulumi:providers:aws")!;
    assert.strictEqual(provider.inputs.region, "us-east-1");
    const rs = p.cloud();
    assert.strictEqual(rs.length, 4);
    for (const r of rs) assert.ok(r.provider.startsWith(PROVIDER_REF.aws), `${r.type} ${r.name}: ${r.provider || "default provider"}`);
  });

  it("route53: a host that is an IP address gets an A record and an IP health check", async () => {
    const regions = { east: { ...REGIONS.east, frontendHost: "20.1.2.3" }, west: REGIONS.west };
    const p = await run({}, regions);
    const [east, west] = p.of("aws:route53/healthCheck:HealthCheck");
    assert.deepStrictEqual([east.inputs.ipAddress, east.inputs.fqdn, east.inputs.type, east.inputs.port, east.inputs.enableSni], ["20.1.2.3", undefined, "HTTPS", 443, true]);
    assert.deepStrictEqual([west.inputs.fqdn, west.inputs.type], ["west.lb.test", "HTTPS"]);
    assert.deepStrictEqual(p.of("aws:route53/record:Record").map((r) => [r.inputs.type, r.inputs.records]), [
      ["A", ["20.1.2.3"]],
      ["CNAME", ["west.lb.test"]],
    ]);
  });

  it("route53 active-active: latency records by region, or weighted records by the regions' weights", async () => {
    const latency = (await run({ mode: "active-active" })).of("aws:route53/record:Record");
    assert.deepStrictEqual(latency.map((r) => r.inputs.latencyRoutingPolicies), [[{ region: "us-east-1" }], [{ region: "us-west-2" }]]);
    assert.ok(latency.every((r) => r.inputs.failoverRoutingPolicies === undefined));
    const weighted = (await run({ mode: "active-active", activeActiveRouting: "weighted" })).of("aws:route53/record:Record");
    assert.deepStrictEqual(weighted.map((r) => r.inputs.weightedRoutingPolicies), [[{ weight: 70 }], [{ weight: 30 }]]);
  });

  it("route53: values the service refuses register no record (the run stops on them)", async () => {
    const twoPrimaries = await run({}, { east: REGIONS.east, west: { ...REGIONS.west, role: "primary" } });
    assert.strictEqual(twoPrimaries.of("aws:route53/record:Record").length, 0);
    assert.strictEqual(twoPrimaries.of("aws:route53/healthCheck:HealthCheck").length, 0);
    const azureLatency = await run({ mode: "active-active" }, { east: REGIONS.east, west: { ...REGIONS.west, cloud: "azure", region: "westus3" } });
    assert.strictEqual(azureLatency.of("aws:route53/record:Record").length, 0);
    // A region serving plain HTTP (no edge) is refused before any routing resource registers.
    const plain = await run({}, { east: REGIONS.east, west: { ...REGIONS.west, frontendProtocol: "HTTP", frontendPort: 8000 } });
    assert.strictEqual(plain.of("aws:route53/healthCheck:HealthCheck").length, 0);
  });

  it("azure-frontdoor: Premium profile, HTTPS probes and forwarding to the regions' edges, HTTP redirected, a WAF in Prevention on the endpoint", async () => {
    const p = await run({ dnsProvider: "azure-frontdoor", sourceRanges: ["203.0.113.0/24"], zoneName: "rg-global", healthCheckIntervalSeconds: 15, healthCheckFailureThreshold: 2 });
    const [profile] = p.of("azure-native:cdn:Profile");
    assert.deepStrictEqual(profile.inputs.sku, { name: "Premium_AzureFrontDoor" });
    assert.strictEqual(profile.inputs.resourceGroupName, "rg-global");
    const [group] = p.of("azure-native:cdn:AFDOriginGroup");
    assert.deepStrictEqual(group.inputs.healthProbeSettings, { probePath: "/health", probeProtocol: "Https", probeRequestType: "GET", probeIntervalInSeconds: 15 });
    assert.deepStrictEqual(group.inputs.loadBalancingSettings, { sampleSize: 2, successfulSamplesRequired: 1, additionalLatencyInMilliseconds: 50 });
    const origins = p.of("azure-native:cdn:AFDOrigin");
    assert.deepStrictEqual(origins.map((o) => [o.inputs.hostName, o.inputs.originHostHeader, o.inputs.httpPort, o.inputs.httpsPort, o.inputs.priority, o.inputs.weight]), [
      ["east.lb.test", "east.lb.test", 80, 443, 1, 70],
      ["west.lb.test", "west.lb.test", 80, 443, 2, 30],
    ]);
    const [route] = p.of("azure-native:cdn:Route");
    // HTTP is accepted only to be redirected; Front Door reaches the regions' edges over HTTPS.
    assert.deepStrictEqual([route.inputs.supportedProtocols, route.inputs.httpsRedirect, route.inputs.forwardingProtocol], [["Http", "Https"], "Enabled", "HttpsOnly"]);
    const [waf] = p.of("azure-native:frontdoor:Policy");
    assert.deepStrictEqual([waf.inputs.sku, (waf.inputs.policySettings as Record<string, unknown>).mode, waf.inputs.policyName], [{ name: "Premium_AzureFrontDoor" }, "Prevention", "dynamohadrglobal"]);
    // global.sourceRanges: the WAF blocks every client address outside them.
    const [rule] = (waf.inputs.customRules as { rules: { name: string; action: string; matchConditions: unknown[] }[] }).rules;
    assert.deepStrictEqual([rule.name, rule.action, rule.matchConditions], [
      "ClientRangesOnly",
      "Block",
      [{ matchVariable: "SocketAddr", operator: "IPMatch", negateCondition: true, matchValue: ["203.0.113.0/24"] }],
    ]);
    // The profile's ID goes into each region's exposure.edge.azure.frontDoorIds.
    assert.strictEqual(p.outputs.frontDoorId, FRONT_DOOR_ID);
    const [link] = p.of("azure-native:cdn:SecurityPolicy");
    const endpoint = p.of("azure-native:cdn:AFDEndpoint")[0];
    assert.deepStrictEqual([...link.propertyDependencies.parameters].sort(), [endpoint.urn, waf.urn].sort());
    for (const o of origins) assert.ok(route.dependsOn.includes(o.urn), `route waits for ${o.name}`);
    assert.strictEqual((p.outputs.failover as { ttlSeconds: number }).ttlSeconds, 0);
    // Active-active: every origin shares priority 1.
    const aa = (await run({ dnsProvider: "azure-frontdoor", sourceRanges: ["203.0.113.0/24"], zoneName: "rg", mode: "active-active" })).of("azure-native:cdn:AFDOrigin");
    assert.deepStrictEqual(aa.map((o) => o.inputs.priority), [1, 1]);
  });

  it("azure-frontdoor: an explicit azure-native provider at global.azureLocation for every resource", async () => {
    const p = await run({ dnsProvider: "azure-frontdoor", sourceRanges: ["203.0.113.0/24"], zoneName: "rg", azureLocation: "westeurope" });
    const provider = p.resources.find((r) => r.type === "pulumi:providers:azure-native")!;
    assert.strictEqual(provider.inputs.location, "westeurope");
    const rs = p.cloud();
    assert.strictEqual(rs.length, 8);
    for (const r of rs) assert.ok(r.provider.startsWith(PROVIDER_REF.azure), `${r.type} ${r.name}: ${r.provider || "default provider"}`);
    assert.strictEqual(p.resources.filter((r) => r.type === "pulumi:providers:aws").length, 0);
  });

  it("azure-frontdoor: a priority above 5 registers no origin", async () => {
    const p = await run({ dnsProvider: "azure-frontdoor", sourceRanges: ["203.0.113.0/24"], zoneName: "rg" }, { east: REGIONS.east, west: { ...REGIONS.west, priority: 6 } });
    assert.strictEqual(p.of("azure-native:cdn:AFDOrigin").length, 0);
  });

  it("azure-traffic-manager: Priority routing monitored over the edges' protocol and port, Performance with Azure locations", async () => {
    const p = await run({ dnsProvider: "azure-traffic-manager", zoneName: "rg", healthCheckIntervalSeconds: 10, healthCheckFailureThreshold: 3, dnsTtlSeconds: 10 });
    const [tm] = p.of("azure-native:trafficmanager:Profile");
    assert.strictEqual(tm.inputs.trafficRoutingMethod, "Priority");
    assert.deepStrictEqual(tm.inputs.monitorConfig, { protocol: "HTTPS", port: 443, path: "/health", intervalInSeconds: 10, toleratedNumberOfFailures: 2, timeoutInSeconds: 9 });
    assert.deepStrictEqual(tm.inputs.dnsConfig, { relativeName: "llm-dr", ttl: 10 });
    assert.ok(tm.provider.startsWith(PROVIDER_REF.azure), tm.provider);
    const eps = tm.inputs.endpoints as Record<string, unknown>[];
    // Priority routing needs no location; AWS region names are not Azure locations, so none is sent.
    assert.deepStrictEqual(eps.map((e) => [e.name, e.target, e.priority, e.endpointLocation]), [
      ["east", "east.lb.test", 1, undefined],
      ["west", "west.lb.test", 2, undefined],
    ]);
    const [aa] = (await run({ dnsProvider: "azure-traffic-manager", zoneName: "rg", mode: "active-active" })).of("azure-native:trafficmanager:Profile");
    assert.strictEqual(aa.inputs.trafficRoutingMethod, "Performance");
    assert.deepStrictEqual((aa.inputs.endpoints as Record<string, unknown>[]).map((e) => e.endpointLocation), ["eastus", "westus2"]);
  });

  it("plan dr-global: routing resources and the failover estimate from the bundled stacks", async () => {
    const p = await plannedStack("dr-global");
    const records = p.resources.filter((r) => r.type === "aws:route53/record:Record");
    assert.deepStrictEqual(records.map((r) => [r.inputs.setIdentifier, r.inputs.failoverRoutingPolicies, r.inputs.records]), [
      ["eks-us-east-1", [{ type: "PRIMARY" }], ["eks-us-east-1.frontend.invalid"]],
      ["eks-us-west-2", [{ type: "SECONDARY" }], ["eks-us-west-2.frontend.invalid"]],
    ]);
    const checks = p.resources.filter((r) => r.type === "aws:route53/healthCheck:HealthCheck");
    assert.deepStrictEqual(checks.map((c) => [c.inputs.fqdn, c.inputs.type, c.inputs.port]), [
      ["eks-us-east-1.frontend.invalid", "HTTPS", 443],
      ["eks-us-west-2.frontend.invalid", "HTTPS", 443],
    ]);
    for (const r of [...records, ...checks]) assert.match(r.provider, /::pulumi:providers:aws::global-aws::/);
    const f = p.outputs.failover as { detectionSeconds: number; boundSeconds: number; withinBound: boolean };
    assert.ok(f.withinBound && f.detectionSeconds <= f.boundSeconds && f.boundSeconds <= 60);
  });
});
