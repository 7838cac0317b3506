import * as assert from "assert";
import { autoscalerValues, PRIORITY_EXPANDER_CONFIGMAP } from "../../components/aws/autoscaler-values";
import { CONTROL_PLANE_LOGS } from "../../components/aws/cluster";
import { resolveGpuShape, sizingInput } from "../../components/core/config/checks";
import { GPU_TAINT, LABEL_CAPACITY, LABEL_GPU_CLASS, LABEL_ZONE } from "../../components/core/labels";
import { sizeZones } from "../../components/core/sizing";
import { VERSIONS } from "../../components/core/versions";
import { parse as parseYaml } from "yaml";
import { kubernetesObjects, ResourceRecord } from "../../tools/plan/records";
import { captureRegion, regional, stackConfig, validateK8s } from "./helpers";

const NG = "aws:eks/nodeGroup:NodeGroup";
type Inputs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("EKS region under mocks (eks-us-east-1)", function () {
  this.timeout(60000);
  let res: ResourceRecord[];
  let outputs: Record<string, unknown>;
  const config = regional(stackConfig("eks-us-east-1"));
  const byType = (t: string) => res.filter((r) => r.type === t);
  const gpuGroups = () => byType(NG).filter((r) => String(r.inputs.nodeGroupNamePrefix).startsWith("gpu-"));

  before(async () => {
    const cap = await captureRegion();
    res = cap.resources;
    outputs = cap.outputs;
  });

  it("creates one GPU node group per zone per capacity type, each in its zone's subnet only", () => {
    const groups = gpuGroups();
    assert.strictEqual(groups.length, config.zones.length * 2);
    for (const zone of config.zones) {
      for (const ct of ["SPOT", "ON_DEMAND"]) {
        const g = groups.filter((r) => r.inputs.capacityType === ct && (r.inputs.labels as Inputs)[LABEL_ZONE] === zone);
        assert.strictEqual(g.length, 1, `${ct} in ${zone}`);
        const subnets = g[0].inputs.subnetIds as unknown[];
        assert.strictEqual(subnets.length, 1);
        const subnet = res.find((r) => r.type === "aws:ec2/subnet:Subnet" && r.inputs.availabilityZone === zone && r.name.includes("private"))!;
        // Property dependencies carry the engine's URN (full parent chain); compare by resource name.
        assert.deepStrictEqual(g[0].propertyDependencies.subnetIds.map((u) => u.split("::").pop()), [subnet.name]);
      }
    }
  });

  it("sets AMI, taint, labels and tags on every GPU group", () => {
    const shape = resolveGpuShape(config);
    for (const g of gpuGroups()) {
      const i = g.inputs as Inputs;
      const zone = i.labels[LABEL_ZONE];
      assert.strictEqual(i.amiType, "AL2023_x86_64_NVIDIA");
      assert.deepStrictEqual(i.taints, [{ key: GPU_TAINT.key, value: "true", effect: "NO_SCHEDULE" }]);
      assert.strictEqual(i.labels[LABEL_GPU_CLASS], shape.gpuClass);
      assert.strictEqual(i.labels[LABEL_CAPACITY], i.capacityType === "SPOT" ? "spot" : "on-demand");
      assert.strictEqual(i.labels["nvidia.com/gpu.present"], "true");
      assert.strictEqual(i.tags["dynamo-ha.io/zone"], zone);
      assert.strictEqual(i.tags["k8s.io/cluster-autoscaler/node-template/taint/nvidia.com/gpu"], "true:NoSchedule");
      assert.strictEqual(i.tags["k8s.io/cluster-autoscaler/node-template/resources/nvidia.com/gpu"], String(shape.gpus));
      assert.strictEqual(i.tags[`k8s.io/cluster-autoscaler/node-template/label/${LABEL_ZONE}`], zone);
      if (i.capacityType === "SPOT") {
        assert.deepStrictEqual(i.instanceTypes, config.gpuPool.instanceTypes);
        assert.ok(i.instanceTypes.length >= 2);
      } else assert.deepStrictEqual(i.instanceTypes, config.gpuPool.fallbackInstanceTypes);
      assert.deepStrictEqual(g.ignoreChanges, ["scalingConfig.desiredSize"]);
    }
  });

  it("takes scaling bounds from the zone-loss sizing function", () => {
    const sizing = sizeZones(sizingInput(config, resolveGpuShape(config)));
    const groups = gpuGroups();
    for (const p of sizing.pools) {
      const g = groups.find((r) => (r.inputs.labels as Inputs)[LABEL_ZONE] === p.zone && (r.inputs.labels as Inputs)[LABEL_CAPACITY] === p.capacityType)!;
      assert.deepStrictEqual(g.inputs.scalingConfig, { minSize: p.minNodes, desiredSize: p.minNodes, maxSize: p.maxNodes });
    }
  });

  it("names every node group by a prefix only, so a replacement is created before the old group is deleted", () => {
    const groups = byType(NG);
    assert.strictEqual(groups.length, config.zones.length * 2 + 1);
    for (const g of groups) {
      assert.strictEqual(g.inputs.nodeGroupName, undefined, g.name);
      assert.match(String(g.inputs.nodeGroupNamePrefix), /^[a-z0-9][a-z0-9-]*-$/, g.name);
      assert.ok(String(g.inputs.nodeGroupNamePrefix).length <= 37, "room for the 26-character suffix in 63");
    }
  });

  it("runs the system group on demand over every zone", () => {
    const sys = byType(NG).find((r) => r.inputs.nodeGroupNamePrefix === "system-")!;
    assert.strictEqual(sys.inputs.capacityType, "ON_DEMAND");
    assert.strictEqual((sys.inputs.subnetIds as unknown[]).length, config.zones.length);
    assert.ok(!("taints" in sys.inputs) || (sys.inputs.taints as unknown[]).length === 0);
  });

  it("sends every AWS resource through the region's explicit provider", () => {
    const provider = byType("pulumi:providers:aws");
    assert.strictEqual(provider.length, 1);
    assert.strictEqual(provider[0].inputs.region, "us-east-1");
    for (const r of res.filter((x) => x.type.startsWith("aws:"))) assert.ok(r.provider.startsWith(`${provider[0].urn}::`), `${r.urn} uses ${r.provider || "the default provider"}`);
    const kube = byType("pulumi:providers:kubernetes")[0];
    for (const r of res.filter((x) => x.type.startsWith("kubernetes:"))) assert.ok(r.provider.startsWith(`${kube.urn}::`), r.urn);
  });

  it("builds a private, KMS-encrypted, logged cluster with API authentication and a protected key", () => {
    const cluster = byType("aws:eks/cluster:Cluster")[0].inputs as Inputs;
    assert.strictEqual(cluster.vpcConfig.endpointPrivateAccess, true);
    assert.strictEqual(cluster.vpcConfig.endpointPublicAccess, false);
    assert.strictEqual(cluster.accessConfig.authenticationMode, "API");
    assert.deepStrictEqual(cluster.encryptionConfig.resources, ["secrets"]);
    assert.deepStrictEqual(cluster.enabledClusterLogTypes, [...CONTROL_PLANE_LOGS]);
    const key = byType("aws:kms/key:Key").find((k) => k.name.endsWith("-secrets"))!;
    assert.strictEqual(key.inputs.enableKeyRotation, true);
    assert.strictEqual(key.protect, true);
    // Deleting the cluster deletes every claim and bound volume with it.
    assert.strictEqual(byType("aws:eks/cluster:Cluster")[0].protect, true);
    assert.deepStrictEqual(byType("aws:eks/cluster:Cluster")[0].propertyDependencies.encryptionConfig.map((u) => u.split("::").pop()), [key.name]);
    assert.strictEqual(byType("aws:ec2/natGateway:NatGateway").length, config.zones.length);
  });

  it("attaches exactly the minimal managed policies and the autoscaler's custom policy", () => {
    const attached = byType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((r) => String(r.inputs.policyArn)).sort();
    assert.strictEqual(attached.filter((a) => a.startsWith("arn:aws:iam::aws:policy/")).length, 5);
    assert.deepStrictEqual(
      attached.filter((a) => a.startsWith("arn:")),
      [
        "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
        "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
        "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
        "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
        "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
      ],
    );
    const policies = byType("aws:iam/policy:Policy");
    assert.strictEqual(policies.length, 1);
    const doc = JSON.parse(policies[0].inputs.policy as string);
    const writes = doc.Statement.filter((s: Inputs) => [s.Action].flat().some((a: string) => !/:(Describe|Get)/.test(a)));
    assert.strictEqual(writes.length, 1);
    assert.deepStrictEqual(writes[0].Action, ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"]);
    assert.deepStrictEqual(writes[0].Condition, { StringEquals: { "aws:ResourceTag/k8s.io/cluster-autoscaler/dynamo-eks-us-east-1": "owned" } });
    const describeNg = doc.Statement.find((s: Inputs) => [s.Action].flat().includes("eks:DescribeNodegroup"));
    assert.strictEqual(describeNg.Resource, "arn:aws:eks:us-east-1:123456789012:nodegroup/dynamo-eks-us-east-1/*/*");
    const trusts = byType("aws:iam/role:Role").map((r) => JSON.parse(r.inputs.assumeRolePolicy as string).Statement[0].Principal.Service).sort();
    // Pod Identity: the autoscaler, the EBS CSI driver and the VPC CNI.
    assert.deepStrictEqual(trusts, ["ec2.amazonaws.com", "eks.amazonaws.com", "pods.eks.amazonaws.com", "pods.eks.amazonaws.com", "pods.eks.amazonaws.com"]);
  });

  it("installs the autoscaler with Pod Identity, balancing and the priority expander preferring spot", () => {
    const release = byType("kubernetes:helm.sh/v3:Release")[0].inputs as Inputs;
    assert.strictEqual(release.chart, VERSIONS.clusterAutoscaler.chart);
    assert.strictEqual(release.version, VERSIONS.clusterAutoscaler.version);
    assert.strictEqual(release.namespace, "kube-system");
    assert.strictEqual(release.values.extraArgs["balance-similar-node-groups"], true);
    assert.strictEqual(release.values.extraArgs.expander, "priority");
    assert.strictEqual(release.values.rbac.serviceAccount.name, "cluster-autoscaler");
    const assoc = byType("aws:eks/podIdentityAssociation:PodIdentityAssociation")[0].inputs;
    assert.deepStrictEqual([assoc.namespace, assoc.serviceAccount], ["kube-system", "cluster-autoscaler"]);
    assert.ok(byType("aws:eks/addon:Addon").some((a) => a.inputs.addonName === "eks-pod-identity-agent"));
    const cm = byType("kubernetes:core/v1:ConfigMap").find((r) => (r.inputs.metadata as Inputs).name === PRIORITY_EXPANDER_CONFIGMAP)!;
    assert.strictEqual((cm.inputs.metadata as Inputs).namespace, "kube-system");
    const priorities = parseYaml((cm.inputs.data as Inputs).priorities) as Record<string, string[]>;
    const prio = (name: string) => Math.max(...Object.entries(priorities).filter(([, rs]) => rs.some((r) => new RegExp(r).test(name))).map(([p]) => Number(p)));
    // EKS names a managed node group's Auto Scaling group eks-<nodeGroupName>-<uuid>, and the node
    // group name is the declared prefix plus a 26-character unique suffix.
    const asg = (prefix: string) => `eks-${prefix}20250611093000123400000001-0ec9a7b2-5f3d-4c1e-8a6b-2d9f1e7c4b30`;
    const prefixOf = (ct: string, zone: string) => String(byType(NG).find((r) => r.inputs.capacityType === ct && (r.inputs.labels as Inputs)[LABEL_ZONE] === zone)!.inputs.nodeGroupNamePrefix);
    const system = String(byType(NG).find((r) => !String(r.inputs.nodeGroupNamePrefix).startsWith("gpu-"))!.inputs.nodeGroupNamePrefix);
    for (const zone of config.zones) {
      assert.ok(prio(asg(prefixOf("SPOT", zone))) > prio(asg(prefixOf("ON_DEMAND", zone))), zone);
      assert.ok(prio(asg(prefixOf("ON_DEMAND", zone))) > prio(asg(system)), zone);
    }
  });

  it("creates the gp3 WaitForFirstConsumer class and the EBS CSI add-on with Pod Identity", () => {
    const sc = byType("kubernetes:storage.k8s.io/v1:StorageClass")[0].inputs as Inputs;
    assert.strictEqual(sc.volumeBindingMode, "WaitForFirstConsumer");
    assert.strictEqual(sc.parameters.type, "gp3");
    assert.strictEqual(sc.reclaimPolicy, "Retain");
    assert.strictEqual(outputs.blockStorageClass, sc.metadata.name);
    const ebs = byType("aws:eks/addon:Addon").find((a) => a.inputs.addonName === "aws-ebs-csi-driver")!;
    assert.strictEqual((ebs.inputs.podIdentityAssociations as Inputs[])[0].serviceAccount, "ebs-csi-controller-sa");
  });

  it("exports the kubeconfig as a secret and the provider's kubeconfig is secret too", async () => {
    // Outside preview the cluster's outputs resolve, so the kubeconfig is known and must come out hidden.
    const up = await captureRegion("eks-us-east-1", {}, false);
    assert.strictEqual(up.outputs.kubeconfig, "[secret]");
    assert.strictEqual(up.resources.find((r) => r.type === "pulumi:providers:kubernetes")!.inputs.kubeconfig, "[secret]");
    assert.strictEqual(outputs.clusterName, "dynamo-eks-us-east-1");
    assert.strictEqual(outputs.gpuSoftware, config.gpuPool.gpuSoftware);
  });

  it("every Kubernetes object it declares validates against kubernetes-models", async () => {
    const objects = kubernetesObjects(res);
    assert.deepStrictEqual(objects.map((o) => o.inputs.kind).sort(), ["ConfigMap", "StorageClass"]);
    for (const o of objects) await validateK8s(o.inputs);
  });

  it("pins the autoscaler values to the system nodes", () => {
    const v = autoscalerValues({ clusterName: "x", region: "us-east-1", systemNodeLabels: { a: "b" } }) as Inputs;
    assert.deepStrictEqual(v.nodeSelector, { a: "b" });
    assert.ok(v.replicaCount >= 2);
  });
});

describe("EKS region variants", function () {
  this.timeout(60000);

  it("adopts existing subnets: no VPC, groups get the subnets of their zone", async () => {
    const ids = ["subnet-0a", "subnet-0b", "subnet-0c", "subnet-1a"];
    // The bundled stack's edge needs the ALB's public subnets once subnets are adopted.
    const EDGE_OF_BUNDLED = JSON.parse(stackConfig("eks-us-east-1")["dynamo-ha:exposure"]);
    const cap = await captureRegion("eks-us-east-1", { cluster: { existingSubnetIds: ids }, exposure: { ...EDGE_OF_BUNDLED, edge: { ...EDGE_OF_BUNDLED.edge, aws: { ...EDGE_OF_BUNDLED.edge.aws, publicSubnetIds: ["subnet-0d", "subnet-0e"] } } } });
    assert.strictEqual(cap.resources.filter((r) => r.type === "aws:ec2/vpc:Vpc").length, 0);
    const g = cap.resources.filter((r) => r.type === NG && (r.inputs.labels as Inputs)?.[LABEL_ZONE] === "us-east-1a");
    assert.strictEqual(g.length, 2);
    for (const n of g) assert.deepStrictEqual(n.inputs.subnetIds, ["subnet-0a", "subnet-1a"]);
  });

  it("leaves the cluster unprotected only with storage.allowDataLoss", async () => {
    const cap = await captureRegion("eks-us-east-1", { storage: { backend: "object", replicateToRegion: "us-west-2", allowDataLoss: true } });
    const cluster = cap.resources.filter((r) => r.type === "aws:eks/cluster:Cluster");
    assert.strictEqual(cluster.length, 1);
    assert.strictEqual(cluster[0].protect, false);
    assert.strictEqual((cap.resources.find((r) => r.type === "kubernetes:storage.k8s.io/v1:StorageClass")!.inputs as Inputs).reclaimPolicy, "Delete");
  });

  it("Bottlerocket: the node image runs the device plugin, so nothing is installed", async () => {
    const cap = await captureRegion("eks-us-east-1", { gpuPool: { instanceTypes: ["g6e.2xlarge", "g6e.4xlarge"], amiType: "BOTTLEROCKET_x86_64_NVIDIA" } });
    assert.strictEqual(cap.outputs.gpuSoftware, "none");
    assert.ok(cap.resources.filter((r) => r.type === NG && String(r.inputs.nodeGroupNamePrefix).startsWith("gpu-")).every((r) => r.inputs.amiType === "BOTTLEROCKET_x86_64_NVIDIA"));
  });

  it("without spot: only on-demand groups, one per zone", async () => {
    const cap = await captureRegion("eks-us-east-1", { gpuPool: { instanceTypes: ["g6e.2xlarge"], spot: false } });
    const groups = cap.resources.filter((r) => r.type === NG && String(r.inputs.nodeGroupNamePrefix).startsWith("gpu-"));
    assert.strictEqual(groups.length, 3);
    assert.ok(groups.every((r) => r.inputs.capacityType === "ON_DEMAND"));
  });

  it("the DR peer stack builds in us-west-2 as secondary", async () => {
    const raw = stackConfig("eks-us-west-2");
    const c = regional(raw, "eks-us-west-2");
    assert.deepStrictEqual([c.dr.role, c.dr.peerStack, c.dr.priority], ["secondary", "eks-us-east-1", 2]);
    const cap = await captureRegion("eks-us-west-2");
    assert.strictEqual(cap.resources.find((r) => r.type === "pulumi:providers:aws")!.inputs.region, "us-west-2");
    assert.strictEqual(cap.capacity.pools.length, 6);
  });
});
