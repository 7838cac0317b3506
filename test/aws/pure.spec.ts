import * as assert from "assert";
import fc from "fast-check";
import { prioritiesYaml, priorityExpanderConfigMap } from "../../components/aws/autoscaler-values";
import { planGpuPools } from "../../components/aws/gpu-pools";
import { clusterAutoscalerPolicy, podIdentityTrust } from "../../components/aws/iam-policies";
import { eksKubeconfig } from "../../components/aws/kubeconfig";
import { asgNamePattern, gpuNodeGroupPrefix, labelValue, MAX_NODE_GROUP_PREFIX_LENGTH } from "../../components/aws/naming";
import { subnetsByZone } from "../../components/aws/network";
import { gp3StorageClass } from "../../components/aws/storage-class";
import { planSubnets } from "../../components/aws/subnet-plan";
import { parse as parseYaml } from "yaml";
import { regional, stackConfig, validateK8s } from "./helpers";

const ipOf = (cidr: string) => cidr.split("/")[0].split(".").reduce((a, o) => a * 256 + Number(o), 0);
const sizeOf = (cidr: string) => 2 ** (32 - Number(cidr.split("/")[1]));

describe("EKS pure builders", () => {
  it("carves non-overlapping subnets inside the VPC for any prefix /16–/20 and up to 7 zones", () => {
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 20 }), fc.integer({ min: 2, max: 7 }), fc.integer({ min: 0, max: 255 }), (prefix, z, second) => {
        const base = (10 * 256 + (second & (0xff << (24 - prefix > 8 ? 0 : 24 - prefix)))) * 65536;
        const vpc = `10.${Math.floor(base / 65536) % 256}.0.0/${prefix}`;
        const zones = Array.from({ length: z }, (_, i) => `us-east-1${"abcdefg"[i]}`);
        const plan = planSubnets(vpc, zones);
        const ranges = plan.flatMap((s) => [s.privateCidr, s.publicCidr]).map((c) => [ipOf(c), ipOf(c) + sizeOf(c)] as const);
        const lo = ipOf(vpc);
        const hi = lo + sizeOf(vpc);
        for (const [a, b] of ranges) assert.ok(a >= lo && b <= hi);
        const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
        for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i][0] >= sorted[i - 1][1], "overlap");
      }),
    );
    assert.deepStrictEqual(planSubnets("10.40.0.0/16", ["a", "b"])[1], { zone: "b", privateCidr: "10.40.32.0/19", publicCidr: "10.40.228.0/22" });
  });

  it("maps adopted subnets to zones and names a zone without one", () => {
    assert.deepStrictEqual(subnetsByZone([{ id: "s1", availabilityZone: "a" }, { id: "s2", availabilityZone: "b" }, { id: "s3", availabilityZone: "a" }], ["a", "b"]), { a: ["s1", "s3"], b: ["s2"] });
    assert.throws(() => subnetsByZone([{ id: "s1", availabilityZone: "a" }], ["a", "b"]), /no subnet in zone b/);
    assert.throws(() => subnetsByZone([{ id: "s1", availabilityZone: "c" }], ["a", "b"]), /s1 is in c, not one of the zones/);
  });

  it("names node groups so the priority patterns match their Auto Scaling groups", () => {
    assert.strictEqual(gpuNodeGroupPrefix("us-east-1a", "spot"), "gpu-spot-us-east-1a-");
    // Node group: prefix + 26-character unique suffix; its Auto Scaling group: eks-<node group>-<uuid>.
    const asg = (prefix: string) => `eks-${prefix}20250611093000123400000001-0ec9a7b2-5f3d-4c1e-8a6b-2d9f1e7c4b30`;
    assert.ok(new RegExp(asgNamePattern("spot")).test(asg(gpuNodeGroupPrefix("us-east-1a", "spot"))));
    assert.ok(!new RegExp(asgNamePattern("spot")).test(asg(gpuNodeGroupPrefix("us-east-1a", "on-demand"))));
    assert.ok(new RegExp(asgNamePattern("on-demand")).test(asg(gpuNodeGroupPrefix("us-east-1a", "on-demand"))));
    assert.ok(!new RegExp(asgNamePattern("on-demand")).test(asg("system-")));
    // The longest region names still leave room for the suffix within EKS's 63 characters.
    assert.ok(gpuNodeGroupPrefix("ap-southeast-5a", "on-demand").length <= MAX_NODE_GROUP_PREFIX_LENGTH);
    assert.strictEqual(labelValue("custom:x9.large"), "custom-x9.large");
  });

  it("capacity rows carry the real node group names and the sizing bounds", () => {
    const plan = planGpuPools(regional(stackConfig("eks-us-east-1")), "dynamo-eks-us-east-1");
    assert.deepStrictEqual(plan.capacity.pools.map((p) => p.name), plan.groups.map((g) => g.namePrefix));
    for (const g of plan.groups) {
      const row = plan.capacity.pools.find((p) => p.name === g.namePrefix)!;
      assert.deepStrictEqual([row.minNodes, row.maxNodes, row.zone], [g.minNodes, g.maxNodes, g.zone]);
    }
    assert.ok(plan.capacity.withoutSpot >= Math.ceil(0.5 * plan.capacity.requiredGpus));
    for (const gpus of Object.values(plan.capacity.withoutZone)) assert.ok(gpus >= plan.capacity.requiredGpus);
  });

  it("the autoscaler policy scopes writes to the cluster's tag; trust policies name one service", () => {
    const doc = clusterAutoscalerPolicy({ partition: "aws", region: "us-east-1", accountId: "1", clusterName: "c" });
    const star = doc.Statement.filter((s) => s.Resource === "*" && !s.Condition);
    for (const s of star) for (const a of [s.Action].flat()) assert.match(a, /:(Describe|Get)/);
    assert.deepStrictEqual(podIdentityTrust({ clusterName: "c", namespace: "n", serviceAccount: "s" }).Statement[0].Action, ["sts:AssumeRole", "sts:TagSession"]);
  });

  it("the kubeconfig execs `aws eks get-token` and embeds no credential", () => {
    const k = JSON.parse(eksKubeconfig({ clusterName: "c", endpoint: "https://x", certificateAuthority: "Q0E=", region: "us-east-1" }));
    assert.strictEqual(k.users[0].user.exec.command, "aws");
    assert.deepStrictEqual(k.users[0].user.exec.args.slice(0, 4), ["eks", "get-token", "--cluster-name", "c"]);
    assert.ok(!("token" in k.users[0].user));
  });

  it("the priorities YAML parses to descending priorities of regex lists", () => {
    const p = parseYaml(prioritiesYaml()) as Record<string, string[]>;
    assert.deepStrictEqual(Object.keys(p).map(Number).sort((a, b) => b - a), [50, 20, 1]);
    for (const list of Object.values(p)) for (const r of list) new RegExp(r);
  });

  it("emitted Kubernetes objects validate against kubernetes-models", async () => {
    for (const o of [priorityExpanderConfigMap(), gp3StorageClass(false), gp3StorageClass(true)]) await validateK8s(o);
    await assert.rejects(validateK8s({ ...gp3StorageClass(false), provisioner: 7 }));
  });
});
