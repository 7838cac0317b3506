// The bundled DR stacks reach the internet only through their TLS edge with source ranges and
// authentication, while the cluster's own load balancer stays internal (issue: secure by default).
import * as assert from "assert";
import { plannedStack } from "../support/plans";
import type { ResourceRecord } from "../../tools/plan/records";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Inputs = Record<string, any>;
const one = (rs: ResourceRecord[], type: string, name: string): Inputs => {
  const r = rs.find((x) => x.type === type && x.name === name);
  assert.ok(r, `${type} ${name} not in the plan`);
  return r.inputs as Inputs;
};

describe("bundled TLS edges (plans)", function () {
  this.timeout(120_000);

  for (const stack of ["eks-us-east-1", "eks-us-west-2"]) {
    it(`${stack}: an internet-facing ALB, HTTPS only, JWT before forward, the client ranges only; the NLB internal`, async () => {
      const rs = (await plannedStack(stack)).resources;
      const alb = one(rs, "aws:lb/loadBalancer:LoadBalancer", "frontend-edge-alb");
      assert.deepStrictEqual([alb.internal, alb.loadBalancerType, alb.dropInvalidHeaderFields], [false, "application", true]);
      const listeners = rs.filter((r) => r.type === "aws:lb/listener:Listener");
      assert.deepStrictEqual(listeners.map((l) => [l.inputs.port, l.inputs.protocol]), [[443, "HTTPS"]], "no plain-HTTP listener");
      const https = listeners[0].inputs as Inputs;
      assert.match(https.sslPolicy, /^ELBSecurityPolicy-TLS13-/);
      assert.match(https.certificateArn, /^arn:aws:acm:/);
      assert.deepStrictEqual(https.defaultActions.map((a: Inputs) => [a.order, a.type]), [[1, "jwt-validation"], [2, "forward"]]);
      const ingress = rs.filter((r) => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" && r.name.startsWith("frontend-edge-https-"));
      assert.ok(ingress.length > 0);
      for (const r of ingress) {
        assert.deepStrictEqual([r.inputs.fromPort, r.inputs.toPort], [443, 443]);
        assert.notStrictEqual(r.inputs.cidrIpv4, "0.0.0.0/0");
      }
      // The ALB reaches the nodes' NodePort and the token issuer's keys, nothing else.
      const egress = rs.filter((r) => r.type === "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule" && r.name.startsWith("frontend-edge-"));
      assert.deepStrictEqual(egress.map((r) => r.name).sort(), ["frontend-edge-to-jwks", "frontend-edge-to-nodes"]);
      assert.deepStrictEqual([egress.find((r) => r.name === "frontend-edge-to-jwks")!.inputs.fromPort, egress.find((r) => r.name === "frontend-edge-to-jwks")!.inputs.toPort], [443, 443]);
      const lb = one(rs, "kubernetes:core/v1:Service", "frontend-lb");
      assert.strictEqual(lb.metadata.annotations["service.beta.kubernetes.io/aws-load-balancer-internal"], "true");
    });
  }

  for (const stack of ["aks-eastus2", "aks-westus3"]) {
    it(`${stack}: Front Door Premium with WAF in Prevention, HTTPS redirect, a Private Link origin; the load balancer internal`, async () => {
      const rs = (await plannedStack(stack)).resources;
      assert.strictEqual(one(rs, "azure-native:cdn:Profile", "frontend-edge-profile").sku.name, "Premium_AzureFrontDoor");
      const route = one(rs, "azure-native:cdn:Route", "frontend-edge-route");
      assert.strictEqual(route.httpsRedirect, "Enabled");
      const waf = one(rs, "azure-native:frontdoor:Policy", "frontend-edge-waf");
      assert.strictEqual(waf.policySettings.mode, "Prevention");
      assert.ok(waf.customRules.rules.some((r: Inputs) => r.matchConditions.some((m: Inputs) => m.matchVariable === "SocketAddr" && m.negateCondition)), "clients outside the ranges are blocked");
      assert.ok(one(rs, "azure-native:cdn:AFDOrigin", "frontend-edge-origin").sharedPrivateLinkResource, "the origin is reached over Private Link");
      const lb = one(rs, "kubernetes:core/v1:Service", "frontend-lb");
      assert.strictEqual(lb.metadata.annotations["service.beta.kubernetes.io/azure-load-balancer-internal"], "true");
    });
  }
});
