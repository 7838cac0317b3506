import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../../components/core/config";
import { AWS_TO_AZURE_LOCATION, checkRegionValues, isPrivateIpv4, RegionValues, RoutingChoice, trafficManagerLocation } from "../../components/global/region-checks";
import { RegionRef, resolveRegions } from "../../components/global/region-ref";
import { frontDoorCustomRules, frontDoorProtocols, originPorts } from "../../components/global/routing-plan";
import { capture } from "../../tools/plan/capture";

const east: RegionValues = { stack: "east", host: "east.elb.example", port: 443, protocol: "HTTPS", healthPath: "/health", region: "us-east-1", role: "primary", priority: 1, weight: 100, cloud: "aws" };
const west: RegionValues = { ...east, stack: "west", host: "west.elb.example", region: "us-west-2", role: "secondary", priority: 2 };
const R53_AP: RoutingChoice = { dnsProvider: "route53", mode: "active-passive", activeActiveRouting: "latency" };
const AFD: RoutingChoice = { dnsProvider: "azure-frontdoor", mode: "active-passive", activeActiveRouting: "latency" };
const TM: RoutingChoice = { dnsProvider: "azure-traffic-manager", mode: "active-passive", activeActiveRouting: "latency" };

function errorOf(g: RoutingChoice, rs: RegionValues[]): string {
  try {
    checkRegionValues(g, rs);
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected ConfigError, got ${e}`);
    assert.ok(!e.message.includes("\n"), `one line: ${e.message}`);
    return e.message;
  }
  assert.fail("expected an error");
}

describe("regional outputs against the routing service (pure)", () => {
  it("accepts the bundled shape on every service", () => {
    for (const dnsProvider of ["route53", "azure-frontdoor", "azure-traffic-manager"]) {
      for (const mode of ["active-passive", "active-active"]) {
        for (const activeActiveRouting of ["latency", "weighted"]) checkRegionValues({ dnsProvider, mode, activeActiveRouting }, [east, west]);
      }
    }
  });

  it("rejects URLs, in-cluster names and internal load balancers as hosts", () => {
    assert.match(errorOf(R53_AP, [{ ...east, host: "http://east.elb.example:8000" }, west]), /^dynamo-ha:frontendHost: a bare hostname or IPv4 address, no scheme, port or path \(regional stack east\), got "http:/);
    assert.match(errorOf(R53_AP, [{ ...east, host: "llm-frontend-ha.dynamo.svc.cluster.local" }, west]), /^dynamo-ha:exposure\.edge\.enabled: global routing reaches a region through its public TLS edge/);
    assert.match(errorOf(R53_AP, [east, { ...west, host: "10.0.3.7" }]), /^dynamo-ha:exposure\.edge\.enabled: .*enable the public TLS edge on regional stack west, got "10\.0\.3\.7"$/);
    assert.match(errorOf(R53_AP, [{ ...east, host: "internal-a1b2.elb.us-east-1.amazonaws.com" }, west]), /^dynamo-ha:exposure\.edge\.enabled: /);
    assert.match(errorOf(R53_AP, [{ ...east, protocol: "TCP" }, west]), /^dynamo-ha:frontendProtocol: HTTP or HTTPS/);
  });

  it("refuses a region serving plain HTTP on every service: global routing reaches regions through their TLS edge", () => {
    for (const g of [R53_AP, AFD, TM]) {
      assert.strictEqual(
        errorOf(g, [east, { ...west, protocol: "HTTP", port: 8000 }]),
        'dynamo-ha:exposure.edge.enabled: global routing reaches a region only through its TLS edge (HTTPS); regional stack west serves plain HTTP, set true there, got "HTTP"',
      );
    }
    assert.match(errorOf(R53_AP, [{ ...east, port: 70000 }, west]), /^dynamo-ha:frontendPort: /);
    assert.ok(isPrivateIpv4("172.16.0.1") && isPrivateIpv4("192.168.1.1") && !isPrivateIpv4("172.32.0.1") && !isPrivateIpv4("20.1.2.3"));
  });

  it("route53: exactly one primary and one secondary, weights 0–255, latency only over AWS regions", () => {
    assert.strictEqual(errorOf(R53_AP, [east, { ...west, role: "primary" }]), `dynamo-ha:dr.role: route53 active-passive needs exactly one primary and one secondary regional stack, got {"east":"primary","west":"primary"}`);
    const weighted = { ...R53_AP, mode: "active-active", activeActiveRouting: "weighted" };
    checkRegionValues(weighted, [{ ...east, weight: 0 }, { ...west, weight: 255 }]);
    assert.strictEqual(errorOf(weighted, [east, { ...west, weight: 256 }]), "dynamo-ha:dr.weight: route53 weighted records take 0 to 255 (regional stack west), got 256");
    const latency = { ...R53_AP, mode: "active-active" };
    assert.match(errorOf(latency, [east, { ...west, cloud: "azure", region: "westus3" }]), /^dynamo-ha:global\.activeActiveRouting: route53 latency records need AWS regions \(regional stack west is in azure westus3\); use weighted, got "latency"$/);
  });

  it("Front Door: priorities 1–5 (active-passive), weights 1–1000, one probe for all regions", () => {
    checkRegionValues(AFD, [east, { ...west, priority: 5, weight: 1000 }]);
    assert.strictEqual(errorOf(AFD, [east, { ...west, priority: 6 }]), "dynamo-ha:dr.priority: Front Door origin priorities take 1 to 5 (regional stack west), got 6");
    // Active-active sends priority 1 for every origin: the regions' own priorities do not matter.
    checkRegionValues({ ...AFD, mode: "active-active" }, [east, { ...west, priority: 6 }]);
    assert.strictEqual(errorOf(AFD, [east, { ...west, weight: 0 }]), "dynamo-ha:dr.weight: Front Door origin weights take 1 to 1000 (regional stack west), got 0");
    assert.match(errorOf(AFD, [east, { ...west, healthPath: "/ready" }]), /^dynamo-ha:dr\.healthPath: Front Door probes every region the same way/);
    // Front Door probes each origin on its own port: only path and protocol are shared.
    checkRegionValues(AFD, [east, { ...west, port: 8443 }]);
  });

  it("Traffic Manager: weights 1–1000, distinct priorities, Azure locations for performance routing, one monitor", () => {
    assert.strictEqual(errorOf({ ...TM, mode: "active-active", activeActiveRouting: "weighted" }, [east, { ...west, weight: 0 }]), "dynamo-ha:dr.weight: Traffic Manager endpoint weights take 1 to 1000 (regional stack west), got 0");
    assert.match(errorOf(TM, [east, { ...west, priority: 1 }]), /^dynamo-ha:dr\.priority: Traffic Manager priority routing needs a distinct priority per region \(east and west share it\), got 1$/);
    const perf = { ...TM, mode: "active-active" };
    assert.match(errorOf(perf, [east, { ...west, region: "me-central-1" }]), /^dynamo-ha:global\.activeActiveRouting: Traffic Manager performance routing needs an Azure location/);
    checkRegionValues({ ...perf, activeActiveRouting: "weighted" }, [east, { ...west, region: "me-central-1" }]);
    assert.match(errorOf(TM, [east, { ...west, port: 8080 }]), /^dynamo-ha:dr\.healthPath: Traffic Manager probes every region the same way/);
  });

  it("maps AWS regions to Azure locations and keeps Azure locations", () => {
    assert.strictEqual(trafficManagerLocation("aws", "us-east-1"), "eastus");
    assert.strictEqual(trafficManagerLocation("azure", "westus3"), "westus3");
    assert.strictEqual(trafficManagerLocation("aws", "me-central-1"), undefined);
    for (const [aws, az] of Object.entries(AWS_TO_AZURE_LOCATION)) {
      assert.match(aws, /^[a-z]{2}-[a-z]+-\d$/);
      assert.match(az, /^[a-z]+[0-9]?$/);
    }
  });

  it("Front Door speaks to each origin the way it serves", () => {
    assert.deepStrictEqual(frontDoorProtocols("HTTP"), { probe: "Http", forwarding: "HttpOnly" });
    assert.deepStrictEqual(frontDoorProtocols("HTTPS"), { probe: "Https", forwarding: "HttpsOnly" });
    assert.deepStrictEqual(originPorts("HTTP", 8000), { httpPort: 8000, httpsPort: 443 });
    assert.deepStrictEqual(originPorts("HTTPS", 8443), { httpPort: 80, httpsPort: 8443 });
  });

  it("Front Door's WAF blocks client addresses outside the ranges, and adds no rule without ranges", () => {
    const [rule, ...more] = frontDoorCustomRules(["203.0.113.0/24", "198.51.100.0/24"]);
    assert.strictEqual(more.length, 0);
    assert.deepStrictEqual([rule.name, rule.action, rule.enabledState, rule.ruleType], ["ClientRangesOnly", "Block", "Enabled", "MatchRule"]);
    // SocketAddr, not RemoteAddr: X-Forwarded-For is the client's to write.
    assert.deepStrictEqual(rule.matchConditions, [{ matchVariable: "SocketAddr", operator: "IPMatch", negateCondition: true, matchValue: ["203.0.113.0/24", "198.51.100.0/24"] }]);
    assert.deepStrictEqual(frontDoorCustomRules([]), []);
  });
});

describe("resolveRegions: deploy-time values fail the run with one line", () => {
  const ref = (v: RegionValues): RegionRef => ({
    ref: `org/dynamo-ha/${v.stack}`,
    stack: v.stack,
    host: pulumi.output(v.host),
    port: pulumi.output(v.port),
    protocol: pulumi.output(v.protocol),
    healthPath: pulumi.output(v.healthPath),
    region: pulumi.output(v.region),
    role: pulumi.output(v.role),
    priority: pulumi.output(v.priority),
    weight: pulumi.output(v.weight),
    cloud: pulumi.output(v.cloud),
  });
  // The SDK's Output keeps its value promise internally; awaiting it is how a failure is seen here.
  const settle = (o: pulumi.Output<unknown>) => (o as unknown as { promise(): Promise<unknown> }).promise();

  it("resolves good values and rejects bad ones with a RunError carrying the one-line message", async () => {
    let ok: Promise<unknown> = Promise.resolve();
    let bad: Promise<unknown> = Promise.resolve();
    await capture(
      () => {
        ok = settle(resolveRegions([ref(east), ref(west)], R53_AP));
        bad = settle(resolveRegions([ref(east), ref({ ...west, role: "primary" })], R53_AP));
        bad.catch(() => undefined);
        return {};
      },
      { project: "dynamo-ha", stack: "t", config: {}, preview: false },
    );
    assert.deepStrictEqual(((await ok) as RegionValues[]).map((r) => r.stack), ["east", "west"]);
    await assert.rejects(bad, (e: Error) => pulumi.RunError.isInstance(e) && /^dynamo-ha:dr\.role: route53 active-passive needs exactly one primary/.test(e.message) && !e.message.includes("\n"));
  });
});
