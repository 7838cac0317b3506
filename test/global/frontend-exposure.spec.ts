import * as assert from "assert";
import { INTERNAL_NLB_ANNOTATIONS } from "../../components/aws/region";
import { AKS_INTERNAL_LB_ANNOTATIONS } from "../../components/azure/region";
import { frontendLoadBalancer, frontendLoadBalancerAnnotations, frontendServiceName, publicLoadBalancerAnnotations } from "../../components/k8s/frontend-service";

// kubernetes-models is ESM-only; keep the real dynamic import out of the CommonJS compiler's sight.
const esmImport = new Function("s", "return import(s)") as (s: string) => Promise<Record<string, new (d: unknown) => { validate(): void }>>;

describe("frontend exposure for global routing (pure)", () => {
  it("the cloud layers' internal annotations turn internet-facing, keeping NLB type and cross-zone", () => {
    assert.deepStrictEqual(publicLoadBalancerAnnotations(INTERNAL_NLB_ANNOTATIONS), {
      "service.beta.kubernetes.io/aws-load-balancer-type": "nlb",
      "service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled": "true",
    });
    assert.deepStrictEqual(publicLoadBalancerAnnotations(AKS_INTERNAL_LB_ANNOTATIONS), {});
    assert.deepStrictEqual(publicLoadBalancerAnnotations({ "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" }), { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" });
  });

  it("exposure settings choose internal, internet-facing or no load balancer", () => {
    assert.deepStrictEqual(frontendLoadBalancerAnnotations({ loadBalancer: true, internalLoadBalancer: true }, AKS_INTERNAL_LB_ANNOTATIONS), { ...AKS_INTERNAL_LB_ANNOTATIONS });
    assert.deepStrictEqual(frontendLoadBalancerAnnotations({ loadBalancer: true, internalLoadBalancer: false }, AKS_INTERNAL_LB_ANNOTATIONS), {});
    assert.strictEqual(frontendLoadBalancerAnnotations({ loadBalancer: false, internalLoadBalancer: false }, AKS_INTERNAL_LB_ANNOTATIONS), undefined);
  });

  it("our Service names never equal the operator's `<graph>-<component lowercased>`", () => {
    for (const [graph, component] of [["llm", "Frontend"], ["my-graph", "frontend"], ["g", "Frontend"]]) {
      assert.notStrictEqual(frontendServiceName(graph), `${graph}-${component.toLowerCase()}`);
    }
  });

  it("an internet-facing load balancer with source ranges validates against the Kubernetes schema", async () => {
    const { Service } = await esmImport("kubernetes-models/v1/Service");
    const svc = frontendLoadBalancer("llm", "dynamo", "Frontend", publicLoadBalancerAnnotations(INTERNAL_NLB_ANNOTATIONS), {}, ["203.0.113.0/24", "198.51.100.0/24"]);
    new Service(svc).validate();
    assert.deepStrictEqual(svc.spec.loadBalancerSourceRanges, ["203.0.113.0/24", "198.51.100.0/24"]);
  });
});
