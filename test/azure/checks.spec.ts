import * as assert from "assert";
import { ConfigError, loadStackConfig } from "../../components/core/config";
import { loadStackFile } from "../../tools/plan/stack-file";
import { AKS_STACK, aksRaw, clusterWith, gpuPool } from "./fixtures";

function errorOf(overrides: Record<string, unknown>): string {
  try {
    loadStackConfig(aksRaw(overrides), AKS_STACK);
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected ConfigError, got ${e}`);
    assert.ok(!e.message.includes("\n"), "one line");
    return e.message;
  }
  assert.fail("expected a config error");
}

describe("AKS config checks (one-line errors before anything registers)", () => {
  it("accepts both bundled AKS stacks", () => {
    for (const stack of ["aks-eastus2", "aks-westus3"]) {
      const c = loadStackConfig(loadStackFile(stack).config, stack);
      assert.ok(c.kind === "regional" && c.cloud === "azure");
    }
    const west = loadStackConfig(loadStackFile("aks-westus3").config, "aks-westus3");
    assert.ok(west.kind === "regional" && west.dr.role === "secondary" && west.dr.peerStack === "aks-eastus2" && west.dr.priority === 2);
  });

  it("refuses zones outside 1–3 and fewer than 2 zones", () => {
    assert.match(errorOf({ zones: ["1", "4"] }), /^dynamo-ha:zones: Azure zones are "1", "2" or "3", got \["1","4"\]$/);
    assert.match(errorOf({ zones: ["eastus2-1", "eastus2-2"] }), /^dynamo-ha:zones: /);
    assert.match(errorOf({ zones: ["1"] }), /^dynamo-ha:zones: need at least 2 distinct zones/);
  });

  it("refuses an unknown VM size without gpusPerNode, and accepts it with", () => {
    assert.match(errorOf({ gpuPool: { instanceTypes: ["Standard_NX_v9"] } }), /^dynamo-ha:gpuPool.instanceTypes: "Standard_NX_v9" is not in the built-in VM-size table; set dynamo-ha:gpuPool.gpusPerNode/);
    assert.doesNotThrow(() => loadStackConfig(aksRaw({ gpuPool: { instanceTypes: ["Standard_NX_v9"], gpusPerNode: 4 } }), AKS_STACK));
  });

  it("refuses spot without a regular fallback while requireFallback is on", () => {
    assert.match(errorOf({ gpuPool: gpuPool({ fallbackInstanceTypes: [] }) }), /^dynamo-ha:gpuPool.fallbackInstanceTypes: spot pools need a regular fallback VM size while gpuPool.requireFallback is true, got \[\]$/);
    assert.doesNotThrow(() => loadStackConfig(aksRaw({ gpuPool: gpuPool({ fallbackInstanceTypes: [], spot: false }) }), AKS_STACK));
  });

  it("refuses a fallback of another GPU class while requireFallback is on", () => {
    const msg = errorOf({ gpuPool: gpuPool({ fallbackInstanceTypes: ["Standard_NC40ads_H100_v5"] }) });
    assert.match(msg, /^dynamo-ha:gpuPool.fallbackInstanceTypes: the regular fallback must have the spot VM size's GPU class/);
    assert.doesNotThrow(() => loadStackConfig(aksRaw({ gpuPool: gpuPool({ fallbackInstanceTypes: ["Standard_NC40ads_H100_v5"], requireFallback: false }) }), AKS_STACK));
  });

  it("refuses GPU Operator drivers without the GPU Operator", () => {
    assert.match(errorOf({ gpuPool: gpuPool({ gpuSoftware: "device-plugin", azureGpuDriver: "gpu-operator" }) }), /^dynamo-ha:gpuPool.azureGpuDriver: "gpu-operator" needs gpuPool.gpuSoftware "gpu-operator"/);
  });

  it("refuses location names ARM does not use, bad cluster names, adopted AWS subnets and tiny networks", () => {
    assert.match(errorOf({ region: "East US 2" }), /^dynamo-ha:region: an Azure location name/);
    assert.match(errorOf({ cluster: clusterWith({ name: "-bad-" }) }), /^dynamo-ha:cluster.name: an AKS name/);
    assert.match(errorOf({ cluster: clusterWith({ existingSubnetIds: ["subnet-0abc"] }) }), /^dynamo-ha:cluster.existingSubnetIds: AWS only/);
    assert.match(errorOf({ cluster: clusterWith({ vpcCidr: "10.0.0.0/27" }) }), /^dynamo-ha:cluster.vpcCidr: a prefix from \/8 to \/24/);
  });

  it("refuses a public API server without authorized ranges, and ranges on a private one", () => {
    assert.match(errorOf({ cluster: clusterWith({ endpointPublicAccess: true }) }), /^dynamo-ha:cluster.publicAccessCidrs: a public API server needs the CIDRs allowed to reach it .*, got \[\]$/);
    assert.match(errorOf({ cluster: clusterWith({ publicAccessCidrs: ["203.0.113.0/24"] }) }), /^dynamo-ha:cluster.publicAccessCidrs: only apply with cluster.endpointPublicAccess true/);
    assert.match(errorOf({ cluster: clusterWith({ endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.7/24"] }) }), /^dynamo-ha:cluster.publicAccessCidrs: "203.0.113.7\/24" is not an IPv4 network CIDR/);
    assert.match(errorOf({ cluster: clusterWith({ endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] }) }), /^dynamo-ha:cluster.publicAccessCidrs: "0.0.0.0\/0" opens the API server to the whole internet; .*, got \["0.0.0.0\/0"\]$/);
    assert.throws(() => loadStackConfig(aksRaw({ cluster: clusterWith({ endpointPublicAccess: true, publicAccessCidrs: ["::/0"] }) }), AKS_STACK), /^Error: dynamo-ha:cluster.publicAccessCidrs|dynamo-ha:cluster.publicAccessCidrs/);
    assert.doesNotThrow(() => loadStackConfig(aksRaw({ cluster: clusterWith({ endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] }) }), AKS_STACK));
  });

  it("takes admin principals as Entra object IDs only", () => {
    const arn = "arn:aws:iam::123456789012:role/admin";
    assert.match(errorOf({ cluster: clusterWith({ adminPrincipals: [arn] }) }), /^dynamo-ha:cluster.adminPrincipals: AKS admin groups take Entra ID object IDs .*"arn:aws:iam::123456789012:role\/admin" is not one/);
    assert.match(errorOf({ cluster: clusterWith({ adminPrincipals: ["platform-admins"] }) }), /^dynamo-ha:cluster.adminPrincipals: /);
    const c = loadStackConfig(aksRaw({ cluster: clusterWith({ adminPrincipals: ["8D0F3B5E-1C2A-4E7B-9F60-3A4B5C6D7E8F", "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9"] }) }), AKS_STACK);
    assert.ok(c.kind === "regional" && c.cluster.adminPrincipals.length === 2);
  });

  it("needs an admin group, and refuses a standing deployer grant in prod", () => {
    assert.match(
      errorOf({ cluster: clusterWith({ adminPrincipals: [] }) }),
      /^dynamo-ha:cluster.adminPrincipals: AKS has local accounts disabled, so name at least one Entra ID admin group with the deploying identity in it .*, got \[\]$/,
    );
    assert.match(
      errorOf({ cluster: clusterWith({ azure: { deployerClusterAdmin: true } }) }),
      /^dynamo-ha:cluster.azure.deployerClusterAdmin: no standing cluster-admin grant in prod; .*docs\/operations.md.*, got true$/,
    );
    // Without groups, in prod, the missing group is the error named (the grant would be refused too).
    assert.match(errorOf({ cluster: clusterWith({ adminPrincipals: [], azure: { deployerClusterAdmin: true } }) }), /^dynamo-ha:cluster.azure.deployerClusterAdmin: /);
    assert.match(errorOf({ env: "dev", cluster: clusterWith({ adminPrincipals: [] }) }), /^dynamo-ha:cluster.adminPrincipals: /);
    const dev = loadStackConfig(aksRaw({ env: "dev", cluster: clusterWith({ adminPrincipals: [], azure: { deployerClusterAdmin: true } }) }), AKS_STACK);
    assert.ok(dev.kind === "regional" && dev.cluster.azure.deployerClusterAdmin);
    assert.match(errorOf({ cluster: clusterWith({ azure: { deployerClusterAdmin: "yes" } }) }), /^dynamo-ha:cluster.azure.deployerClusterAdmin: /);
  });

  it("keeps logs 30 to 730 days, the range of a Log Analytics workspace", () => {
    assert.match(errorOf({ cluster: clusterWith({ logRetentionDays: 7 }) }), /^dynamo-ha:cluster.logRetentionDays: the AKS Log Analytics workspace keeps logs 30 to 730 days, got 7$/);
    assert.match(errorOf({ cluster: clusterWith({ logRetentionDays: 731 }) }), /^dynamo-ha:cluster.logRetentionDays: .* got 731$/);
    for (const ok of [30, 90, 730]) assert.doesNotThrow(() => loadStackConfig(aksRaw({ cluster: clusterWith({ logRetentionDays: ok }) }), AKS_STACK), String(ok));
  });

  it("refuses a virtual network overlapping the cluster's pod or service range", () => {
    assert.match(errorOf({ cluster: clusterWith({ vpcCidr: "192.168.0.0/20" }) }), /^dynamo-ha:cluster.vpcCidr: must not overlap the cluster's pod range 192.168.0.0\/16 .*, got "192.168.0.0\/20"$/);
    assert.match(errorOf({ cluster: clusterWith({ vpcCidr: "172.16.0.0/12" }) }), /^dynamo-ha:cluster.vpcCidr: must not overlap the cluster's service range 172.16.0.0\/16/);
    assert.match(errorOf({ cluster: clusterWith({ vpcCidr: "172.0.0.0/8" }) }), /^dynamo-ha:cluster.vpcCidr: must not overlap the cluster's service range/);
    for (const ok of ["10.40.0.0/16", "172.17.0.0/16", "192.169.0.0/16", "172.15.0.0/16"]) {
      assert.doesNotThrow(() => loadStackConfig(aksRaw({ cluster: clusterWith({ vpcCidr: ok }) }), AKS_STACK), ok);
    }
  });
});
