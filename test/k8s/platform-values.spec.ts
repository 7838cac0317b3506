import * as assert from "assert";
import { LEADER_ELECTION, OPERATOR_POD_LABEL, platformValues, PlatformValuesInput } from "../../components/k8s/platform-values";
import { SYSTEM_LABELS } from "./fixtures";

const off = { enabled: false, replicas: 3, storageSize: "10Gi" };
const base: PlatformValuesInput = {
  operatorReplicas: 2,
  etcd: off,
  nats: off,
  grove: false,
  kaiScheduler: false,
  systemNodeLabels: SYSTEM_LABELS,
  blockStorageClass: "gp3-wffc",
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const at = (o: any, path: string): any => path.split(".").reduce((v, k) => (v === undefined ? undefined : v[k]), o);

describe("platform chart values (pure)", () => {
  it("sets every operator HA key explicitly", () => {
    const v = platformValues({ ...base, operatorReplicas: 3 });
    const op = "dynamo-operator";
    assert.strictEqual(at(v, `${op}.enabled`), true);
    // The operator's crd-apply init container installs the real CRDs; this program only bootstraps them.
    assert.strictEqual(at(v, `${op}.upgradeCRD`), true);
    assert.strictEqual(at(v, `${op}.controllerManager.replicas`), 3);
    assert.strictEqual(at(v, `${op}.controllerManager.leaderElection.id`), "dynamo.nvidia.com");
    assert.strictEqual(at(v, `${op}.controllerManager.leaderElection.namespace`), "kube-system");
    assert.deepStrictEqual(at(v, `${op}.controllerManager.leaderElection`), { ...LEADER_ELECTION });
    // No template reads a strategy value (the post-renderer sets it: operator-ha.ts).
    assert.strictEqual(at(v, `${op}.controllerManager.strategy`), undefined);
    assert.strictEqual(at(v, `${op}.webhook.failurePolicy`), "Fail");
    assert.strictEqual(at(v, `${op}.discoveryBackend`), "kubernetes");
    assert.deepStrictEqual(at(v, `${op}.controllerManager.podLabels`), { ...OPERATOR_POD_LABEL });
    const aff = at(v, `${op}.controllerManager.affinity`);
    const zoneTerm = aff.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm;
    assert.strictEqual(zoneTerm.topologyKey, "topology.kubernetes.io/zone");
    assert.deepStrictEqual(zoneTerm.labelSelector.matchLabels, { ...OPERATOR_POD_LABEL });
    assert.strictEqual(aff.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey, "kubernetes.io/hostname");
    const expr = aff.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions;
    assert.deepStrictEqual(expr, Object.entries(SYSTEM_LABELS).map(([key, value]) => ({ key, operator: "In", values: [value] })));
    assert.ok(at(v, `${op}.controllerManager.tolerations`).some((t: { key: string }) => t.key === "CriticalAddonsOnly"));
  });

  it("leaves etcd and NATS out (install false) unless enabled", () => {
    const v = platformValues(base);
    assert.strictEqual(at(v, "global.etcd.install"), false);
    assert.strictEqual(at(v, "global.nats.install"), false);
    assert.strictEqual(v.etcd, undefined);
    assert.strictEqual(v.nats, undefined);
    // Removed keys make new charts fail their validate-values template (dynamo-facts §2.5).
    for (const removed of ["nats.enabled", "etcd.enabled", "grove.enabled", "kai-scheduler.enabled"]) assert.strictEqual(at(v, removed), undefined, removed);
  });

  it("configures a bundled etcd quorum: replicas, zonal volumes, PDB, probes, zone spread, system pool", () => {
    const v = platformValues({ ...base, etcd: { enabled: true, replicas: 5, storageSize: "20Gi" } });
    assert.strictEqual(at(v, "global.etcd.install"), true);
    assert.strictEqual(at(v, "dynamo-operator.discoveryBackend"), "etcd");
    assert.strictEqual(at(v, "etcd.replicaCount"), 5);
    assert.deepStrictEqual(at(v, "etcd.persistence"), { enabled: true, size: "20Gi", storageClass: "gp3-wffc" });
    assert.strictEqual(at(v, "etcd.pdb.create"), true);
    assert.strictEqual(at(v, "etcd.pdb.maxUnavailable"), 1);
    // The chart default minAvailable "51%" must be emptied, or its PDB template renders both fields.
    assert.strictEqual(at(v, "etcd.pdb.minAvailable"), "");
    assert.strictEqual(at(v, "etcd.readinessProbe.enabled"), true);
    assert.strictEqual(at(v, "etcd.livenessProbe.enabled"), true);
    const tsc = at(v, "etcd.topologySpreadConstraints");
    assert.strictEqual(tsc[0].topologyKey, "topology.kubernetes.io/zone");
    assert.strictEqual(tsc[0].whenUnsatisfiable, "DoNotSchedule");
    assert.strictEqual(tsc[0].nodeTaintsPolicy, "Honor", "the tainted nodes of a failed zone must not count as a domain");
    assert.ok(at(v, "etcd.affinity.nodeAffinity"));
    assert.strictEqual(v.nats, undefined);
  });

  it("configures a bundled NATS cluster with the chart's map-form spread", () => {
    const v = platformValues({ ...base, nats: { enabled: true, replicas: 3, storageSize: "15Gi" } });
    assert.strictEqual(at(v, "global.nats.install"), true);
    assert.strictEqual(at(v, "nats.config.cluster.enabled"), true);
    assert.strictEqual(at(v, "nats.config.cluster.replicas"), 3);
    assert.strictEqual(at(v, "nats.config.monitor.enabled"), true);
    assert.strictEqual(at(v, "nats.config.jetstream.fileStore.pvc.storageClassName"), "gp3-wffc");
    assert.strictEqual(at(v, "nats.config.jetstream.fileStore.pvc.size"), "15Gi");
    assert.strictEqual(at(v, "nats.podDisruptionBudget.enabled"), true);
    assert.strictEqual(at(v, "nats.promExporter.enabled"), true);
    const tsc = at(v, "nats.podTemplate.topologySpreadConstraints");
    assert.ok(!Array.isArray(tsc));
    assert.deepStrictEqual(tsc["topology.kubernetes.io/zone"], { maxSkew: 1, whenUnsatisfiable: "DoNotSchedule", nodeTaintsPolicy: "Honor" });
    assert.deepStrictEqual(tsc["kubernetes.io/hostname"], { maxSkew: 1, whenUnsatisfiable: "DoNotSchedule" });
    assert.ok(at(v, "nats.podTemplate.merge.spec.affinity.nodeAffinity"));
    assert.strictEqual(v.etcd, undefined);
  });

  it("turns the operator's own PodMonitors off only when this stack's monitors scrape the pods", () => {
    assert.strictEqual(at(platformValues({ ...base, ownMonitors: true }), "dynamo-operator.dynamo.metrics.podMonitors.enabled"), false);
    assert.strictEqual(at(platformValues(base), "dynamo-operator.dynamo"), undefined);
    // The chart's operator Service + ServiceMonitor too: ours scrapes the operator once (monitors.ts).
    assert.strictEqual(at(platformValues({ ...base, ownMonitors: true }), "dynamo-operator.metricsService.enabled"), false);
    assert.strictEqual(at(platformValues(base), "dynamo-operator.metricsService"), undefined);
  });

  it("installs Grove / KAI only when asked, with the staleness setting the chart requires for both", () => {
    const none = platformValues(base);
    assert.strictEqual(at(none, "global.grove.install"), false);
    assert.strictEqual(at(none, "global.kai-scheduler.install"), false);
    const both = platformValues({ ...base, grove: true, kaiScheduler: true });
    assert.strictEqual(at(both, "global.grove.install"), true);
    assert.strictEqual(at(both, "global.kai-scheduler.install"), true);
    // The pinned validate-values.yaml fails unless the value is exactly "-1" ("-1s" is rejected).
    assert.strictEqual(at(both, "kai-scheduler.scheduler.args.default-staleness-grace-period"), "-1");
    // Grove's chart reads tolerations only; its placement comes from the post-renderer.
    assert.deepStrictEqual(Object.keys(at(both, "grove")), ["tolerations"]);
    const kaiOnly = platformValues({ ...base, kaiScheduler: true });
    assert.strictEqual(at(kaiOnly, "kai-scheduler.scheduler"), undefined);
  });

  it("passes a PVC checkpoint store through the operator's checkpoint block, and rejects a bad one", () => {
    assert.strictEqual(at(platformValues(base), "dynamo-operator.checkpoint"), undefined);
    const v = platformValues({ ...base, checkpoint: { pvcName: "chrek-pvc", basePath: "/checkpoints" } });
    assert.deepStrictEqual(at(v, "dynamo-operator.checkpoint"), { enabled: true, storage: { type: "pvc", pvc: { pvcName: "chrek-pvc", basePath: "/checkpoints" } } });
    assert.throws(() => platformValues({ ...base, checkpoint: { pvcName: "chrek-pvc", basePath: "checkpoints" } }), /checkpoint\.basePath "checkpoints" is not allowed/);
    assert.throws(() => platformValues({ ...base, checkpoint: { pvcName: "", basePath: "/c" } }), /checkpoint\.pvcName "" is not allowed/);
  });
});
