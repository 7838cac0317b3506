// The pack as the CLI runs it: the SDK's launcher starts its compiled build, and the engine side
// speaks the analyzer protocol (Handshake, GetAnalyzerInfo, ConfigureStack, Configure, Analyze,
// AnalyzeStack). One pack process serves the whole suite (test/support/pack.ts).
import * as assert from "assert";
import { AnalyzerSession, Diagnostic } from "../../tools/plan/analyzer/session";
import { sharedPack } from "../support/pack";
import { analyzeWithPack, runPolicyPack } from "../../tools/plan/policy";
import { ResourceRecord } from "../../tools/plan/records";
import { bundledStacks } from "../../tools/plan/stack-file";
import { aksExtras, healthyStack, randomRecords } from "./records";
import { plannedStack } from "../support/plans";

const mandatory = (ds: Diagnostic[]) => ds.filter((d) => d.level === "mandatory");
const show = (ds: Diagnostic[]) => ds.map((d) => `[${d.level}] ${d.policy}: ${d.message}`).join("\n");
const clone = (rs: ResourceRecord[]) => JSON.parse(JSON.stringify(rs)) as ResourceRecord[];
const inputs = (r: ResourceRecord) => r.inputs as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("policy pack over the analyzer protocol", function () {
  this.timeout(240_000);
  let session: AnalyzerSession;
  const run = async (records: ResourceRecord[], env = "prod", stack = "fixture") => (await analyzeWithPack(session, records, { env, project: "dynamo-ha", stack })).diagnostics;

  before(async () => {
    session = await sharedPack();
  });

  it("GetAnalyzerInfo lists every policy with its default level and schema", async () => {
    const info = await session.info();
    assert.strictEqual(info.name, "dynamo-ha-policy");
    assert.match(info.version, /^\d+\.\d+\.\d+/);
    const levels = Object.fromEntries(info.policies.map((p) => [p.name, p.enforcementLevel]));
    assert.strictEqual(levels["pdb-required"], "mandatory");
    assert.strictEqual(levels["gpu-pools-across-zones"], "advisory");
    assert.strictEqual(info.policies.find((p) => p.name === "gpu-pools-across-zones")!.properties.minZones.default, 2);
  });

  it("a healthy hand-built stack has no violations under the prod config", async () => {
    const ds = await run([...healthyStack(), ...aksExtras()]);
    assert.deepStrictEqual(ds, [], show(ds));
  });

  const broken: [string, string, (rs: ResourceRecord[]) => void][] = [
    ["pdb-required", "a PDB selector that misses the decode pods", (rs) => (inputs(rs.find((r) => r.name === "llm-decode")!).spec.selector.matchLabels["nvidia.com/dynamo-component"] = "Decode")],
    ["pdb-allows-drain", "maxUnavailable 0", (rs) => (inputs(rs.find((r) => r.name === "router" && r.type.includes("PodDisruptionBudget"))!).spec = { maxUnavailable: 0, selector: { matchLabels: { app: "router" } } })],
    ["zone-spread", "host-only spread on a component", (rs) => (inputs(rs.find((r) => r.name === "llm")!).spec.components[1].podTemplate.spec.topologySpreadConstraints.splice(0, 1))],
    ["leader-election", "one operator replica", (rs) => (inputs(rs.find((r) => r.name === "platform")!).values["dynamo-operator"].controllerManager.replicas = 1)],
    ["quorum-stores", "a single etcd member", (rs) => (inputs(rs.find((r) => r.name === "platform")!).values.global.etcd.install = true)],
    ["gpu-pools-across-zones", "GPU pools in one zone", (rs) => rs.splice(0, rs.length, ...rs.filter((r) => !/od-b|spot-b|od-c/.test(r.name)))],
    ["data-retained", "an unprotected CRD", (rs) => (rs.find((r) => r.name === "dgd-crd")!.protect = false)],
    ["data-retained", "an unprotected graph namespace", (rs) => (rs.find((r) => r.name === "ns-dynamo")!.protect = false)],
    ["frontend-exposure", "a public frontend load balancer without source ranges or TLS", (rs) => delete inputs(rs.find((r) => r.name === "llm-frontend-lb")!).metadata.annotations["service.beta.kubernetes.io/aws-load-balancer-internal"]],
    ["workload-hardening", "a graph container without a securityContext", (rs) => delete inputs(rs.find((r) => r.name === "llm")!).spec.components[1].podTemplate.spec.containers[0].securityContext],
    ["workload-hardening", "a graph namespace without a default deny", (rs) => rs.splice(rs.findIndex((r) => r.name === "deny-dynamo"), 1)],
  ];
  for (const [policy, what, breakIt] of broken) {
    it(`${what} is reported by ${policy}, as mandatory under prod`, async () => {
      const rs = clone(healthyStack());
      breakIt(rs);
      const ds = await run(rs);
      assert.ok(ds.length > 0, `no diagnostics for ${what}`);
      assert.deepStrictEqual([...new Set(ds.map((d) => d.policy))], [policy], show(ds));
      assert.ok(ds.every((d) => d.level === "mandatory"), show(ds));
      // Only the zone count is about the stack as a whole; everything else names a resource.
      assert.ok(ds.every((d) => d.urn.startsWith("urn:pulumi:") || /span \d+ zone/.test(d.message)), show(ds));
    });
  }

  it("resource diagnostics carry the resource's URN; stack diagnostics the URN they name", async () => {
    const rs = clone(healthyStack());
    broken[0][2](rs);
    broken[2][2](rs);
    const ds = await run(rs);
    assert.ok(ds.find((d) => d.policy === "zone-spread")!.urn.endsWith("::llm"));
    assert.ok(ds.find((d) => d.policy === "pdb-required")!.urn.endsWith("::llm"));
  });

  it("the dev config keeps frontend exposure and workload hardening advisory", async () => {
    const rs = clone(healthyStack());
    for (const [policy, , breakIt] of broken) if (policy === "frontend-exposure" || policy === "workload-hardening") breakIt(rs);
    const ds = await run(rs, "dev");
    assert.deepStrictEqual([...new Set(ds.map((d) => `${d.policy}:${d.level}`))].sort(), ["frontend-exposure:advisory", "workload-hardening:advisory"], show(ds));
  });

  it("the dev config keeps zone spread advisory and disables the zone-drain check", async () => {
    const rs = clone(healthyStack());
    broken[2][2](rs);
    const ds = await run(rs, "dev");
    assert.strictEqual(ds.length, 1, show(ds));
    assert.strictEqual(ds[0].level, "advisory");
  });

  it("property dependencies reach stack policies: subnet zones decide the GPU spread", async () => {
    const rs = clone(healthyStack()).filter((r) => !/od-c/.test(r.name));
    for (const r of rs) if (r.name.startsWith("spot-") || r.name.startsWith("od-")) r.propertyDependencies = { subnetIds: [rs.find((s) => s.name === "a")!.urn] };
    const ds = await run(rs);
    assert.match(show(ds), /gpu-pools-across-zones: EKS GPU node groups span 1 zone\(s\) \(us-east-1a\)/);
  });

  describe("bundled stacks", () => {
    for (const stack of bundledStacks()) {
      it(`${stack}: zero mandatory violations, and broken variants name the policy`, async function () {
        this.timeout(240_000);
        const p = await plannedStack(stack);
        const env = typeof p.outputs.env === "string" ? p.outputs.env : "prod";
        const ds = await run(p.resources, env, stack);
        assert.deepStrictEqual(mandatory(ds), [], `${stack}:\n${show(ds)}`);
        // Break what the stack has, one thing at a time, and expect the named policy.
        const variants: [string, (rs: ResourceRecord[]) => boolean][] = [
          ["pdb-required", (rs) => {
            const n = rs.length;
            rs.splice(0, n, ...rs.filter((r) => !(r.type === "kubernetes:policy/v1:PodDisruptionBudget" && r.urn.includes("DynamoGraph"))));
            return rs.length < n && rs.some((r) => r.type.includes("DynamoGraphDeployment"));
          }],
          ["zone-spread", (rs) => {
            const g = rs.find((r) => r.type.includes("DynamoGraphDeployment"));
            const comps = g && (inputs(g).spec.components ?? Object.values(inputs(g).spec.services ?? {}));
            if (!Array.isArray(comps)) return false;
            for (const c of comps) {
              const spec = c.podTemplate?.spec ?? c.extraPodSpec ?? {};
              delete spec.topologySpreadConstraints;
              delete spec.affinity;
              c.replicas = 2;
            }
            return true;
          }],
          ["workload-hardening", (rs) => {
            const g = rs.find((r) => r.type.includes("DynamoGraphDeployment"));
            if (!g || !Array.isArray(inputs(g).spec.components)) return false;
            for (const c of inputs(g).spec.components) for (const k of c.podTemplate.spec.containers) delete k.securityContext;
            return true;
          }],
          ["frontend-exposure", (rs) => {
            // The frontend's load balancer made internet-facing: no source ranges, no TLS.
            const lb = rs.find((r) => r.type === "kubernetes:core/v1:Service" && inputs(r).spec?.type === "LoadBalancer");
            if (!lb) return false;
            const a = inputs(lb).metadata.annotations;
            delete a["service.beta.kubernetes.io/aws-load-balancer-internal"];
            delete a["service.beta.kubernetes.io/azure-load-balancer-internal"];
            return true;
          }],
          ["leader-election", (rs) => {
            const rel = rs.find((r) => /helm\.sh/.test(r.type) && JSON.stringify(r.inputs.chart ?? "").includes("dynamo-platform"));
            if (!rel) return false;
            inputs(rel).values["dynamo-operator"].controllerManager.replicas = 1;
            return true;
          }],
        ];
        let applied = 0;
        for (const [policy, breakIt] of variants) {
          const rs = clone(p.resources);
          if (!breakIt(rs)) continue;
          applied++;
          const bad = await run(rs, env, stack);
          assert.ok(mandatory(bad).some((d) => d.policy === policy), `${stack} broken for ${policy}:\n${show(bad)}`);
        }
        // A stack that serves a graph has every one of these things to break.
        if (p.resources.some((r) => r.type.includes("DynamoGraphDeployment"))) assert.strictEqual(applied, variants.length, `${stack}: only ${applied} variants applied`);
      });
    }
  });

  describe("frontend-exposure over the bundled edges (mandatory in prod)", () => {
    const judged = async (stack: string, breakIt: (rs: ResourceRecord[]) => void) => {
      const rs = clone((await plannedStack(stack)).resources);
      breakIt(rs);
      return mandatory(await run(rs, "prod", stack)).filter((d) => d.policy === "frontend-exposure");
    };
    const one = (rs: ResourceRecord[], type: string, name?: RegExp) => rs.find((r) => r.type === type && (!name || name.test(r.name)))!;

    it("the EKS edge passes; an HTTP listener, a forward before the JWT check, or an open security group fail", async function () {
      this.timeout(240_000);
      assert.deepStrictEqual(await judged("eks-us-east-1", () => undefined), []);
      const http = await judged("eks-us-east-1", (rs) => (inputs(one(rs, "aws:lb/listener:Listener")).protocol = "HTTP"));
      assert.match(show(http), /Load balancer dha-eks-us-east-1-edge is internet-facing without TLS on listener frontend-edge-https \(HTTP\)\./);
      const noJwt = await judged("eks-us-east-1", (rs) => {
        const l = inputs(one(rs, "aws:lb/listener:Listener"));
        l.defaultActions = l.defaultActions.filter((a: { type: string }) => a.type !== "jwt-validation");
      });
      assert.match(show(noJwt), /without authentication before listener frontend-edge-https forwards/);
      const wildHealth = await judged("eks-us-east-1", (rs) => (inputs(one(rs, "aws:lb/listenerRule:ListenerRule")).conditions[0].pathPattern.values = ["/*"]));
      assert.match(show(wildHealth), /without authentication before rule frontend-edge-health forwards/);
      const open = await judged("eks-us-east-1", (rs) => (inputs(one(rs, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", /https-0$/)).cidrIpv4 = "0.0.0.0/0"));
      assert.match(show(open), /without source ranges \(security group frontend-edge-alb admits every address\)/);
    });

    it("the AKS edge passes; HTTP without redirect, no WAF, a WAF in Detection, no source-range rule or a public origin fail", async function () {
      this.timeout(240_000);
      assert.deepStrictEqual(await judged("aks-eastus2", () => undefined), []);
      const redirect = await judged("aks-eastus2", (rs) => (inputs(one(rs, "azure-native:cdn:Route")).httpsRedirect = "Disabled"));
      assert.match(show(redirect), /Front Door route frontend-edge-route serves HTTP without redirecting to HTTPS\./);
      const noWaf = await judged("aks-eastus2", (rs) => rs.splice(rs.indexOf(one(rs, "azure-native:cdn:SecurityPolicy")), 1));
      assert.match(show(noWaf), /Front Door endpoint frontend-edge-endpoint has no WAF policy in Prevention mode/);
      const detection = await judged("aks-eastus2", (rs) => (inputs(one(rs, "azure-native:frontdoor:Policy")).policySettings.mode = "Detection"));
      assert.match(show(detection), /has no WAF policy in Prevention mode/);
      const noRanges = await judged("aks-eastus2", (rs) => {
        const w = inputs(one(rs, "azure-native:frontdoor:Policy"));
        w.customRules.rules = w.customRules.rules.filter((r: { name: string }) => r.name !== "SourceRangesOnly");
      });
      assert.match(show(noRanges), /reaches a private frontend without source ranges/);
      const publicOrigin = await judged("aks-eastus2", (rs) => delete inputs(one(rs, "azure-native:cdn:AFDOrigin")).sharedPrivateLinkResource);
      assert.match(show(publicOrigin), /Front Door route frontend-edge-route forwards HttpOnly in clear text to origin frontend-edge-origin, which is not behind a private link\./);
    });
  });

  // Over the protocol, two seeded batches keep the suite fast; the in-process fuzz (fuzz.spec.ts) runs every
  // policy over thousands more, and `npm run bench:policy` sends 10,000 through this path and fails on any
  // policy that cannot run.
  it("fuzz: 2,000 adversarial resources through Analyze and AnalyzeStack, no analyzer error", async function () {
    this.timeout(600_000);
    let total = 0;
    for (let batch = 0; batch < 2; batch++) {
      const rs = randomRecords(1000 + batch, 1000);
      const ds = await run(rs);
      total += rs.length;
      // An unknown value read unguarded would surface as "can't run policy ... during preview".
      assert.ok(!ds.some((d) => /can't run policy/.test(d.message)), show(ds.filter((d) => /can't run/.test(d.message))));
    }
    assert.strictEqual(total, 2_000);
    const info = await session.info();
    assert.strictEqual(info.name, "dynamo-ha-policy");
  });

  it("runPolicyPack (what `npm run plan` calls) starts, reports and stops its own pack", async () => {
    const rs = clone(healthyStack());
    broken[3][2](rs);
    const r = await runPolicyPack(rs, { env: "prod", project: "dynamo-ha", stack: "fixture" });
    assert.strictEqual(r.ran, true, r.error);
    assert.strictEqual(r.pack, "dynamo-ha-policy@v0.1.0");
    assert.deepStrictEqual(r.diagnostics.map((d) => d.policy), ["leader-election"]);
  });
});
