import * as assert from "assert";
import { ConfigError, loadStackConfig } from "../../components/core/config";
import { isArmInstanceType } from "../../components/core/config/checks/aws";
import { stackConfig } from "./helpers";

function errorOf(overrides: Record<string, unknown>): string {
  try {
    loadStackConfig(stackConfig("eks-us-east-1", overrides), "eks-us-east-1");
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected ConfigError, got ${e}`);
    assert.ok(!e.message.includes("\n"), "one line");
    return e.message;
  }
  return assert.fail("expected a config error");
}

const pool = (p: Record<string, unknown>) => ({ gpuPool: { instanceTypes: ["g6e.2xlarge", "g6e.4xlarge"], ...p } });

describe("EKS config checks (one line each)", () => {
  it("accepts both bundled EKS stacks", () => {
    for (const s of ["eks-us-east-1", "eks-us-west-2"]) loadStackConfig(stackConfig(s), s);
  });

  const cases: [string, Record<string, unknown>, RegExp][] = [
    ["fewer than 2 zones", { zones: ["us-east-1a"] }, /^dynamo-ha:zones: need at least 2 distinct zones/],
    ["a zone outside the region", { zones: ["us-east-1a", "us-west-2a"] }, /^dynamo-ha:zones: "us-west-2a" is not an availability zone of us-east-1/],
    ["spot with one instance type", pool({ instanceTypes: ["g6e.2xlarge"] }), /^dynamo-ha:gpuPool.instanceTypes: spot node groups need at least 2 instance types/],
    ["spot types with different GPU counts", pool({ instanceTypes: ["g6e.2xlarge", "g6e.12xlarge"] }), /^dynamo-ha:gpuPool.instanceTypes: every type must have the same GPU count/],
    ["an unknown type without gpusPerNode", pool({ instanceTypes: ["x9.large", "g6e.2xlarge"] }), /^dynamo-ha:gpuPool.instanceTypes: "x9.large" is not in the built-in instance-type table; set dynamo-ha:gpuPool.gpusPerNode/],
    ["R ≤ 0", { capacity: { requiredGpus: 0 } }, /^dynamo-ha:capacity.requiredGpus: must be an integer from 1/],
    ["f ≥ Z", { capacity: { requiredGpus: 8, toleratedZoneFailures: 3 } }, /^dynamo-ha:capacity.toleratedZoneFailures: must be an integer from 0 to 2/],
    ["fallback of another GPU class", pool({ fallbackInstanceTypes: ["g5.2xlarge"] }), /^dynamo-ha:gpuPool.instanceTypes: spot and fallback types must share one GPU class/],
    ["ARM AMI with x86 types", pool({ amiType: "BOTTLEROCKET_ARM_64_NVIDIA" }), /^dynamo-ha:gpuPool.amiType: BOTTLEROCKET_ARM_64_NVIDIA needs Graviton/],
    ["public CIDRs on a private endpoint", { cluster: { publicAccessCidrs: ["203.0.113.0/24"] } }, /^dynamo-ha:cluster.publicAccessCidrs: only apply with cluster.endpointPublicAccess true/],
    ["a public endpoint open to everyone", { cluster: { endpointPublicAccess: true } }, /^dynamo-ha:cluster.publicAccessCidrs: a public endpoint needs the CIDRs/],
    [
      "an explicit 0.0.0.0/0 for the API server",
      { cluster: { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24", "0.0.0.0/0"] } },
      /^dynamo-ha:cluster.publicAccessCidrs: "0.0.0.0\/0" opens the API server to the whole internet; .*, got \["203.0.113.0\/24","0.0.0.0\/0"\]$/,
    ],
    ["an IPv6 ::/0 for the API server", { cluster: { endpointPublicAccess: true, publicAccessCidrs: ["::/0"] } }, /^dynamo-ha:cluster.publicAccessCidrs/],
    ["a bad admin principal", { cluster: { adminPrincipals: ["alice"] } }, /^dynamo-ha:cluster.adminPrincipals: EKS access entries take IAM role or user ARNs/],
    ["too few adopted subnets", { cluster: { existingSubnetIds: ["subnet-0a"] } }, /^dynamo-ha:cluster.existingSubnetIds: need at least one subnet per zone/],
    ["a VPC CIDR with host bits", { cluster: { vpcCidr: "10.40.1.0/16" } }, /^dynamo-ha:cluster.vpcCidr: must be an IPv4 network CIDR from \/16 to \/20/],
    ["a Kubernetes minor the autoscaler is not built for", { cluster: { kubernetesVersion: "1.30" } }, /^dynamo-ha:cluster.kubernetesVersion: must be 1.33/],
  ];
  for (const [what, overrides, message] of cases) {
    it(`rejects ${what}`, () => assert.match(errorOf(overrides), message));
  }

  it("accepts an unknown type with gpusPerNode and a public endpoint with CIDRs", () => {
    loadStackConfig(stackConfig("eks-us-east-1", { ...pool({ instanceTypes: ["x9.large", "x9.xlarge"], gpusPerNode: 2 }), cluster: { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] } }), "t");
  });

  it("tells Graviton GPU types from x86 ones", () => {
    assert.strictEqual(isArmInstanceType("g5g.xlarge"), true);
    for (const t of ["g5.xlarge", "g6e.2xlarge", "p4d.24xlarge", "p5en.48xlarge", "p6-b200.48xlarge"]) assert.strictEqual(isArmInstanceType(t), false, t);
  });
});
