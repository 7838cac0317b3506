import * as assert from "assert";
import { zoneSpreadPolicy } from "../../policy/policies";
import { deployment, dgdAlpha, dgdBeta, dgdLabels, HOST, spread, ZONE, zoneTsc } from "./fixtures";
import { runResource, UNKNOWN_WIRE } from "./helpers";

const labels = { app: "web" };
const anti = (kind: "required" | "preferred", key: string, l = labels) => ({
  affinity: {
    podAntiAffinity:
      kind === "required"
        ? { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: key, labelSelector: { matchLabels: l } }] }
        : { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: key, labelSelector: { matchLabels: l } } }] },
  },
});

describe("policy zone-spread", () => {
  it("ignores 1 replica", async () => {
    assert.deepStrictEqual(await runResource(zoneSpreadPolicy, deployment("web", 1)), []);
  });

  for (const replicas of [2, 3]) {
    it(`flags ${replicas} replicas without spread and passes them with a zone constraint`, async () => {
      assert.strictEqual((await runResource(zoneSpreadPolicy, deployment("web", replicas))).length, 1);
      assert.deepStrictEqual(await runResource(zoneSpreadPolicy, deployment("web", replicas, spread(labels))), []);
    });
  }

  it("host-only spread is not enough", async () => {
    const v = await runResource(zoneSpreadPolicy, deployment("web", 3, { topologySpreadConstraints: [zoneTsc(labels, HOST)] }));
    assert.strictEqual(v.length, 1);
    assert.match(v[0], /kubernetes.io\/hostname/);
  });

  it("required zone anti-affinity passes; preferred does not; required on hostname does not", async () => {
    assert.deepStrictEqual(await runResource(zoneSpreadPolicy, deployment("web", 3, anti("required", ZONE))), []);
    assert.match((await runResource(zoneSpreadPolicy, deployment("web", 3, anti("preferred", ZONE))))[0], /preferred/);
    assert.strictEqual((await runResource(zoneSpreadPolicy, deployment("web", 3, anti("required", HOST)))).length, 1);
  });

  it("a ScheduleAnyway zone constraint is a violation; DoNotSchedule passes; an unknown value is not judged", async () => {
    const soft = await runResource(zoneSpreadPolicy, deployment("web", 3, { topologySpreadConstraints: [{ ...zoneTsc(labels), whenUnsatisfiable: "ScheduleAnyway" }] }));
    assert.strictEqual(soft.length, 1);
    assert.match(soft[0], /whenUnsatisfiable ScheduleAnyway \(not DoNotSchedule\)/);
    const unset = await runResource(zoneSpreadPolicy, deployment("web", 3, { topologySpreadConstraints: [{ ...zoneTsc(labels), whenUnsatisfiable: undefined }] }));
    assert.match(unset[0], /whenUnsatisfiable unset/);
    assert.deepStrictEqual(await runResource(zoneSpreadPolicy, deployment("web", 3, { topologySpreadConstraints: [{ ...zoneTsc(labels), nodeTaintsPolicy: "Honor" }] })), []);
    assert.deepStrictEqual(await runResource(zoneSpreadPolicy, deployment("web", 3, { topologySpreadConstraints: [{ ...zoneTsc(labels), whenUnsatisfiable: UNKNOWN_WIRE }] })), []);
    // A soft zone constraint beside a hard rule still passes: the hard one spreads the pods.
    const both = { topologySpreadConstraints: [{ ...zoneTsc(labels), whenUnsatisfiable: "ScheduleAnyway" }], ...anti("required", ZONE) };
    assert.deepStrictEqual(await runResource(zoneSpreadPolicy, deployment("web", 3, both)), []);
  });

  it("a soft zone constraint on a DGD component is reported for that component", async () => {
    const softSpec = { topologySpreadConstraints: [{ ...zoneTsc(dgdLabels("llm", "decode")), whenUnsatisfiable: "ScheduleAnyway" }] };
    const v = await runResource(zoneSpreadPolicy, dgdBeta("llm", [{ name: "decode", replicas: 2, podSpec: softSpec }, { name: "prefill", replicas: 2, podSpec: spread(dgdLabels("llm", "prefill")) }]));
    assert.strictEqual(v.length, 1);
    assert.match(v[0], /component decode.*ScheduleAnyway/);
  });

  it("a zone constraint whose selector misses the pods does not count", async () => {
    const v = await runResource(zoneSpreadPolicy, deployment("web", 3, { topologySpreadConstraints: [zoneTsc({ app: "other" })] }));
    assert.match(v[0], /does not select the pods/);
  });

  it("v1beta1 components: podTemplate.spec; v1alpha1 services: extraPodSpec", async () => {
    const good = dgdBeta("llm", [{ name: "decode", replicas: 2, podSpec: spread(dgdLabels("llm", "decode")) }, { name: "prefill", replicas: 2 }]);
    const v = await runResource(zoneSpreadPolicy, good);
    assert.strictEqual(v.length, 1);
    assert.match(v[0], /component prefill/);
    const alpha = dgdAlpha("llm", { Frontend: { replicas: 2, extraPodSpec: spread(dgdLabels("llm", "Frontend")) }, Worker: { replicas: 3 } });
    const va = await runResource(zoneSpreadPolicy, alpha);
    assert.strictEqual(va.length, 1);
    assert.match(va[0], /component Worker/);
  });

  it("does not judge unknown replicas or unknown constraints", async () => {
    assert.deepStrictEqual(await runResource(zoneSpreadPolicy, deployment("web", UNKNOWN_WIRE)), []);
    assert.deepStrictEqual(await runResource(zoneSpreadPolicy, deployment("web", 3, { topologySpreadConstraints: UNKNOWN_WIRE })), []);
  });

  it("skips other types", async () => {
    assert.deepStrictEqual(await runResource(zoneSpreadPolicy, { type: "aws:s3/bucket:Bucket", name: "b", props: { spec: { replicas: 3 } } }), []);
  });

  it("a topologyKey or whenUnsatisfiable that is not a string is reported in one line, never thrown", async () => {
    for (const bad of [{ a: 1 }, ["topology.kubernetes.io/zone"], null, 7, Object.create(null), { toString: "x" }]) {
      const key = await runResource(zoneSpreadPolicy, deployment("web", 3, { topologySpreadConstraints: [{ ...zoneTsc(labels), topologyKey: bad }] }));
      assert.strictEqual(key.length, 1, JSON.stringify(bad));
      assert.match(key[0], /a spread constraint on (an object|an array|null|7)/);
      const when = await runResource(zoneSpreadPolicy, deployment("web", 3, { topologySpreadConstraints: [{ ...zoneTsc(labels), whenUnsatisfiable: bad }] }));
      assert.strictEqual(when.length, 1, JSON.stringify(bad));
      assert.match(when[0], /whenUnsatisfiable (an object|an array|null|7) \(not DoNotSchedule\)/);
      const anti = await runResource(zoneSpreadPolicy, deployment("web", 3, { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: bad, labelSelector: { matchLabels: labels } }] } } }));
      assert.strictEqual(anti.length, 1, JSON.stringify(bad));
    }
  });

  it("values in messages are quoted: control characters escaped, long values cut", async () => {
    const v = await runResource(zoneSpreadPolicy, deployment("web", 3, { topologySpreadConstraints: [{ ...zoneTsc(labels), topologyKey: `a\nb${"x".repeat(500)}` }] }));
    assert.strictEqual(v.length, 1);
    assert.ok(!v[0].includes("\n"), v[0]);
    assert.match(v[0], /on "a\\nbx+…"/);
    assert.ok(v[0].length < 300, v[0]);
  });
});
