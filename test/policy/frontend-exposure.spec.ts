import * as assert from "assert";
import { frontendExposure } from "../../policy/policies";
import { AWS_INTERNAL, dgdBeta, lbService } from "./fixtures";
import { Res, runStack, UNKNOWN_WIRE } from "./helpers";

const graph = dgdBeta("llm", [{ name: "frontend", type: "frontend" }, { name: "decode", type: "decode" }]);
const eks: Res = { type: "aws:eks/cluster:Cluster", name: "c", props: {} };
const aks: Res = { type: "azure-native:containerservice:ManagedCluster", name: "c", props: {} };
const PUBLIC_NLB = { "service.beta.kubernetes.io/aws-load-balancer-type": "nlb" };
const RANGES = { loadBalancerSourceRanges: ["203.0.113.0/24"] };
const run = (...rs: Res[]) => runStack(frontendExposure, rs);

describe("policy frontend-exposure", () => {
  it("passes an internal load balancer on its own cloud", async () => {
    assert.deepStrictEqual(await run(eks, graph, lbService("lb", AWS_INTERNAL)), []);
    assert.deepStrictEqual(await run(eks, graph, lbService("lb", { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" })), []);
    assert.deepStrictEqual(await run(aks, graph, lbService("lb", { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" })), []);
  });

  it("an internal flag of the other cloud does not make a load balancer private", async () => {
    const ds = await run(aks, graph, lbService("lb", AWS_INTERNAL));
    assert.strictEqual(ds.length, 1);
    assert.match(ds[0].message, /Service lb exposes a Dynamo frontend to the internet without loadBalancerSourceRanges .* and TLS at the edge/);
    assert.ok(ds[0].urn!.endsWith("::lb"));
  });

  it("a public frontend needs source ranges and TLS at the edge: one violation naming what is missing", async () => {
    assert.match((await run(eks, graph, lbService("lb", PUBLIC_NLB, RANGES)))[0].message, /without TLS at the edge\.$/);
    assert.match((await run(eks, graph, lbService("lb", { ...PUBLIC_NLB, "service.beta.kubernetes.io/aws-load-balancer-ssl-cert": "arn:aws:acm:x" })))[0].message, /without loadBalancerSourceRanges \(without 0\.0\.0\.0\/0\)\.$/);
    const open = await run(eks, graph, lbService("lb", { ...PUBLIC_NLB, "dynamo-ha.io/edge-tls": "alb" }, { loadBalancerSourceRanges: ["0.0.0.0/0"] }));
    assert.strictEqual(open.length, 1);
    assert.deepStrictEqual(await run(eks, graph, lbService("lb", { ...PUBLIC_NLB, "service.beta.kubernetes.io/aws-load-balancer-ssl-cert": "arn:aws:acm:x" }, RANGES)), []);
    assert.deepStrictEqual(await run(aks, graph, lbService("lb", { "dynamo-ha.io/edge-tls": "front-door" }, RANGES)), []);
  });

  it("judges only LoadBalancer Services that select a frontend", async () => {
    assert.deepStrictEqual(await run(eks, graph, lbService("lb", PUBLIC_NLB, {}, { "nvidia.com/dynamo-graph-deployment-name": "llm", "nvidia.com/dynamo-component": "decode" })), []);
    assert.deepStrictEqual(await run(eks, graph, lbService("lb", PUBLIC_NLB, { type: "ClusterIP" })), []);
    assert.deepStrictEqual(await run(eks, lbService("lb", PUBLIC_NLB, {}, { app: "web" })), []);
    // Without the graph in the stack the operator's component-type label still marks a frontend.
    assert.strictEqual((await run(eks, lbService("lb", PUBLIC_NLB, {}, { "nvidia.com/dynamo-component-type": "frontend" }))).length, 1);
  });

  it("unknown annotations or source ranges are left to the update", async () => {
    const unknownAnn = lbService("lb", {});
    (unknownAnn.props.metadata as Record<string, unknown>).annotations = UNKNOWN_WIRE;
    assert.deepStrictEqual(await run(eks, graph, unknownAnn), []);
    const unknownRanges = await run(eks, graph, lbService("lb", { ...PUBLIC_NLB, "dynamo-ha.io/edge-tls": "alb" }, { loadBalancerSourceRanges: UNKNOWN_WIRE }));
    assert.deepStrictEqual(unknownRanges, []);
  });
});
