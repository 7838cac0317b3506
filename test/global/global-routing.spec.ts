// GlobalRouting used alone, the way a program in any language composes it: stack references in, the
// service's resources under it, its own provider only when none is given, the endpoint out.
import * as assert from "assert";
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import { GlobalRouting, GlobalRoutingArgs } from "../../components";
import { capture, CaptureMocks } from "../../tools/plan/capture";

const REGIONS: Record<string, Record<string, unknown>> = {
  east: { frontendHost: "east.lb.test", frontendPort: 443, frontendProtocol: "HTTPS", healthPath: "/health", region: "eastus2", role: "primary", priority: 1, weight: 50, cloud: "azure" },
  west: { frontendHost: "west.lb.test", frontendPort: 443, frontendProtocol: "HTTPS", healthPath: "/health", region: "westus3", role: "secondary", priority: 2, weight: 50, cloud: "azure" },
};
const REFS = ["acme/serving/east", "acme/serving/west"];

/** The StackReferences read: [resource name, referenced stack]. */
const read: [string, string][] = [];

const mocks: CaptureMocks = {
  state: (type, name, inputs) => {
    if (type === "pulumi:pulumi:StackReference") {
      read.push([name, String(inputs.name)]);
      return { outputs: REGIONS[String(inputs.name).split("/").pop()!], secretOutputNames: [] };
    }
    if (type === "azure-native:cdn:AFDEndpoint") return { hostName: "global-abc123.z01.azurefd.net" };
    return undefined;
  },
  call: (token) => (token === "aws:route53/getZone:getZone" ? { zoneId: "ZTEST", name: "example.com" } : undefined),
};

async function run(args: GlobalRoutingArgs, withProvider = false) {
  const cap = await capture(
    () => {
      const opts = withProvider ? { providers: [new AwsProvider("mine", { region: "us-east-1" })] } : {};
      const r = new GlobalRouting("routing", args, opts);
      return { endpoint: r.endpoint, service: r.service, regionStacks: r.regionStacks, routing: r.routing.constructor.name };
    },
    { project: "p", stack: "t", config: {}, preview: false, mocks },
  );
  const component = cap.resources.find((r) => r.type === "dynamo-ha:global:GlobalRouting")!;
  const cloud = cap.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:"));
  const providers = cap.resources.filter((r) => r.type.startsWith("pulumi:providers:"));
  return { ...cap, component, cloud, providers };
}

describe("GlobalRouting used alone", function () {
  this.timeout(60000);

  it("route53: the service component under it, its own AWS provider in us-east-1 tagged with the stack, the record's FQDN out", async () => {
    const p = await run({ regions: REFS, zoneName: "example.com", tags: { team: "ml" } });
    assert.deepStrictEqual(p.outputs, { endpoint: "llm.example.com", service: "route53", regionStacks: REFS, routing: "Route53Routing" });
    const service = p.resources.find((r) => r.type === "dynamo-ha:aws:Route53Routing")!;
    assert.deepStrictEqual([service.name, service.parent], ["routing", p.component.urn]);
    assert.deepStrictEqual(
      // Provider inputs reach the engine JSON-encoded.
      p.providers.map((r) => [r.name, r.parent, r.inputs.region, JSON.parse(String(r.inputs.defaultTags))]),
      [["routing-aws", p.component.urn, "us-east-1", { tags: { team: "ml", "dynamo-ha.io/stack": "t" } }]],
    );
    assert.deepStrictEqual(p.cloud.map((r) => r.type).sort(), ["aws:route53/healthCheck:HealthCheck", "aws:route53/healthCheck:HealthCheck", "aws:route53/record:Record", "aws:route53/record:Record"]);
    for (const r of p.cloud) assert.ok(r.provider.startsWith(`${p.providers[0].urn}::`), `${r.type} ${r.name}: ${r.provider}`);
    assert.ok(p.cloud.every((r) => r.protect && r.retainOnDelete), "what clients resolve is protected by default");
  });

  it("route53: a provider given in opts is used and none is created", async () => {
    const p = await run({ regions: REFS, zoneName: "example.com", protect: false }, true);
    assert.deepStrictEqual(p.providers.map((r) => [r.name, r.parent]), [["mine", ""]]);
    for (const r of p.cloud) assert.ok(r.provider.startsWith(`${p.providers[0].urn}::`), `${r.type} ${r.name}: ${r.provider}`);
    assert.ok(p.cloud.every((r) => !r.protect && !r.retainOnDelete));
  });

  it("azure-frontdoor: its own azure-native provider at azureLocation, the endpoint's host name out", async () => {
    const p = await run({ regions: REFS, service: "azure-frontdoor", resourceGroupName: "rg-global", sourceRanges: ["203.0.113.0/24"], azureLocation: "westeurope", healthCheckIntervalSeconds: 15 });
    assert.deepStrictEqual(p.outputs, { endpoint: "global-abc123.z01.azurefd.net", service: "azure-frontdoor", regionStacks: REFS, routing: "FrontDoorRouting" });
    assert.deepStrictEqual(p.providers.map((r) => [r.type, r.name, r.parent, r.inputs.location]), [["pulumi:providers:azure-native", "routing-azure", p.component.urn, "westeurope"]]);
    assert.strictEqual(p.resources.find((r) => r.type === "dynamo-ha:azure:FrontDoorRouting")?.parent, p.component.urn);
    const [waf] = p.resources.filter((r) => r.type === "azure-native:frontdoor:Policy");
    assert.strictEqual(waf.inputs.policyName, "dynamohatglobal", "named for the stack");
    // Clients outside sourceRanges are blocked at the global edge, by the address Front Door sees.
    assert.deepStrictEqual(waf.inputs.customRules, {
      rules: [
        {
          name: "ClientRangesOnly",
          priority: 10,
          ruleType: "MatchRule",
          action: "Block",
          enabledState: "Enabled",
          matchConditions: [{ matchVariable: "SocketAddr", operator: "IPMatch", negateCondition: true, matchValue: ["203.0.113.0/24"] }],
        },
      ],
    });
    assert.deepStrictEqual(p.resources.find((r) => r.type === "azure-native:cdn:AFDOriginGroup")?.inputs.healthProbeSettings, {
      probePath: "/health",
      probeProtocol: "Https",
      probeRequestType: "GET",
      probeIntervalInSeconds: 15,
    });
    for (const r of p.cloud) assert.ok(r.provider.startsWith(`${p.providers[0].urn}::`), `${r.type} ${r.name}: ${r.provider}`);
  });

  it("azure-traffic-manager: performance routing to the regions' Azure locations, the profile's FQDN out, named for stackName", async () => {
    const p = await run({ regions: REFS, service: "azure-traffic-manager", resourceGroupName: "rg-tm", mode: "active-active", recordName: "api", stackName: "prod" });
    assert.deepStrictEqual(p.outputs, { endpoint: "api-prod.trafficmanager.net", service: "azure-traffic-manager", regionStacks: REFS, routing: "TrafficManagerRouting" });
    const [tm] = p.cloud;
    assert.deepStrictEqual([tm.type, tm.inputs.trafficRoutingMethod, tm.inputs.resourceGroupName], ["azure-native:trafficmanager:Profile", "Performance", "rg-tm"]);
    assert.deepStrictEqual((tm.inputs.endpoints as Record<string, unknown>[]).map((e) => [e.name, e.target, e.endpointLocation]), [
      ["east", "east.lb.test", "eastus2"],
      ["west", "west.lb.test", "westus3"],
    ]);
  });

  it("reads each region through a StackReference named for its stack, and a value the service refuses registers no routing resource", async () => {
    const p = await run({ regions: REFS, zoneName: "example.com", mode: "active-active" });
    assert.deepStrictEqual(read.slice(-2), REFS.map((ref) => [ref.split("/")[2], ref]));
    // Route 53 latency records need AWS regions: these are Azure locations, so the run stops before any record.
    assert.deepStrictEqual(p.cloud, []);
  });

  it("refuses bad args before any resource registers, naming the arg", async () => {
    await assert.rejects(run({ regions: REFS, zoneName: "example.com", healthCheckIntervalSeconds: 20 }), /GlobalRouting\.healthCheckIntervalSeconds: must be 10 or 30 with route53, got 20/);
  });
});
