import * as assert from "assert";
import { RegionalConfig } from "../../components/core/config";
import { VERSIONS } from "../../components/core/versions";
import { ClusterFacts } from "../../components/core/cluster-facts";
import { DYNAMO_KINDS } from "../../components/k8s/crds";
import { buildKubernetesLayer } from "../../components/k8s/layer";
import { OPERATOR_METRICS_SERVICE, OPERATOR_POSTRENDER, operatorPdb } from "../../components/k8s/operator-ha";
import { OPERATOR_POD_LABEL } from "../../components/k8s/platform-values";
import { NO_STORAGE, StorageFacts } from "../../components/core/storage-facts";
import { capture, Capture } from "../../tools/plan/capture";
import { planMocks } from "../../tools/plan/mocks";
import { kubernetesObjects, ResourceRecord } from "../../tools/plan/records";
import { config, fakeFacts, GPU_LABEL, LB_ANNOTATIONS, raw, SYSTEM_LABELS, validateObject, validatePodTemplate } from "./fixtures";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const RELEASE = "kubernetes:helm.sh/v3:Release";
const CRD = "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition";
const DGD = "kubernetes:nvidia.com/v1beta1:DynamoGraphDeployment";
const PDB = "kubernetes:policy/v1:PodDisruptionBudget";
const SERVICE = "kubernetes:core/v1:Service";

interface Run {
  cap: Capture;
  c: RegionalConfig;
}

async function run(overrides: Record<string, unknown> = {}, facts: Partial<ClusterFacts> = {}, storage: StorageFacts = NO_STORAGE, preview = false): Promise<Run> {
  const c = config(overrides);
  const cap = await capture(
    () => {
      const layer = buildKubernetesLayer(c, fakeFacts(facts), storage);
      return { ...layer.outputs, components: layer.components, namespace: layer.namespace };
    },
    { project: "dynamo-ha", stack: "t", config: raw(overrides), preview, mocks: planMocks },
  );
  return { cap, c };
}

const ofType = (cap: Capture, type: string) => cap.resources.filter((r) => r.type === type);
const one = (cap: Capture, type: string, name?: string): ResourceRecord => {
  const rs = ofType(cap, type).filter((r) => name === undefined || r.name === name);
  assert.strictEqual(rs.length, 1, `one ${type} ${name ?? ""}`);
  return rs[0];
};
const graphServices = (cap: Capture) => ofType(cap, SERVICE).filter((r) => (r.inputs.metadata as Any).namespace === "dynamo");
const platformRelease = (cap: Capture) => one(cap, RELEASE, "dynamo-platform-chart");
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const at = (o: any, path: string): any => path.split(".").reduce((v, k) => (v === undefined ? undefined : v[k]), o);

describe("Kubernetes layer (under mocks)", function () {
  let base: Run;
  before(async () => {
    base = await run();
  });

  it("installs the pinned platform chart as a helm.v3.Release with HA values key by key", () => {
    const r = platformRelease(base.cap);
    assert.strictEqual(r.inputs.chart, VERSIONS.dynamoPlatform.url(VERSIONS.dynamoPlatform.version));
    assert.strictEqual(r.inputs.name, "dynamo-platform");
    assert.strictEqual(r.inputs.namespace, "dynamo-system");
    assert.strictEqual(r.inputs.skipCrds, true);
    assert.strictEqual(r.inputs.atomic, true);
    const v = r.inputs.values as Any;
    const expect: [string, unknown][] = [
      ["dynamo-operator.enabled", true],
      ["dynamo-operator.upgradeCRD", true],
      ["dynamo-operator.controllerManager.replicas", 2],
      ["dynamo-operator.controllerManager.leaderElection.id", "dynamo.nvidia.com"],
      ["dynamo-operator.controllerManager.leaderElection.namespace", "kube-system"],
      ["dynamo-operator.webhook.failurePolicy", "Fail"],
      ["global.etcd.install", false],
      ["global.nats.install", false],
      ["global.grove.install", false],
      ["global.kai-scheduler.install", false],
    ];
    for (const [k, want] of expect) assert.deepStrictEqual(at(v, k), want, k);
    // The chart reads no strategy value: the post-renderer (shipped with the program) sets it.
    assert.strictEqual(at(v, "dynamo-operator.controllerManager.strategy"), undefined);
    assert.strictEqual(r.inputs.postrender, OPERATOR_POSTRENDER);
    const nodeTerms = at(v, "dynamo-operator.controllerManager.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms");
    assert.deepStrictEqual(nodeTerms[0].matchExpressions, Object.entries(SYSTEM_LABELS).map(([key, value]) => ({ key, operator: "In", values: [value] })));
    assert.strictEqual(at(v, "dynamo-operator.controllerManager.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution")[0].podAffinityTerm.topologyKey, "topology.kubernetes.io/zone");
  });

  it("passes the configured quorum stores and storage class through to the chart", async () => {
    const r = await run({ platform: { operatorReplicas: 3, etcd: { enabled: true, replicas: 3 }, nats: { enabled: true, replicas: 5, storageSize: "20Gi" } } });
    const v = platformRelease(r.cap).inputs.values as Any;
    assert.strictEqual(at(v, "dynamo-operator.controllerManager.replicas"), 3);
    assert.strictEqual(at(v, "global.etcd.install"), true);
    assert.strictEqual(at(v, "etcd.replicaCount"), 3);
    assert.strictEqual(at(v, "etcd.persistence.storageClass"), "gp3-wffc");
    assert.strictEqual(at(v, "nats.config.cluster.replicas"), 5);
    assert.strictEqual(at(v, "nats.config.jetstream.fileStore.pvc.storageClassName"), "gp3-wffc");
    assert.strictEqual(at(v, "nats.config.jetstream.fileStore.pvc.size"), "20Gi");
  });

  it("declares the bootstrap CRDs protected, retained on delete, and never re-applied over the operator's", () => {
    const crds = ofType(base.cap, CRD);
    assert.strictEqual(crds.length, DYNAMO_KINDS.length);
    for (const crd of crds) {
      assert.strictEqual(crd.protect, true, crd.name);
      assert.strictEqual(crd.retainOnDelete, true, crd.name);
      // crd-apply owns the schema after creation: Pulumi must not diff or re-apply spec or metadata.
      assert.deepStrictEqual(crd.ignoreChanges, ["spec", "metadata.labels", "metadata.annotations"], crd.name);
    }
    assert.ok(crds.some((c) => (c.inputs.metadata as Any).name === "dynamographdeployments.nvidia.com"));
    const dgdsa = crds.find((c) => (c.inputs.metadata as Any).name === "dynamographdeploymentscalingadapters.nvidia.com")!;
    for (const v of (dgdsa.inputs.spec as Any).versions) assert.ok(v.subresources.scale, `DGDSA ${v.name} has /scale`);
  });

  it("still retains the CRDs when protection is turned off explicitly", async () => {
    const r = await run({ platform: { protectCrds: false } });
    for (const crd of ofType(r.cap, CRD)) {
      assert.strictEqual(crd.protect, false);
      assert.strictEqual(crd.retainOnDelete, true);
    }
  });

  it("orders CRDs → platform → graph → Services through dependsOn", () => {
    const crdUrns = ofType(base.cap, CRD).map((r) => r.urn);
    const release = platformRelease(base.cap);
    const dgd = one(base.cap, DGD);
    for (const u of crdUrns) assert.ok(release.dependsOn.includes(u), `release waits for ${u}`);
    for (const u of [...crdUrns, release.urn]) assert.ok(dgd.dependsOn.includes(u), `graph waits for ${u}`);
    const pool = base.cap.resources.find((r) => r.type === "test:index:NodePool")!;
    for (const crd of ofType(base.cap, CRD)) assert.ok(crd.dependsOn.includes(pool.urn), "CRDs wait for the cluster's node pools");
    for (const svc of graphServices(base.cap)) assert.ok(svc.dependsOn.includes(dgd.urn), `${svc.name} waits for the graph`);
  });

  it("declares the DGD from config with readiness awaited as Dynamo's tooling judges it", async () => {
    const dgd = one(base.cap, DGD);
    assert.strictEqual(dgd.inputs.apiVersion, "nvidia.com/v1beta1");
    const meta = dgd.inputs.metadata as Any;
    assert.strictEqual(meta.name, "llm");
    assert.strictEqual(meta.namespace, "dynamo");
    assert.deepStrictEqual(JSON.parse(meta.annotations["pulumi.com/waitFor"]).sort(), ["condition=Ready", "jsonpath={.status.state}=successful"]);
    const comps = (dgd.inputs.spec as Any).components as Any[];
    assert.deepStrictEqual(comps.map((c) => [c.name, c.type, c.replicas]), [["Frontend", "frontend", 2], ["VllmDecodeWorker", "decode", 2], ["VllmPrefillWorker", "prefill", 2]]);
    for (const c of comps) {
      await validatePodTemplate(c.podTemplate);
      const spec = c.podTemplate.spec;
      const main = spec.containers[0];
      assert.strictEqual(main.name, "main");
      assert.strictEqual(main.image, VERSIONS.runtimeImages.vllm);
      assert.ok(main.livenessProbe.failureThreshold > 1);
      assert.ok(main.startupProbe);
      assert.strictEqual(spec.terminationGracePeriodSeconds, 110);
      if (c.type !== "frontend") {
        assert.ok(spec.tolerations.some((t: Any) => t.key === "kubernetes.azure.com/scalesetpriority"), "spot taint tolerated");
        assert.deepStrictEqual(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key, GPU_LABEL.key);
      } else {
        assert.ok(main.env.some((e: Any) => e.name === "DYN_MIGRATION_LIMIT" && e.value === "3"));
      }
    }
    assert.deepStrictEqual(base.cap.outputs.components, comps.map((c) => ({ name: c.name, type: c.type, replicas: c.replicas })));
  });

  it("declares one PDB per component, maxUnavailable 1, selecting the operator's pod labels", () => {
    const pdbs = ofType(base.cap, PDB).filter((p) => (p.inputs.metadata as Any).namespace === "dynamo");
    assert.strictEqual(pdbs.length, 3);
    const selected = pdbs.map((p) => (p.inputs.spec as Any).selector.matchLabels).sort((a, b) => a["nvidia.com/dynamo-component"].localeCompare(b["nvidia.com/dynamo-component"]));
    assert.deepStrictEqual(selected, ["Frontend", "VllmDecodeWorker", "VllmPrefillWorker"].map((c) => ({ "nvidia.com/dynamo-graph-deployment-name": "llm", "nvidia.com/dynamo-component": c })));
    for (const p of pdbs) assert.strictEqual((p.inputs.spec as Any).maxUnavailable, 1);
  });

  it("gives the operator a PDB keeping one pod (none with a single replica), which upstream lacks", async () => {
    const op = ofType(base.cap, PDB).filter((p) => (p.inputs.metadata as Any).namespace === "dynamo-system");
    assert.strictEqual(op.length, 1);
    assert.deepStrictEqual(op[0].inputs.spec, { minAvailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow", selector: { matchLabels: { ...OPERATOR_POD_LABEL } } });
    await validateObject(op[0].inputs);
    // Config refuses one replica in HA mode; the builder still never blocks drains with a lone pod.
    assert.strictEqual(operatorPdb("dynamo-system", 1), undefined);
    assert.throws(() => operatorPdb("dynamo-system", 0), /replicas 0 is not allowed/);
  });

  it("gives our operator ServiceMonitor a metrics Service exactly when this stack's monitors run", async () => {
    const ops = (r: Run) => ofType(r.cap, SERVICE).filter((x) => (x.inputs.metadata as Any).namespace === "dynamo-system");
    const on = await run({ observability: { enabled: true } });
    assert.deepStrictEqual(ops(on).map((x) => (x.inputs.metadata as Any).name), [OPERATOR_METRICS_SERVICE]);
    await validateObject(ops(on)[0].inputs);
    assert.strictEqual(at(platformRelease(on.cap).inputs.values, "dynamo-operator.metricsService.enabled"), false);
    const off = await run({ observability: { enabled: false } });
    assert.strictEqual(ops(off).length, 0);
    assert.strictEqual(at(platformRelease(off.cap).inputs.values, "dynamo-operator.metricsService"), undefined);
  });

  it("exposes the frontend through a ClusterIP Service and an internal LB with the cloud's annotations", async () => {
    const svcs = graphServices(base.cap);
    assert.strictEqual(svcs.length, 2);
    const cip = svcs.find((s) => (s.inputs.spec as Any).type === "ClusterIP")!;
    const lb = svcs.find((s) => (s.inputs.spec as Any).type === "LoadBalancer")!;
    for (const s of [cip, lb]) {
      assert.deepStrictEqual((s.inputs.spec as Any).selector, { "nvidia.com/dynamo-graph-deployment-name": "llm", "nvidia.com/dynamo-component": "Frontend" });
      assert.deepStrictEqual((s.inputs.spec as Any).ports, [{ name: "http", port: 8000, targetPort: "http", protocol: "TCP" }]);
    }
    assert.deepStrictEqual((lb.inputs.metadata as Any).annotations, LB_ANNOTATIONS);
    // The operator owns `<graph>-<component>` (llm-frontend); ours must not take that name.
    assert.deepStrictEqual([(cip.inputs.metadata as Any).name, (lb.inputs.metadata as Any).name], ["llm-frontend-ha", "llm-frontend-lb"]);
    // No cloud has answered under mocks: the host falls back to the in-cluster name.
    assert.strictEqual(base.cap.outputs.frontendHost, "llm-frontend-ha.dynamo.svc.cluster.local");
    assert.strictEqual(base.cap.outputs.frontendPort, 8000);
    assert.strictEqual(base.cap.outputs.frontendProtocol, "HTTP");
    assert.strictEqual(base.cap.outputs.frontendEndpoint, "http://llm-frontend-ha.dynamo.svc.cluster.local:8000");
    assert.strictEqual(base.cap.outputs.graphName, "llm");

    const noLb = await run({ exposure: { loadBalancer: false } });
    assert.deepStrictEqual(graphServices(noLb.cap).map((s) => (s.inputs.spec as Any).type), ["ClusterIP"]);
    const preview = await run({}, {}, NO_STORAGE, true);
    assert.strictEqual(preview.cap.outputs.frontendHost, "<computed>", "the LB address is known only after apply");
    assert.strictEqual(preview.cap.outputs.frontendEndpoint, "<computed>");
  });

  it("an internet-facing LB (internalLoadBalancer false, non-prod only) drops the internal scheme and admits only the source ranges", async () => {
    const pub = await run({ env: "dev", exposure: { internalLoadBalancer: false, loadBalancerSourceRanges: ["203.0.113.0/24"] } });
    const lb = ofType(pub.cap, SERVICE).find((s) => (s.inputs.spec as Any).type === "LoadBalancer")!;
    assert.deepStrictEqual((lb.inputs.metadata as Any).annotations, { ...LB_ANNOTATIONS, "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" });
    assert.deepStrictEqual((lb.inputs.spec as Any).loadBalancerSourceRanges, ["203.0.113.0/24"]);
    await validateObject(lb.inputs);
  });

  it("the edge's side: a NodePort Service on the fixed port (ALB), or Private Link annotations on the internal LB (Front Door)", async () => {
    const np = await run({}, { frontendOrigin: { kind: "node-port", nodePort: 30800, edge: "alb" } });
    const edge = ofType(np.cap, SERVICE).find((s) => (s.inputs.spec as Any).type === "NodePort")!;
    assert.strictEqual((edge.inputs.metadata as Any).name, "llm-frontend-edge");
    assert.deepStrictEqual((edge.inputs.spec as Any).ports, [{ name: "http", port: 8000, targetPort: "http", protocol: "TCP", nodePort: 30800 }]);
    assert.strictEqual((edge.inputs.spec as Any).externalTrafficPolicy, "Cluster");
    await validateObject(edge.inputs);
    // The internal load balancer stays as it was.
    const lb = ofType(np.cap, SERVICE).find((s) => (s.inputs.spec as Any).type === "LoadBalancer")!;
    assert.deepStrictEqual((lb.inputs.metadata as Any).annotations, LB_ANNOTATIONS);
    // The frontend's network policy admits traffic from outside the cluster (the nodes) once an edge reaches it.
    const ingress = ofType(np.cap, "kubernetes:networking.k8s.io/v1:NetworkPolicy").find((p) => p.name.endsWith("frontend-ingress"))!;
    assert.ok(!("from" in ((ingress.inputs.spec as Any).ingress[0] as Any)));

    const pls = { "service.beta.kubernetes.io/azure-pls-create": "true", "service.beta.kubernetes.io/azure-pls-name": "pls-t-frontend" };
    const pl = await run({}, { frontendOrigin: { kind: "private-link", annotations: pls, edge: "front-door" } });
    const plLb = ofType(pl.cap, SERVICE).find((s) => (s.inputs.spec as Any).type === "LoadBalancer")!;
    assert.deepStrictEqual((plLb.inputs.metadata as Any).annotations, { ...LB_ANNOTATIONS, ...pls });
    assert.ok(!ofType(pl.cap, SERVICE).some((s) => (s.inputs.spec as Any).type === "NodePort"));
  });

  it("installs the GPU Operator without drivers when the node image has them, or the device plugin", async () => {
    const gpu = one(base.cap, RELEASE, "gpu-software-chart");
    assert.strictEqual(gpu.inputs.chart, "gpu-operator");
    assert.strictEqual(gpu.inputs.version, VERSIONS.gpuOperator.version);
    assert.strictEqual(at(gpu.inputs.values, "driver.enabled"), false);
    assert.ok(at(gpu.inputs.values, "daemonsets.tolerations").some((t: Any) => t.key === "nvidia.com/gpu"));
    const withDrivers = await run({}, { driversPreinstalled: false });
    assert.strictEqual(at(one(withDrivers.cap, RELEASE, "gpu-software-chart").inputs.values, "driver.enabled"), true);
    const plugin = await run({}, { gpuSoftware: "device-plugin" });
    const dp = one(plugin.cap, RELEASE, "gpu-software-chart");
    assert.strictEqual(dp.inputs.chart, "nvidia-device-plugin");
    assert.strictEqual(dp.inputs.version, VERSIONS.devicePlugin.version);
    assert.ok(at(dp.inputs.values, "tolerations").some((t: Any) => t.key === "nvidia.com/gpu"));
  });

  it("wires StorageFacts into the pods and creates the annotated service account", async () => {
    const storage: StorageFacts = {
      backend: "pvc",
      location: "model-cache",
      serviceAccountName: "dynamo-serving",
      serviceAccountAnnotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/r" },
      podLabels: { "azure.workload.identity/use": "true" },
      env: { AWS_REGION: "us-east-1" },
      pvcName: "model-cache",
      resources: [],
    };
    const r = await run({}, {}, storage);
    const sa = one(r.cap, "kubernetes:core/v1:ServiceAccount");
    assert.strictEqual((sa.inputs.metadata as Any).annotations["eks.amazonaws.com/role-arn"], "arn:aws:iam::123456789012:role/r");
    const dgd = one(r.cap, DGD);
    assert.ok(dgd.dependsOn.includes(sa.urn));
    for (const c of (dgd.inputs.spec as Any).components) {
      assert.strictEqual(c.podTemplate.spec.serviceAccountName, "dynamo-serving");
      assert.strictEqual(c.podTemplate.metadata.labels["azure.workload.identity/use"], "true");
      assert.ok(c.podTemplate.spec.containers[0].env.some((e: Any) => e.name === "AWS_REGION"));
      await validatePodTemplate(c.podTemplate);
    }
  });

  it("uses the cluster's provider for every Kubernetes resource, and every emitted object validates", async () => {
    const providerRef = ofType(base.cap, RELEASE)[0].provider;
    assert.match(providerRef, /pulumi:providers:kubernetes::k8s::/);
    for (const r of base.cap.resources.filter((x) => x.custom && x.type.startsWith("kubernetes:") && !x.type.startsWith("pulumi:"))) {
      assert.strictEqual(r.provider, providerRef, r.name);
    }
    const objects = kubernetesObjects(base.cap.resources);
    assert.ok(objects.length >= 10);
    for (const o of objects) {
      if (o.type === DGD) continue; // no upstream schema; its podTemplates are validated above
      await validateObject(o.inputs);
    }
  });
});
