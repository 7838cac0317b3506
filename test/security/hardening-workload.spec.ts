// Workload hardening: the graph namespace's NetworkPolicies and PSA labels, the graph's securityContext,
// and the network-policy engine of each cloud, in pure functions and in the bundled stacks' plans.
import * as assert from "assert";
import { VPC_CNI_CONFIGURATION } from "../../components/aws/addons";
import { NETWORK_PROFILE } from "../../components/azure/cluster-profiles";
import { graphObject, NO_GRAPH_STORAGE } from "../../components/k8s/graph-spec";
import { resolveGraph } from "../../components/k8s/graph-settings";
import { GraphNetworkInput, graphNetworkPolicies } from "../../components/k8s/network-policy";
import { podSecurityLabels } from "../../components/k8s/pod-security";
import { isDefaultDeny } from "../../policy/policies/workload-hardening";
import { bundledStacks } from "../../tools/plan/stack-file";
import { config } from "../k8s/fixtures";
import { plannedStack } from "../support/plans";

const INPUT: GraphNetworkInput = { graphName: "llm", namespace: "dynamo", frontendComponent: "Frontend", loadBalancer: true, platformNamespace: "dynamo-system", etcd: false, nats: false, podIdentityAgent: false, monitoringNamespace: "monitoring" };
const byName = (i: GraphNetworkInput) => Object.fromEntries(graphNetworkPolicies(i).map((p) => [p.metadata.name.replace("llm-", ""), p.spec as Record<string, any>])); // eslint-disable-line @typescript-eslint/no-explicit-any

describe("workload hardening (pure)", () => {
  it("denies everything in the graph namespace first, in both directions (as the pack judges it)", () => {
    const [first, ...rest] = graphNetworkPolicies(INPUT);
    assert.strictEqual(first.metadata.name, "llm-default-deny");
    assert.ok(isDefaultDeny(first));
    assert.ok(rest.every((p) => !isDefaultDeny(p) && p.metadata.namespace === "dynamo"));
  });

  it("allows DNS, the graph to itself, the frontend port, the platform, Prometheus and HTTPS egress", () => {
    const p = byName(INPUT);
    assert.deepStrictEqual(Object.keys(p), ["default-deny", "dns", "intra-namespace", "frontend-ingress", "platform", "metrics", "egress-https"]);
    assert.deepStrictEqual(p.dns.egress[0].to[0].namespaceSelector.matchLabels, { "kubernetes.io/metadata.name": "kube-system" });
    assert.deepStrictEqual(p.dns.egress[0].ports.map((x: { protocol: string }) => x.protocol), ["UDP", "TCP"]);
    // Behind a load balancer the pods see node addresses: the Service's source ranges filter clients.
    assert.deepStrictEqual(p["frontend-ingress"].ingress, [{ ports: [{ protocol: "TCP", port: "http" }] }]);
    assert.deepStrictEqual(p["frontend-ingress"].podSelector.matchLabels, { "nvidia.com/dynamo-graph-deployment-name": "llm", "nvidia.com/dynamo-component": "Frontend" });
    assert.deepStrictEqual(p.metrics.ingress[0].from[0].namespaceSelector.matchLabels, { "kubernetes.io/metadata.name": "monitoring" });
    assert.deepStrictEqual(p.metrics.ingress[0].ports.map((x: { port: string }) => x.port), ["http", "system"]);
    assert.deepStrictEqual(p["egress-https"].egress, [{ ports: [{ protocol: "TCP", port: 443 }] }]);
    // Without etcd/NATS the platform policy only admits the operator.
    assert.deepStrictEqual(p.platform.policyTypes, ["Ingress"]);
  });

  it("reaches etcd and NATS only when the platform runs them; in-cluster clients only without a load balancer; no metrics rule without monitors", () => {
    const p = byName({ ...INPUT, etcd: true, nats: true, loadBalancer: false, monitoringNamespace: undefined });
    assert.deepStrictEqual(p.platform.egress[0].ports, [{ protocol: "TCP", port: 2379 }, { protocol: "TCP", port: 4222 }]);
    assert.deepStrictEqual(p["frontend-ingress"].ingress[0].from, [{ namespaceSelector: {} }]);
    assert.strictEqual(p.metrics, undefined);
    assert.strictEqual(p["pod-identity"], undefined);
  });

  it("on EKS lets the pods reach the node's Pod Identity agent, and nothing else on that address", () => {
    const p = byName({ ...INPUT, podIdentityAgent: true });
    assert.deepStrictEqual(p["pod-identity"].egress, [{ to: [{ ipBlock: { cidr: "169.254.170.23/32" } }, { ipBlock: { cidr: "fd00:ec2::23/128" } }], ports: [{ protocol: "TCP", port: 80 }] }]);
  });

  it("labels the namespace enforce baseline, warn and audit restricted, pinned to the cluster's minor version", () => {
    assert.deepStrictEqual(podSecurityLabels("1.33"), {
      "pod-security.kubernetes.io/enforce": "baseline",
      "pod-security.kubernetes.io/enforce-version": "v1.33",
      "pod-security.kubernetes.io/warn": "restricted",
      "pod-security.kubernetes.io/warn-version": "v1.33",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/audit-version": "v1.33",
    });
  });

  it("runs every graph container as the runtime image's non-root user, without escalation or capabilities, under seccomp RuntimeDefault", () => {
    const s = resolveGraph(config({ graph: { mode: "disaggregated" } }));
    const dgd = graphObject(s, { gpuTolerations: [], gpuNodeLabel: { key: "k", value: "v" } }, NO_GRAPH_STORAGE);
    assert.strictEqual(dgd.spec.components.length, 3);
    for (const c of dgd.spec.components) {
      assert.deepStrictEqual(c.podTemplate.spec.securityContext, { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 0, seccompProfile: { type: "RuntimeDefault" } });
      for (const k of c.podTemplate.spec.containers) {
        assert.deepStrictEqual(k.securityContext, { allowPrivilegeEscalation: false, privileged: false, runAsNonRoot: true, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" } }, c.name);
      }
    }
  });

  it("turns on a network-policy engine on both clouds", () => {
    assert.deepStrictEqual(VPC_CNI_CONFIGURATION, { enableNetworkPolicy: "true" });
    assert.strictEqual(NETWORK_PROFILE.networkPolicy, "cilium");
    assert.strictEqual(NETWORK_PROFILE.networkDataplane, "cilium");
  });
});

describe("workload hardening in the bundled stacks' plans", () => {
  for (const stack of bundledStacks()) {
    it(`${stack}: graph namespace labelled and default-denied, containers hardened, engine on`, async function () {
      this.timeout(60_000);
      const p = await plannedStack(stack);
      const graph = p.resources.find((r) => r.type === "kubernetes:nvidia.com/v1beta1:DynamoGraphDeployment");
      if (!graph) return; // global and governance stacks serve no graph
      const g = graph.inputs as any; // eslint-disable-line @typescript-eslint/no-explicit-any
      const ns = g.metadata.namespace as string;
      const nsRec = p.resources.find((r) => r.type === "kubernetes:core/v1:Namespace" && (r.inputs as any).metadata.name === ns)!; // eslint-disable-line @typescript-eslint/no-explicit-any
      assert.strictEqual((nsRec.inputs as any).metadata.labels["pod-security.kubernetes.io/enforce"], "baseline"); // eslint-disable-line @typescript-eslint/no-explicit-any
      const netpols = p.resources.filter((r) => r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy" && (r.inputs as any).metadata.namespace === ns); // eslint-disable-line @typescript-eslint/no-explicit-any
      assert.ok(netpols.some((r) => isDefaultDeny(r.inputs)), `${stack}: no default deny`);
      assert.ok(graph.dependsOn.length > 0 && netpols.every((r) => graph.dependsOn.includes(r.urn)), `${stack}: the graph does not wait for its NetworkPolicies`);
      for (const c of g.spec.components) for (const k of c.podTemplate.spec.containers) assert.deepStrictEqual(k.securityContext.capabilities, { drop: ["ALL"] });
      if (stack.startsWith("eks-")) {
        const cni = p.resources.find((r) => r.type === "aws:eks/addon:Addon" && (r.inputs as any).addonName === "vpc-cni"); // eslint-disable-line @typescript-eslint/no-explicit-any
        assert.ok(cni, `${stack}: no vpc-cni add-on`);
        assert.deepStrictEqual(JSON.parse((cni.inputs as any).configurationValues), { enableNetworkPolicy: "true" }); // eslint-disable-line @typescript-eslint/no-explicit-any
      } else {
        const mc = p.resources.find((r) => r.type === "azure-native:containerservice:ManagedCluster")!;
        assert.strictEqual((mc.inputs as any).networkProfile.networkPolicy, "cilium"); // eslint-disable-line @typescript-eslint/no-explicit-any
      }
    });
  }
});
