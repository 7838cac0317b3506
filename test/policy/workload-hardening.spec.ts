import * as assert from "assert";
import { workloadHardening } from "../../policy/policies";
import { defaultDeny, dgdBeta, namespace, networkPolicy } from "./fixtures";
import { Res, runStack } from "./helpers";

const graph = (sc?: Record<string, unknown>, podSpec: Record<string, unknown> = {}): Res => {
  const g = dgdBeta("llm", [{ name: "frontend", type: "frontend" }, { name: "decode", type: "decode", podSpec }]);
  if (sc) ((g.props.spec as { components: { podTemplate: { spec: { containers: Record<string, unknown>[] } } }[] }).components[1].podTemplate.spec.containers[0].securityContext = sc);
  return g;
};
const run = (rs: Res[], config: object = {}) => runStack(workloadHardening, rs, config);

describe("policy workload-hardening", () => {
  it("passes a baseline namespace with a default deny and hardened containers", async () => {
    assert.deepStrictEqual(await run([namespace("dynamo"), defaultDeny(), graph()]), []);
    assert.deepStrictEqual(await run([namespace("dynamo", { "pod-security.kubernetes.io/enforce": "restricted" }), defaultDeny(), graph()]), []);
  });

  it("flags a namespace below baseline, once, on the namespace", async () => {
    const cases: Record<string, string>[] = [{}, { "pod-security.kubernetes.io/enforce": "privileged" }, { "pod-security.kubernetes.io/warn": "restricted" }];
    for (const labels of cases) {
      const ds = await run([namespace("dynamo", labels), defaultDeny(), graph()]);
      assert.strictEqual(ds.length, 1, JSON.stringify(labels));
      assert.match(ds[0].message, /does not enforce Pod Security Admission baseline/);
      assert.ok(ds[0].urn!.endsWith("::ns-dynamo"));
    }
  });

  it("needs a default deny in both directions in the graph's namespace", async () => {
    const missing = await run([namespace("dynamo"), graph()]);
    assert.match(missing[0].message, /namespace dynamo runs Dynamo components but has no default-deny NetworkPolicy/);
    const elsewhere = await run([namespace("dynamo"), defaultDeny("other"), graph()]);
    assert.strictEqual(elsewhere.length, 1);
    const ingressOnly = networkPolicy("deny", { podSelector: {}, policyTypes: ["Ingress"] });
    const allowsAll = networkPolicy("deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [{}] });
    const onePod = networkPolicy("deny", { podSelector: { matchLabels: { app: "x" } }, policyTypes: ["Ingress", "Egress"] });
    for (const np of [ingressOnly, allowsAll, onePod]) assert.strictEqual((await run([namespace("dynamo"), np, graph()])).length, 1, np.name);
  });

  it("flags containers that keep capabilities, may escalate or run without seccomp: one violation on the graph", async () => {
    const bad = await run([namespace("dynamo"), defaultDeny(), graph({ capabilities: { add: ["SYS_ADMIN"] }, privileged: true })]);
    assert.strictEqual(bad.length, 1);
    assert.match(bad[0].message, /component decode container main: privileged, allowPrivilegeEscalation not false, capabilities not dropping ALL, capabilities.add SYS_ADMIN, seccomp not RuntimeDefault/);
    assert.ok(bad[0].urn!.endsWith("::llm"));
    // Pod-level seccomp counts for its containers.
    const podSeccomp = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } };
    assert.deepStrictEqual(await run([namespace("dynamo"), defaultDeny(), graph(podSeccomp, { securityContext: { seccompProfile: { type: "RuntimeDefault" } } })]), []);
  });

  it("GPU exceptions: listed components, and allowed capabilities added back after dropping ALL", async () => {
    const rdma = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"], add: ["IPC_LOCK"] }, seccompProfile: { type: "RuntimeDefault" } };
    const rs = [namespace("dynamo"), defaultDeny(), graph(rdma)];
    assert.strictEqual((await run(rs)).length, 1);
    assert.deepStrictEqual(await run(rs, { allowedCapabilities: ["IPC_LOCK"] }), []);
    assert.deepStrictEqual(await run([namespace("dynamo"), defaultDeny(), graph({ privileged: true })], { exceptions: ["llm/decode"] }), []);
    assert.deepStrictEqual(await run([namespace("dynamo"), defaultDeny(), graph({ privileged: true })], { exceptions: ["decode"] }), []);
    // IPC_LOCK is outside PSA baseline: such a namespace enforces privileged, which minPodSecurity admits.
    const privileged = namespace("dynamo", { "pod-security.kubernetes.io/enforce": "privileged" });
    assert.strictEqual((await run([privileged, defaultDeny(), graph(rdma)], { allowedCapabilities: ["IPC_LOCK"] })).length, 1);
    assert.deepStrictEqual(await run([privileged, defaultDeny(), graph(rdma)], { allowedCapabilities: ["IPC_LOCK"], minPodSecurity: "privileged" }), []);
    assert.strictEqual((await run([namespace("dynamo", {}), defaultDeny(), graph()], { minPodSecurity: "privileged" })).length, 1, "an unset level is not enforced at all");
  });

  it("a stack without graphs is not judged", async () => {
    assert.deepStrictEqual(await run([namespace("dynamo", {})]), []);
  });
});
