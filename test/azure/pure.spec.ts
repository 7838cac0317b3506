import * as assert from "assert";
import fc from "fast-check";
import { priorityExpanderPriorities } from "../../components/azure/autoscaler-priority";
import { apiServerAccess, AUTOSCALER_PROFILE, systemPool } from "../../components/azure/cluster-profiles";
import { decodeKubeconfig } from "../../components/azure/kube-provider";
import { gpuDriverMode, labelValue, planGpuPools } from "../../components/azure/gpu-pool-plan";
import { AGENT_POOL_NAME_PATTERN, agentPoolName, nodeSubnetCidr, topologyZone } from "../../components/azure/naming";
import { premiumDiskStorageClass } from "../../components/azure/storage-class";
import { AKS_DNS_SERVICE_IP, AKS_POD_CIDR, AKS_SERVICE_CIDR, cidrsOverlap } from "../../components/core/config/checks/azure";
import { parse } from "yaml";
import { aksConfig, clusterWith, gpuPool, validateK8s } from "./fixtures";

describe("AKS pure builders", () => {
  it("names agent pools within AKS's 12 lowercase alphanumerics, distinct per zone and priority", () => {
    const names = new Set<string>();
    for (const zone of ["1", "2", "3"]) {
      for (const t of ["spot", "on-demand"] as const) {
        const n = agentPoolName(t, zone);
        assert.match(n, AGENT_POOL_NAME_PATTERN);
        names.add(n);
      }
    }
    assert.strictEqual(names.size, 6);
    assert.strictEqual(topologyZone("eastus2", "2"), "eastus2-2");
    assert.strictEqual(nodeSubnetCidr("10.40.0.0/16"), "10.40.0.0/17");
  });

  it("plans pools whose bounds survive the loss of any zone, for random requirements", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.constantFrom("Standard_NC24ads_A100_v4", "Standard_ND96isr_H100_v5", "Standard_NC80adis_H100_v5"), fc.boolean(), (r, vm, spot) => {
        const c = aksConfig({ capacity: { requiredGpus: r }, gpuPool: { instanceTypes: [vm], spot } });
        const plan = planGpuPools(c);
        assert.strictEqual(plan.pools.length, c.zones.length * (spot ? 2 : 1));
        for (const lost of c.zones) {
          const left = plan.pools.filter((p) => p.zone !== lost).reduce((s, p) => s + p.minCount * p.gpusPerNode, 0);
          assert.ok(left >= r, `R=${r} ${vm}: ${left} GPUs without zone ${lost}`);
          assert.strictEqual(plan.capacity.withoutZone[lost], left);
        }
        for (const p of plan.pools) assert.ok(p.maxCount >= p.minCount && p.minCount >= 0);
      }),
      { numRuns: 30 },
    );
  });

  it("chooses the driver owner from gpuSoftware unless azureGpuDriver says otherwise", () => {
    assert.strictEqual(gpuDriverMode(aksConfig()), "None");
    assert.strictEqual(gpuDriverMode(aksConfig({ gpuPool: gpuPool({ azureGpuDriver: "aks" }) })), "Install");
    assert.strictEqual(gpuDriverMode(aksConfig({ gpuPool: gpuPool({ gpuSoftware: "device-plugin", azureGpuDriver: undefined }) })), "Install");
    assert.strictEqual(gpuDriverMode(aksConfig({ gpuPool: gpuPool({ azureGpuDriver: undefined }) })), "None");
  });

  it("keeps GPU class label values valid for custom VM sizes", () => {
    assert.strictEqual(labelValue("custom:Standard_NX_v9"), "custom-Standard_NX_v9");
    const plan = planGpuPools(aksConfig({ gpuPool: { instanceTypes: ["Standard_NX_v9"], gpusPerNode: 2 } }));
    for (const p of plan.pools) assert.match(p.nodeLabels["dynamo-ha.io/gpu-class"], /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/);
  });

  it("builds a regular, zone-spanning System pool that is never spot", () => {
    const s = systemPool(aksConfig({ cluster: clusterWith({ systemNodesPerZone: 2 }) }));
    assert.strictEqual(s.mode, "System");
    assert.strictEqual(s.scaleSetPriority, "Regular");
    assert.deepStrictEqual(s.availabilityZones, ["1", "2", "3"]);
    assert.strictEqual(s.minCount, 6);
    assert.strictEqual(AUTOSCALER_PROFILE.expander, "priority");
    assert.strictEqual(AUTOSCALER_PROFILE.balanceSimilarNodeGroups, "true");
    assert.deepStrictEqual(apiServerAccess(aksConfig()), { enablePrivateCluster: true });
  });

  it("ranks spot node groups above regular ones, and those above the rest", () => {
    const doc = parse(priorityExpanderPriorities()) as Record<string, string[]>;
    const rank = (vmss: string) => Math.max(...Object.entries(doc).filter(([, res]) => res.some((re) => new RegExp(`^${re}$`).test(vmss))).map(([p]) => Number(p)));
    assert.ok(rank("aks-gpuspot3-31415926-vmss") > rank("aks-gpureg3-31415926-vmss"));
    assert.ok(rank("aks-gpureg3-31415926-vmss") > rank("aks-system-31415926-vmss"));
  });

  it("decodes the base64 kubeconfig AKS returns", () => {
    assert.strictEqual(decodeKubeconfig({ kubeconfigs: [{ value: Buffer.from("apiVersion: v1\n").toString("base64") }] }), "apiVersion: v1\n");
    assert.throws(() => decodeKubeconfig({ kubeconfigs: [] }), /no user kubeconfig/);
  });

  it("builds a zonal Premium SSD class that retains disks unless data loss is allowed, valid for Kubernetes", async () => {
    for (const allow of [false, true]) {
      for (const sku of ["Premium_LRS", "Premium_ZRS"] as const) {
        const sc = premiumDiskStorageClass(allow, sku);
        assert.strictEqual(sc.reclaimPolicy, allow ? "Delete" : "Retain");
        assert.strictEqual(sc.parameters.skuName, sku);
        assert.strictEqual(sc.provisioner, "disk.csi.azure.com");
        assert.strictEqual(sc.volumeBindingMode, "WaitForFirstConsumer");
        await validateK8s(sc);
      }
    }
    assert.strictEqual(premiumDiskStorageClass(false).parameters.skuName, "Premium_LRS");
  });

  it("detects CIDR overlap exactly: symmetric, true for nested ranges, false for disjoint ones", () => {
    const cidr = fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 8, max: 30 })).map(([ip, bits]) => {
      const size = 2 ** (32 - bits);
      const base = ip - (ip % size);
      return { text: `${[24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256).join(".")}/${bits}`, lo: base, hi: base + size };
    });
    fc.assert(
      fc.property(cidr, cidr, (a, b) => {
        assert.strictEqual(cidrsOverlap(a.text, b.text), a.lo < b.hi && b.lo < a.hi);
        assert.strictEqual(cidrsOverlap(a.text, b.text), cidrsOverlap(b.text, a.text));
        assert.ok(cidrsOverlap(a.text, a.text));
      }),
    );
    assert.ok(!cidrsOverlap(AKS_POD_CIDR, AKS_SERVICE_CIDR));
    assert.ok(cidrsOverlap(AKS_SERVICE_CIDR, `${AKS_DNS_SERVICE_IP}/32`), "the DNS service address lies in the service range");
    assert.ok(!cidrsOverlap("10.40.0.0/16", AKS_POD_CIDR) && !cidrsOverlap("10.40.0.0/16", AKS_SERVICE_CIDR), "the default VNet is clear of both");
  });
});
