import * as assert from "assert";
import { buildAzureRegion } from "../../stacks/cloud-layer";
import { RegionalConfig } from "../../components/core/config";
import { resolveGpuShape, sizingInput } from "../../components/core/config/checks";
import { AKS_SPOT_TAINT, GPU_TAINT, LABEL_CAPACITY, LABEL_GPU_CLASS, LABEL_POOL_ROLE, LABEL_ZONE } from "../../components/core/labels";
import { capacityReport, sizeZones } from "../../components/core/sizing";
import { ClusterFacts } from "../../components/core/cluster-facts";
import { capture, Capture } from "../../tools/plan/capture";
import { planMocks } from "../../tools/plan/mocks";
import { ResourceRecord } from "../../tools/plan/records";
import { AKS_STACK, aksConfig, aksRaw, clusterWith, validateK8s } from "./fixtures";

const AGENT_POOL = "azure-native:containerservice:AgentPool";
const CLUSTER = "azure-native:containerservice:ManagedCluster";

interface Run {
  cap: Capture;
  facts: ClusterFacts;
  c: RegionalConfig;
}

async function run(overrides: Record<string, unknown> = {}, preview = false): Promise<Run> {
  const c = aksConfig(overrides);
  let facts: ClusterFacts | undefined;
  const cap = await capture(
    () => {
      const r = buildAzureRegion(c);
      facts = r.facts;
      return { ...r.outputs, capacity: r.capacity };
    },
    { project: "dynamo-ha", stack: AKS_STACK, config: aksRaw(overrides), preview, mocks: planMocks },
  );
  return { cap, facts: facts!, c };
}

const ofType = (cap: Capture, type: string): ResourceRecord[] => cap.resources.filter((r) => r.type === type);
type Pool = { agentPoolName: string; availabilityZones: string[]; scaleSetPriority: string; [k: string]: unknown };
const pools = (cap: Capture) => ofType(cap, AGENT_POOL).map((r) => r.inputs as Pool);

describe("AKS region (under mocks)", function () {
  let base: Run;
  before(async () => {
    base = await run();
  });

  it("declares one GPU AgentPool per zone per priority, each pinned to its one zone", () => {
    const ps = pools(base.cap);
    assert.strictEqual(ps.length, base.c.zones.length * 2);
    for (const zone of base.c.zones) {
      for (const priority of ["Spot", "Regular"]) {
        const here = ps.filter((p) => p.scaleSetPriority === priority && p.availabilityZones.length === 1 && p.availabilityZones[0] === zone);
        assert.strictEqual(here.length, 1, `${priority} pool in zone ${zone}`);
      }
    }
    for (const p of ps) {
      assert.match(p.agentPoolName, /^[a-z][a-z0-9]{0,11}$/);
      assert.strictEqual(p.mode, "User");
      assert.strictEqual(p.vmSize, "Standard_NC24ads_A100_v4");
    }
    // Separate pools, not inline profiles: the cluster carries only the System pool.
    const cluster = ofType(base.cap, CLUSTER)[0].inputs as { agentPoolProfiles: { name: string }[] };
    assert.deepStrictEqual(cluster.agentPoolProfiles.map((p) => p.name), ["system"]);
  });

  it("sets spot eviction to Delete at max price -1, and nothing of the sort on regular pools", () => {
    for (const p of pools(base.cap)) {
      if (p.scaleSetPriority === "Spot") {
        assert.strictEqual(p.scaleSetEvictionPolicy, "Delete");
        assert.strictEqual(p.spotMaxPrice, -1);
      } else {
        assert.strictEqual(p.scaleSetPriority, "Regular");
        assert.strictEqual(p.scaleSetEvictionPolicy, undefined);
        assert.strictEqual(p.spotMaxPrice, undefined);
      }
    }
  });

  it("declares the GPU taint everywhere and the AKS spot taint and label on spot pools only", () => {
    const spotTaint = `${AKS_SPOT_TAINT.key}=${AKS_SPOT_TAINT.value}:${AKS_SPOT_TAINT.effect}`;
    for (const p of pools(base.cap)) {
      const taints = p.nodeTaints as string[];
      const labels = p.nodeLabels as Record<string, string>;
      const spot = p.scaleSetPriority === "Spot";
      assert.ok(taints.includes("nvidia.com/gpu=true:NoSchedule"), `${p.agentPoolName} GPU taint`);
      assert.strictEqual(`${GPU_TAINT.key}=${GPU_TAINT.value}:${GPU_TAINT.effect}`, "nvidia.com/gpu=true:NoSchedule");
      assert.strictEqual(taints.includes(spotTaint), spot, `${p.agentPoolName} spot taint`);
      assert.strictEqual(labels["kubernetes.azure.com/scalesetpriority"], spot ? "spot" : undefined);
      assert.strictEqual(labels[LABEL_POOL_ROLE], "gpu");
      assert.strictEqual(labels[LABEL_GPU_CLASS], "A100");
      assert.strictEqual(labels[LABEL_CAPACITY], spot ? "spot" : "on-demand");
      // No zone label of our own (it would keep balanceSimilarNodeGroups from balancing the zones);
      // the zone is the pool's availabilityZones, the platform's topology label, and a tag.
      assert.strictEqual(labels[LABEL_ZONE], undefined);
      assert.ok(!Object.keys(labels).some((k) => k.includes("zone")), `${p.agentPoolName} labels ${Object.keys(labels)}`);
      assert.strictEqual((p.tags as Record<string, string>)["dynamo-ha-zone"], `eastus2-${p.availabilityZones[0]}`);
    }
  });

  it("gives the pools of one priority identical labels and taints, so the autoscaler balances them", () => {
    for (const priority of ["Spot", "Regular"]) {
      const same = pools(base.cap).filter((p) => p.scaleSetPriority === priority);
      assert.strictEqual(same.length, base.c.zones.length);
      for (const p of same) {
        assert.deepStrictEqual(p.nodeLabels, same[0].nodeLabels, p.agentPoolName);
        assert.deepStrictEqual(p.nodeTaints, same[0].nodeTaints, p.agentPoolName);
        assert.strictEqual(p.vmSize, same[0].vmSize);
      }
    }
  });

  it("creates the GPU pools one after another (AKS allows one agent-pool operation per cluster at a time)", () => {
    const recs = ofType(base.cap, AGENT_POOL);
    assert.strictEqual(recs.length, 6);
    // dependsOn also lists the resources the inputs come from (cluster, subnet, resource group).
    const poolDeps = (r: ResourceRecord) => r.dependsOn.filter((u) => u.includes(`${AGENT_POOL}::`));
    assert.deepStrictEqual(poolDeps(recs[0]), []);
    for (let i = 1; i < recs.length; i++) assert.deepStrictEqual(poolDeps(recs[i]), [recs[i - 1].urn], recs[i].name);
    // Every pool also waits for the cluster, so the first pool waits for the System pool's creation.
    const cluster = ofType(base.cap, CLUSTER)[0];
    for (const r of recs) assert.ok(r.dependsOn.includes(cluster.urn), r.name);
  });

  it("sizes every pool's autoscaling bounds with the shared zone-loss sizing", () => {
    const c = base.c;
    const sizing = sizeZones(sizingInput(c, resolveGpuShape(c)));
    for (const s of sizing.pools) {
      const p = pools(base.cap).find((x) => x.availabilityZones[0] === s.zone && x.scaleSetPriority === (s.capacityType === "spot" ? "Spot" : "Regular"))!;
      assert.strictEqual(p.enableAutoScaling, true);
      assert.strictEqual(p.minCount, s.minNodes);
      assert.strictEqual(p.maxCount, s.maxNodes);
      assert.strictEqual(p.count, s.minNodes);
    }
    for (const r of ofType(base.cap, AGENT_POOL)) assert.deepStrictEqual(r.ignoreChanges, ["count", "enableEncryptionAtHost"]);
  });

  it("lets the GPU Operator install drivers (gpuProfile None) and says so in the facts", async () => {
    for (const p of pools(base.cap)) assert.deepStrictEqual(p.gpuProfile, { driver: "None" });
    assert.strictEqual(base.facts.driversPreinstalled, false);
    const aks = await run({ gpuPool: { ...JSON.parse(aksRaw()["dynamo-ha:gpuPool"]), azureGpuDriver: "aks" } });
    for (const p of pools(aks.cap)) assert.deepStrictEqual(p.gpuProfile, { driver: "Install" });
    assert.strictEqual(aks.facts.driversPreinstalled, true);
    const plugin = await run({ gpuPool: { instanceTypes: ["Standard_NC24ads_A100_v4"], gpuSoftware: "device-plugin" } });
    for (const p of pools(plugin.cap)) assert.deepStrictEqual(p.gpuProfile, { driver: "Install" });
    assert.strictEqual(plugin.facts.driversPreinstalled, true);
  });

  it("configures the cluster: zone-spanning regular System pool, Entra RBAC, no local accounts, workload identity, autoscaler", () => {
    const r = ofType(base.cap, CLUSTER);
    assert.strictEqual(r.length, 1);
    const m = r[0].inputs as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const system = m.agentPoolProfiles[0];
    assert.strictEqual(system.mode, "System");
    assert.strictEqual(system.scaleSetPriority, "Regular");
    assert.deepStrictEqual(system.availabilityZones, ["1", "2", "3"]);
    assert.ok(system.minCount >= 3);
    assert.ok((system.nodeTaints as string[]).every((t) => t.startsWith("CriticalAddonsOnly")));
    assert.strictEqual(m.aadProfile.managed, true);
    assert.strictEqual(m.aadProfile.enableAzureRBAC, true);
    assert.strictEqual(m.disableLocalAccounts, true);
    assert.strictEqual(m.enableRBAC, true);
    assert.deepStrictEqual(m.oidcIssuerProfile, { enabled: true });
    assert.strictEqual(m.securityProfile.workloadIdentity.enabled, true);
    assert.strictEqual(m.autoScalerProfile.expander, "priority");
    assert.strictEqual(m.autoScalerProfile.balanceSimilarNodeGroups, "true");
    assert.strictEqual(m.apiServerAccessProfile.enablePrivateCluster, true);
    assert.strictEqual(m.networkProfile.loadBalancerSku, "standard");
    assert.strictEqual(r[0].protect, true);
    assert.deepStrictEqual(r[0].ignoreChanges, ["agentPoolProfiles[0].count", "agentPoolProfiles[*].enableEncryptionAtHost"]);
  });

  it("makes the API server public only when cluster.endpointPublicAccess is set", async () => {
    const pub = await run({ cluster: clusterWith({ endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] }) });
    const m = ofType(pub.cap, CLUSTER)[0].inputs as { apiServerAccessProfile: { enablePrivateCluster: boolean; authorizedIPRanges: string[] } };
    assert.strictEqual(m.apiServerAccessProfile.enablePrivateCluster, false);
    assert.deepStrictEqual(m.apiServerAccessProfile.authorizedIPRanges, ["203.0.113.0/24"]);
  });

  it("creates the resource group, virtual network and node subnet through one explicit provider", () => {
    const rg = ofType(base.cap, "azure-native:resources:ResourceGroup");
    assert.strictEqual(rg.length, 1);
    assert.strictEqual(rg[0].inputs.location, "eastus2");
    assert.strictEqual(rg[0].protect, true);
    const vnet = ofType(base.cap, "azure-native:network:VirtualNetwork")[0];
    assert.deepStrictEqual((vnet.inputs.addressSpace as { addressPrefixes: string[] }).addressPrefixes, ["10.40.0.0/16"]);
    assert.strictEqual(ofType(base.cap, "azure-native:network:Subnet")[0].inputs.addressPrefix, "10.40.0.0/17");
    const providers = ofType(base.cap, "pulumi:providers:azure-native");
    assert.strictEqual(providers.length, 1);
    assert.strictEqual(providers[0].inputs.location, "eastus2");
    for (const r of base.cap.resources.filter((x) => x.custom && x.type.startsWith("azure-native:"))) {
      assert.ok(r.provider.startsWith(providers[0].urn), `${r.name} uses the region's provider`);
    }
  });

  it("writes the priority-expander ConfigMap to kube-system, spot first, valid for Kubernetes", async () => {
    const cms = ofType(base.cap, "kubernetes:core/v1:ConfigMap");
    assert.strictEqual(cms.length, 1);
    const cm = cms[0].inputs as { metadata: { name: string; namespace: string }; data: { priorities: string } };
    assert.strictEqual(cm.metadata.name, "cluster-autoscaler-priority-expander");
    assert.strictEqual(cm.metadata.namespace, "kube-system");
    const { parse } = await import("yaml");
    const prio = parse(cm.data.priorities) as Record<string, string[]>;
    const rank = (vmss: string) => Math.max(...Object.entries(prio).filter(([, res]) => res.some((re) => new RegExp(`^${re}$`).test(vmss))).map(([p]) => Number(p)));
    for (const p of pools(base.cap)) {
      const other = p.scaleSetPriority === "Spot" ? p.agentPoolName.replace("spot", "reg") : p.agentPoolName.replace("reg", "spot");
      const vmss = (n: string) => `aks-${n}-12345678-vmss`;
      if (p.scaleSetPriority === "Spot") assert.ok(rank(vmss(p.agentPoolName)) > rank(vmss(other)), `${p.agentPoolName} before ${other}`);
    }
    assert.ok(rank("aks-system-12345678-vmss") < rank("aks-gpureg1-12345678-vmss"));
    await validateK8s(cms[0].inputs as { apiVersion: string; kind: string });
    await assert.rejects(validateK8s({ ...(cms[0].inputs as { apiVersion: string; kind: string }), data: { priorities: 7 } } as never));
    assert.ok(cms[0].provider.includes("pulumi:providers:kubernetes"));
  });

  it("creates its own Premium SSD block storage class that keeps disks, valid for Kubernetes", async () => {
    const scs = ofType(base.cap, "kubernetes:storage.k8s.io/v1:StorageClass");
    assert.strictEqual(scs.length, 1);
    const sc = scs[0].inputs as { metadata: { name: string }; provisioner: string; reclaimPolicy: string; volumeBindingMode: string; allowVolumeExpansion: boolean; parameters: Record<string, string> };
    assert.strictEqual(sc.metadata.name, base.facts.blockStorageClass);
    assert.strictEqual(sc.provisioner, "disk.csi.azure.com");
    assert.strictEqual(sc.parameters.skuName, "Premium_LRS");
    assert.strictEqual(sc.volumeBindingMode, "WaitForFirstConsumer");
    assert.strictEqual(sc.reclaimPolicy, "Retain");
    assert.strictEqual(sc.allowVolumeExpansion, true);
    assert.ok(scs[0].provider.includes("pulumi:providers:kubernetes"));
    assert.ok(base.facts.readyResources.length > 0);
    await validateK8s(scs[0].inputs as { apiVersion: string; kind: string });
    await assert.rejects(validateK8s({ ...(scs[0].inputs as { apiVersion: string; kind: string }), volumeBindingMode: 3 } as never));
  });

  it("deletes disks with their claims, and leaves the cluster unprotected, only with storage.allowDataLoss", async () => {
    const loose = await run({ storage: { allowDataLoss: true } });
    const sc = ofType(loose.cap, "kubernetes:storage.k8s.io/v1:StorageClass")[0].inputs as { reclaimPolicy: string };
    assert.strictEqual(sc.reclaimPolicy, "Delete");
    assert.strictEqual(ofType(loose.cap, CLUSTER)[0].protect, false);
  });

  it("exports the kubeconfig only as a secret, and builds the provider from it", async () => {
    assert.strictEqual(base.cap.outputs.kubeconfig, "[secret]");
    const k8s = ofType(base.cap, "pulumi:providers:kubernetes");
    assert.strictEqual(k8s.length, 1);
    assert.strictEqual(k8s[0].inputs.kubeconfig, "[secret]");
    assert.ok(!JSON.stringify(base.cap).includes("kubelogin"), "the decoded kubeconfig never shows up in the capture");
    // The credentials are read once the cluster exists (through its name), as the user's, not the admin's.
    const cluster = ofType(base.cap, CLUSTER)[0];
    assert.ok(k8s[0].dependsOn.includes(cluster.urn) || k8s[0].propertyDependencies.kubeconfig?.includes(cluster.urn), JSON.stringify(k8s[0].dependsOn));
  });

  it("keeps the kubeconfig unknown in preview (the cluster does not exist yet)", async () => {
    const pre = await run({}, true);
    assert.ok(["<computed>", "[secret]"].includes(pre.cap.outputs.kubeconfig as string));
    assert.strictEqual(pools(pre.cap).length, 6);
  });

  it("hands complete ClusterFacts to the Kubernetes layer", () => {
    const f = base.facts;
    assert.strictEqual(f.cloud, "azure");
    assert.strictEqual(f.region, "eastus2");
    assert.deepStrictEqual(f.zones, ["eastus2-1", "eastus2-2", "eastus2-3"]);
    assert.deepStrictEqual(f.gpuTolerations, [
      { key: "nvidia.com/gpu", operator: "Equal", value: "true", effect: "NoSchedule" },
      { key: "kubernetes.azure.com/scalesetpriority", operator: "Equal", value: "spot", effect: "NoSchedule" },
    ]);
    assert.strictEqual(f.blockStorageClass, "premium-ssd-wait");
    assert.deepStrictEqual(f.internalLoadBalancerAnnotations, { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" });
    assert.strictEqual(f.identity.kind, "azure-workload-identity");
    assert.deepStrictEqual(f.gpuNodeLabel, { key: LABEL_POOL_ROLE, value: "gpu" });
    assert.deepStrictEqual(f.systemNodeLabels, { [LABEL_POOL_ROLE]: "system" });
    assert.strictEqual(f.gpuSoftware, "gpu-operator");
    assert.strictEqual(f.gpuPools.length, 6);
    for (const p of f.gpuPools) {
      assert.strictEqual(p.labels[f.gpuNodeLabel.key], f.gpuNodeLabel.value);
      assert.strictEqual(p.labels[LABEL_ZONE], undefined);
      assert.ok(f.zones.includes(p.zone));
    }
    assert.deepStrictEqual(f.gpuPools.map((p) => p.zone).sort(), [...f.zones, ...f.zones].sort());
    // Every GPU pool, the priorities ConfigMap and the storage class are waited for.
    assert.strictEqual(f.readyResources.length, 8);
  });

  it("reports capacity rows per zone and pool, without each zone and without spot", () => {
    const cap = base.cap.outputs.capacity as ReturnType<typeof capacityReport>;
    const c = base.c;
    assert.strictEqual(cap.requiredGpus, 8);
    assert.strictEqual(cap.pools.length, 6);
    const names = new Set(pools(base.cap).map((p) => p.agentPoolName));
    for (const row of cap.pools) {
      assert.ok(names.has(row.name), `row ${row.name} names a declared pool`);
      assert.deepStrictEqual(row.instanceTypes, ["Standard_NC24ads_A100_v4"]);
      assert.strictEqual(row.gpusPerNode, 1);
    }
    // R = 8, Z = 3, f = 1, g = 1: 4 nodes per zone, 2 of them regular (onDemandFloor 0.5).
    assert.strictEqual(cap.nodesPerZone, 4);
    for (const z of c.zones) assert.ok(cap.withoutZone[z] >= c.capacity.requiredGpus, `survives losing zone ${z}`);
    assert.strictEqual(cap.withoutSpot, 6);
    assert.ok(cap.withoutSpot >= Math.ceil(c.capacity.onDemandFloor * c.capacity.requiredGpus));
  });

  it("declares regular pools only when spot is off", async () => {
    const r = await run({ gpuPool: { instanceTypes: ["Standard_ND96isr_H100_v5"], spot: false } });
    const ps = pools(r.cap);
    assert.strictEqual(ps.length, 3);
    assert.ok(ps.every((p) => p.scaleSetPriority === "Regular"));
    const cap = r.cap.outputs.capacity as { withoutSpot: number; pools: { gpusPerNode: number }[] };
    assert.ok(cap.pools.every((p) => p.gpusPerNode === 8));
    assert.ok(cap.withoutSpot >= 8);
  });
});
