// EKS node and identity hardening: launch templates (IMDSv2, one hop, encrypted gp3) on every node
// group, and Pod Identity trust policies limited to one cluster's one service account.
import * as assert from "assert";
import { nodeLaunchTemplateArgs, nodeVolumes } from "../../components/aws/launch-template";
import { clusterRoleTrust, nodeRoleTrust, podIdentityTrust } from "../../components/aws/iam-policies";
import { ResourceRecord } from "../../tools/plan/records";
import { plannedStack } from "../support/plans";

const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const NG = "aws:eks/nodeGroup:NodeGroup";

describe("EKS hardening (pure)", () => {
  it("launch templates require IMDSv2 with one hop and set no AMI, instance type or user data", () => {
    const a = nodeLaunchTemplateArgs("AL2023_x86_64_NVIDIA", 200, { team: "x" }) as Record<string, unknown>;
    assert.deepStrictEqual(a.metadataOptions, { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" });
    for (const k of ["imageId", "instanceType", "userData"]) assert.ok(!(k in a), k);
  });

  it("root volumes are encrypted gp3 of the configured size; Bottlerocket sizes its data volume", () => {
    assert.deepStrictEqual(nodeVolumes("AL2023_x86_64_STANDARD", 20), [{ deviceName: "/dev/xvda", ebs: { volumeType: "gp3", encrypted: "true", deleteOnTermination: "true", volumeSize: 20 } }]);
    const br = nodeVolumes("BOTTLEROCKET_x86_64_NVIDIA", 300);
    assert.deepStrictEqual(br.map((m) => [m.deviceName, m.ebs.encrypted, m.ebs.volumeType, m.ebs.volumeSize]), [
      ["/dev/xvda", "true", "gp3", undefined],
      ["/dev/xvdb", "true", "gp3", 300],
    ]);
  });

  it("Pod Identity trust is limited to one cluster's service account; the cluster role to EKS for this cluster; the node role has no source key", () => {
    const t = podIdentityTrust({ clusterName: "c", clusterArn: "arn:aws:eks:us-east-1:123456789012:cluster/c", namespace: "kube-system", serviceAccount: "sa" }).Statement[0];
    assert.deepStrictEqual(t.Condition, {
      StringEquals: {
        "aws:RequestTag/eks-cluster-arn": "arn:aws:eks:us-east-1:123456789012:cluster/c",
        "aws:RequestTag/eks-cluster-name": "c",
        "aws:RequestTag/kubernetes-namespace": "kube-system",
        "aws:RequestTag/kubernetes-service-account": "sa",
      },
    });
    const cluster = clusterRoleTrust({ partition: "aws", region: "us-east-1", accountId: "123456789012", clusterName: "c" }).Statement[0];
    assert.deepStrictEqual(cluster.Condition, { ArnLike: { "aws:SourceArn": "arn:aws:eks:us-east-1:123456789012:cluster/c" }, StringEquals: { "aws:SourceAccount": "123456789012" } });
    assert.strictEqual(nodeRoleTrust().Statement[0].Condition, undefined);
  });
});

describe("EKS hardening (plans of the bundled EKS stacks)", function () {
  this.timeout(60000);

  for (const stack of ["eks-us-east-1", "eks-us-west-2"]) {
    it(`${stack}: every node group launches from a hardened template and keeps its AMI type, instance types and scaling`, async () => {
      const rs = (await plannedStack(stack)).resources;
      const templates = new Map(rs.filter((r) => r.type === LT).map((r) => [r.urn, r]));
      const groups = rs.filter((r) => r.type === NG);
      assert.ok(groups.length > 1 && templates.size > 0);
      for (const g of groups) {
        const ref = g.propertyDependencies.launchTemplate ?? [];
        const lt = ref.map((u) => templates.get(u)).find((x): x is ResourceRecord => x !== undefined);
        assert.ok(lt, `${g.name}: no launch template`);
        assert.deepStrictEqual((lt.inputs.metadataOptions as Record<string, unknown>).httpTokens, "required", g.name);
        assert.strictEqual((lt.inputs.metadataOptions as Record<string, unknown>).httpPutResponseHopLimit, 1, g.name);
        for (const m of lt.inputs.blockDeviceMappings as { ebs: Record<string, unknown> }[]) assert.deepStrictEqual([m.ebs.encrypted, m.ebs.volumeType], ["true", "gp3"], g.name);
        assert.ok(!("imageId" in lt.inputs) && !("instanceType" in lt.inputs), `${lt.name}: the node group chooses AMI and instance type`);
        // EKS refuses diskSize next to a launch template; AMI type and instance types stay on the group.
        assert.strictEqual(g.inputs.diskSize, undefined, g.name);
        assert.ok(typeof g.inputs.amiType === "string" && Array.isArray(g.inputs.instanceTypes), g.name);
      }
    });

    it(`${stack}: every Pod Identity role admits only its service account`, async () => {
      const rs = (await plannedStack(stack)).resources;
      const pods = rs.filter((r) => r.type === "aws:iam/role:Role" && String(r.inputs.assumeRolePolicy).includes("pods.eks.amazonaws.com"));
      assert.ok(pods.length >= 3, `${stack}: ${pods.length} Pod Identity roles`);
      for (const r of pods) {
        const st = JSON.parse(String(r.inputs.assumeRolePolicy)).Statement[0];
        const keys = Object.keys(st.Condition?.StringEquals ?? {}).sort();
        // The region's own roles pin the cluster ARN; the checkpoint store's role pins the cluster name.
        assert.deepStrictEqual(keys.filter((k) => k !== "aws:RequestTag/eks-cluster-arn"), ["aws:RequestTag/eks-cluster-name", "aws:RequestTag/kubernetes-namespace", "aws:RequestTag/kubernetes-service-account"], r.name);
      }
    });
  }
});
