import * as assert from "assert";
import { ConfigError, loadStackConfig } from "../../components/core/config";
import { albIngressRules, albName, healthRuleConditions, jwtValidation, listenerActions } from "../../components/aws/frontend-edge-plan";
import { azureFrontendOrigin, healthUriPattern, privateLinkServiceId, sourceRangeRules, wafCustomRules, wafPolicyName } from "../../components/azure/frontend-edge-plan";
import { IP_NETWORK_CIDR } from "../../components/core/config/grammar";
import { loadStackFile } from "../../tools/plan/stack-file";

const base = (stack: string, exposure: unknown, env = "prod"): Record<string, string> => {
  const raw = { ...loadStackFile(stack).config, "dynamo-ha:env": env, "dynamo-ha:exposure": JSON.stringify(exposure) };
  return raw;
};
function errorOf(raw: Record<string, string>, stack: string): string {
  try {
    loadStackConfig(raw, stack);
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    assert.ok(!e.message.includes("\n"));
    return e.message;
  }
  assert.fail("expected a config error");
}
/** Sample AzureFrontDoor.Backend prefixes (the service tag's shape: IPv4 and IPv6). */
const BACKEND = ["147.243.0.0/16", "2a01:111:2050::/44"];
const AWS = { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc", jwtIssuer: "https://idp.example.com/", jwksEndpoint: "https://idp.example.com/jwks" };

describe("exposure.edge config", () => {
  it("accepts the bundled edges and a complete AWS edge", () => {
    for (const s of ["eks-us-east-1", "aks-eastus2"]) loadStackConfig(loadStackFile(s).config, s);
    loadStackConfig(base("eks-us-east-1", { edge: { enabled: true, sourceRanges: ["203.0.113.0/24"], aws: AWS } }), "eks-us-east-1");
  });

  it("refuses an edge without source ranges, with a /0, or a public load balancer beside it", () => {
    assert.strictEqual(errorOf(base("eks-us-east-1", { edge: { enabled: true, aws: AWS } }), "eks-us-east-1"), "dynamo-ha:exposure.edge.sourceRanges: the edge needs the client CIDRs it admits (at least one), got []");
    assert.match(errorOf(base("eks-us-east-1", { edge: { enabled: true, sourceRanges: ["0.0.0.0/0"], aws: AWS } }), "eks-us-east-1"), /^dynamo-ha:exposure\.edge\.sourceRanges: a range that admits every address \(0\.0\.0\.0\/0\)/);
    assert.match(errorOf(base("eks-us-east-1", { internalLoadBalancer: false, edge: { enabled: true, sourceRanges: ["203.0.113.0/24"], aws: AWS } }), "eks-us-east-1"), /^dynamo-ha:exposure\.internalLoadBalancer: the edge keeps the load balancer internal/);
  });

  it("AWS: certificate in the stack's region, issuer and JWKS set, https URLs, public subnets with adopted ones", () => {
    const e = (aws: Record<string, unknown>) => base("eks-us-east-1", { edge: { enabled: true, sourceRanges: ["203.0.113.0/24"], aws } });
    assert.match(errorOf(e({ ...AWS, certificateArn: undefined }), "eks-us-east-1"), /^dynamo-ha:exposure\.edge\.aws\.certificateArn: the ALB's HTTPS listener needs an ACM certificate ARN, got/);
    assert.match(errorOf(e({ ...AWS, certificateArn: "arn:aws:acm:us-west-2:123456789012:certificate/abc" }), "eks-us-east-1"), /^dynamo-ha:exposure\.edge\.aws\.certificateArn: an ACM certificate in the stack's region us-east-1, got/);
    assert.match(errorOf(e({ ...AWS, certificateArn: "arn:aws:iam::123456789012:server-certificate/x" }), "eks-us-east-1"), /^dynamo-ha:exposure\.edge\.aws\.certificateArn: must be an ACM certificate ARN/);
    assert.match(errorOf(e({ ...AWS, jwksEndpoint: "http://idp.example.com/jwks" }), "eks-us-east-1"), /^dynamo-ha:exposure\.edge\.aws\.jwksEndpoint: must be an https URL/);
    assert.match(errorOf(e({ ...AWS, jwtIssuer: undefined }), "eks-us-east-1"), /^dynamo-ha:exposure\.edge\.aws\.jwtIssuer: /);
    assert.match(errorOf(e({ ...AWS, audienceFormat: "csv" }), "eks-us-east-1"), /^dynamo-ha:exposure\.edge\.aws\.audienceFormat: .*single-string.*string-array.*space-separated-values/);
    const adopted = { ...e(AWS), "dynamo-ha:cluster": JSON.stringify({ existingSubnetIds: ["subnet-1", "subnet-2", "subnet-3"] }) };
    assert.match(errorOf(adopted, "eks-us-east-1"), /^dynamo-ha:exposure\.edge\.aws\.publicSubnetIds: adopted subnets/);
  });

  it("Azure: an API key, the internal load balancer, Prevention in prod", () => {
    const e = (azure: Record<string, unknown>, extra: Record<string, unknown> = {}, env = "prod") => base("aks-eastus2", { ...extra, edge: { enabled: true, sourceRanges: ["203.0.113.0/24"], azure } }, env);
    assert.match(errorOf(e({}), "aks-eastus2"), /^dynamo-ha:exposure\.edge\.azure\.apiKey: is required with the edge on Azure/);
    assert.match(errorOf(e({ apiKey: "k", wafMode: "Detection" }), "aks-eastus2"), /^dynamo-ha:exposure\.edge\.azure\.wafMode: prod blocks what the WAF matches: Prevention, got "Detection"$/);
    loadStackConfig(e({ apiKey: "k", wafMode: "Detection" }, {}, "dev"), "aks-eastus2");
    assert.match(errorOf(e({ apiKey: "k" }, { loadBalancer: false }), "aks-eastus2"), /^dynamo-ha:exposure\.loadBalancer: the Azure edge reaches the frontend through a Private Link Service/);
  });

  it("Azure: frontDoorIds are Front Door IDs (GUIDs), distinct, Azure only", () => {
    const e = (azure: Record<string, unknown>) => base("aks-eastus2", { edge: { enabled: true, sourceRanges: ["203.0.113.0/24"], azure: { apiKey: "k", ...azure } } });
    const ok = loadStackConfig(e({ frontDoorIds: ["0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0"], frontDoorBackendRanges: BACKEND }), "aks-eastus2");
    assert.ok(ok.kind === "regional");
    assert.deepStrictEqual(ok.exposure.edge.azure.frontDoorIds, ["0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0"]);
    assert.deepStrictEqual((loadStackConfig(e({}), "aks-eastus2") as typeof ok).exposure.edge.azure.frontDoorIds, []);
    assert.match(errorOf(e({ frontDoorIds: ["afd-global"] }), "aks-eastus2"), /^dynamo-ha:exposure\.edge\.azure\.frontDoorIds\[0\]: must be a Front Door ID \(a GUID/);
    assert.match(errorOf(e({ frontDoorIds: ["0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f"] }), "aks-eastus2"), /^dynamo-ha:exposure\.edge\.azure\.frontDoorIds\[0\]: must be a Front Door ID/);
    const id = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    assert.match(errorOf(e({ frontDoorIds: [id, id], frontDoorBackendRanges: BACKEND }), "aks-eastus2"), /^dynamo-ha:exposure\.edge\.azure\.frontDoorIds: /);
    const aws = base("eks-us-east-1", { edge: { enabled: true, sourceRanges: ["203.0.113.0/24"], aws: AWS, azure: { frontDoorIds: [id] } } });
    assert.match(errorOf(aws, "eks-us-east-1"), /^dynamo-ha:exposure\.edge\.azure\.frontDoorIds: Azure only/);
  });

  it("Azure: frontDoorBackendRanges are required with frontDoorIds, refused without, IPv4/IPv6 networks, within a WAF rule's 600 values", () => {
    const e = (azure: Record<string, unknown>, sourceRanges = ["203.0.113.0/24"]) => base("aks-eastus2", { edge: { enabled: true, sourceRanges, azure: { apiKey: "k", ...azure } } });
    const id = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    const ok = loadStackConfig(e({ frontDoorIds: [id], frontDoorBackendRanges: BACKEND }), "aks-eastus2");
    assert.ok(ok.kind === "regional");
    assert.deepStrictEqual(ok.exposure.edge.azure.frontDoorBackendRanges, BACKEND);
    assert.deepStrictEqual((loadStackConfig(e({}), "aks-eastus2") as typeof ok).exposure.edge.azure.frontDoorBackendRanges, []);
    assert.strictEqual(
      errorOf(e({ frontDoorIds: [id] }), "aks-eastus2"),
      "dynamo-ha:exposure.edge.azure.frontDoorBackendRanges: required with edge.azure.frontDoorIds: the AzureFrontDoor.Backend ranges (`az network list-service-tags`), else anyone can send the header, got []",
    );
    assert.match(errorOf(e({ frontDoorBackendRanges: BACKEND }), "aks-eastus2"), /^dynamo-ha:exposure\.edge\.azure\.frontDoorBackendRanges: only with edge\.azure\.frontDoorIds/);
    assert.match(errorOf(e({ frontDoorIds: [id], frontDoorBackendRanges: ["::/0"] }), "aks-eastus2"), /^dynamo-ha:exposure\.edge\.azure\.frontDoorBackendRanges: a range that admits every address \(::\/0\)/);
    assert.match(errorOf(e({ frontDoorIds: [id], frontDoorBackendRanges: ["2a01:111:2050::1/44"] }), "aks-eastus2"), /^dynamo-ha:exposure\.edge\.azure\.frontDoorBackendRanges\[0\]: must be an IPv4 or IPv6 network CIDR/);
    assert.match(errorOf(e({ frontDoorIds: [id], frontDoorBackendRanges: [BACKEND[0], BACKEND[0]] }), "aks-eastus2"), /^dynamo-ha:exposure\.edge\.azure\.frontDoorBackendRanges: /);
    const many = Array.from({ length: 600 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`);
    assert.strictEqual(errorOf(e({ frontDoorIds: [id], frontDoorBackendRanges: many }), "aks-eastus2"), "dynamo-ha:exposure.edge.azure.frontDoorBackendRanges: sourceRanges and these together at most 600 CIDRs (one WAF rule's match values), got \"601 CIDRs\"");
    loadStackConfig(e({ frontDoorIds: [id], frontDoorBackendRanges: many.slice(1) }), "aks-eastus2");
    assert.match(errorOf(e({}, [...many, "203.0.113.0/24"]), "aks-eastus2"), /^dynamo-ha:exposure\.edge\.sourceRanges: at most 600 CIDRs/);
    const aws = base("eks-us-east-1", { edge: { enabled: true, sourceRanges: ["203.0.113.0/24"], aws: AWS, azure: { frontDoorBackendRanges: BACKEND } } });
    assert.match(errorOf(aws, "eks-us-east-1"), /^dynamo-ha:exposure\.edge\.azure\.frontDoorBackendRanges: Azure only/);
  });

  it("IPv4 or IPv6 network CIDRs: RFC 4291 text, prefix ≤ 128, host bits clear", () => {
    for (const ok of ["147.243.0.0/16", "2a01:111:2050::/44", "2620:1ec:4::/46", "::1/128", "fe80::/10", "0:0:0:0:0:0:0:0/0", "2001:db8:0:0:0:0:0:1/128"]) assert.ok(IP_NETWORK_CIDR.test(ok), ok);
    for (const bad of ["2a01:111:2050::1/44", "2a01::111::/48", "2a01:111:2050::/129", "2a01:111:2050::/044", "12345::/16", "1:2:3:4:5:6:7:8:9/128", "1:2:3:4:5:6:7::8/128", "::ffff:1.2.3.4/128", "2a01:111:2050::", "g::/16", "147.243.0.1/16"]) {
      assert.ok(!IP_NETWORK_CIDR.test(bad), bad);
    }
  });
});

describe("edge values (pure)", () => {
  it("ALB: names within 32 characters, 443 from each range, JWT then forward, the exact health path only", () => {
    assert.strictEqual(albName("eks-us-east-1", "edge"), "dha-eks-us-east-1-edge");
    const long = albName("a-very-long-stack-name-for-this-region", "frontend");
    assert.ok(long.length <= 32 && !long.includes("--") && long.endsWith("-frontend"), long);
    assert.deepStrictEqual(albIngressRules(["203.0.113.0/24"]), [{ cidrIpv4: "203.0.113.0/24", fromPort: 443, toPort: 443, ipProtocol: "tcp", description: "HTTPS from 203.0.113.0/24" }]);
    const j = { issuer: "https://i/", jwksEndpoint: "https://i/jwks", audiences: [] };
    assert.deepStrictEqual(jwtValidation(j), { issuer: "https://i/", jwksEndpoint: "https://i/jwks" });
    assert.deepStrictEqual(jwtValidation({ ...j, audiences: ["api"] }).additionalClaims, [{ name: "aud", format: "single-string", values: ["api"] }]);
    // Issuers that put `aud` in a JSON array need the array format.
    assert.deepStrictEqual(jwtValidation({ ...j, audiences: ["api"], audienceFormat: "string-array" }).additionalClaims, [{ name: "aud", format: "string-array", values: ["api"] }]);
    assert.deepStrictEqual(listenerActions(j, "tg").map((a) => [a.type, a.order]), [["jwt-validation", 1], ["forward", 2]]);
    assert.deepStrictEqual(healthRuleConditions("/health")[0], { pathPattern: { values: ["/health"] } });
  });

  it("Front Door: Private Link annotations and id, WAF names, rules that block outside ranges and without the key", () => {
    assert.deepStrictEqual(azureFrontendOrigin("aks-eastus2"), {
      kind: "private-link",
      annotations: { "service.beta.kubernetes.io/azure-pls-create": "true", "service.beta.kubernetes.io/azure-pls-name": "pls-aks-eastus2-frontend" },
      edge: "front-door",
    });
    assert.strictEqual(privateLinkServiceId("sub", "MC_rg", "pls"), "/subscriptions/sub/resourceGroups/MC_rg/providers/Microsoft.Network/privateLinkServices/pls");
    assert.strictEqual(wafPolicyName("aks-eastus2"), "dynamohaakseastus2edge");
    const re = new RegExp(healthUriPattern("/health"));
    assert.ok(re.test("/health") && re.test("https://x.azurefd.net/health"));
    assert.ok(!re.test("/health?x=1") && !re.test("/v1/chat/completions?a=/health") && !re.test("/v1/health"));
    const rules = wafCustomRules(["203.0.113.0/24"], "x-api-key", "k", "/health");
    assert.deepStrictEqual(rules[0].matchConditions, [{ matchVariable: "SocketAddr", operator: "IPMatch", negateCondition: true, matchValue: ["203.0.113.0/24"] }]);
    assert.ok(rules.every((r) => r.action === "Block"));
    assert.deepStrictEqual(rules[1].matchConditions[0], { matchVariable: "RequestHeader", selector: "x-api-key", operator: "Equal", negateCondition: true, matchValue: ["k"] });
  });

  it("Front Door: a listed profile passes the ranges only from Front Door's backend ranges AND with its X-Azure-FDID, never the API key rule", () => {
    const id = "0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0";
    const ranges = ["203.0.113.0/24"];
    const rules = wafCustomRules(ranges, "x-api-key", "k", "/health", { ids: [id], backendRanges: BACKEND });
    // (1) outside both the clients' and Front Door's ranges; (2) outside the clients' ranges AND no listed ID.
    assert.deepStrictEqual(rules.slice(0, 2), [
      { name: "SourceRangesOnly", priority: 10, ruleType: "MatchRule", action: "Block", enabledState: "Enabled", matchConditions: [{ matchVariable: "SocketAddr", operator: "IPMatch", negateCondition: true, matchValue: [...ranges, ...BACKEND] }] },
      {
        name: "FrontDoorIdRequired",
        priority: 15,
        ruleType: "MatchRule",
        action: "Block",
        enabledState: "Enabled",
        matchConditions: [
          { matchVariable: "SocketAddr", operator: "IPMatch", negateCondition: true, matchValue: ranges },
          { matchVariable: "RequestHeader", selector: "X-Azure-FDID", operator: "Equal", negateCondition: true, matchValue: [id.toLowerCase()], transforms: ["Lowercase"] },
        ],
      },
    ]);
    assert.deepStrictEqual(rules.slice(2), wafCustomRules(ranges, "x-api-key", "k", "/health").slice(1), "the API key rules do not change");
    const priorities = rules.map((r) => r.priority);
    assert.strictEqual(new Set(priorities).size, priorities.length, "priorities are unique among custom rules");
    assert.deepStrictEqual(priorities, [...priorities].sort((a, b) => a - b), "the range rules run before the API key rules");
    // No IDs: one range rule, the address alone (what stacks without the setting have).
    const alone = [{ name: "SourceRangesOnly", priority: 10, ruleType: "MatchRule", action: "Block", enabledState: "Enabled", matchConditions: [{ matchVariable: "SocketAddr", operator: "IPMatch", negateCondition: true, matchValue: ranges }] }];
    assert.deepStrictEqual(sourceRangeRules(ranges), alone);
    assert.deepStrictEqual(sourceRangeRules(ranges, { ids: [], backendRanges: [] }), alone);
    assert.strictEqual(sourceRangeRules(ranges, { ids: [id, id.toLowerCase()], backendRanges: BACKEND })[1].matchConditions[1].matchValue.length, 1, "one value per ID, whatever its case");
  });
});
