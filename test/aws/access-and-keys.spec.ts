// EKS access without a standing implicit admin, the VPC CNI on its own Pod Identity role, and explicit
// KMS key policies: the pure documents, the config rules, and the plans of the bundled EKS stacks.
import * as assert from "assert";
import { CLUSTER_ADMIN_POLICY, deployerFromCaller } from "../../components/aws/cluster-access";
import { MANAGED_POLICIES } from "../../components/aws/iam-policies";
import { logGroupKeyPolicy, logsServicePrincipal, secretsKeyPolicy } from "../../components/aws/kms-policies";
import { ResourceRecord } from "../../tools/plan/records";
import { plannedStack } from "../support/plans";
import { regional, stackConfig } from "./helpers";

const ACCOUNT = "123456789012";
const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/dynamo-ha-deployer`;
type Doc = { Statement: { Sid?: string; Principal?: Record<string, string>; Action: string | string[]; Condition?: Record<string, Record<string, string>> }[] };

describe("EKS access and keys (pure)", () => {
  it("the node role carries no CNI policy; the VPC CNI's role carries only it", () => {
    assert.ok(!MANAGED_POLICIES.node.some((p) => p.includes("CNI")), MANAGED_POLICIES.node.join());
    assert.deepStrictEqual([...MANAGED_POLICIES.vpcCni], ["AmazonEKS_CNI_Policy"]);
  });

  it("the secrets key: the account administers it through IAM, the cluster role may only encrypt, decrypt and describe", () => {
    const doc = secretsKeyPolicy({ partition: "aws", accountId: ACCOUNT, clusterRoleArn: "arn:aws:iam::123456789012:role/c" });
    assert.deepStrictEqual(doc.Statement[0].Principal, { AWS: `arn:aws:iam::${ACCOUNT}:root` });
    assert.deepStrictEqual(doc.Statement.slice(1), [
      { Sid: "ClusterRoleEnvelopeEncryption", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/c" }, Action: ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey"], Resource: "*" },
    ]);
  });

  it("the log group key: CloudWatch Logs of the region, only for the one log group's encryption context", () => {
    const doc = logGroupKeyPolicy({ partition: "aws", accountId: ACCOUNT, region: "us-west-2", logGroupName: "/aws/eks/c/cluster" });
    const logs = doc.Statement.filter((s) => s.Principal && "Service" in s.Principal);
    assert.strictEqual(logs.length, 1);
    assert.deepStrictEqual(logs[0].Principal, { Service: "logs.us-west-2.amazonaws.com" });
    assert.deepStrictEqual(logs[0].Condition, { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:us-west-2:${ACCOUNT}:log-group:/aws/eks/c/cluster` } });
    assert.ok(![logs[0].Action].flat().some((a) => /^kms:(\*|Create|Put|Schedule|Disable)/.test(a)), String(logs[0].Action));
    assert.strictEqual(logsServicePrincipal("aws-cn", "cn-north-1"), "logs.cn-north-1.amazonaws.com.cn");
  });

  it("the deployer defaults to the deploying identity: a user as is, a session's role at path /; others are refused in one line", () => {
    assert.strictEqual(deployerFromCaller(`arn:aws:iam::${ACCOUNT}:user/ci`), `arn:aws:iam::${ACCOUNT}:user/ci`);
    assert.strictEqual(deployerFromCaller(`arn:aws:sts::${ACCOUNT}:assumed-role/deployer/session-1`), `arn:aws:iam::${ACCOUNT}:role/deployer`);
    assert.strictEqual(deployerFromCaller(`arn:aws-us-gov:sts::${ACCOUNT}:assumed-role/d/s`), `arn:aws-us-gov:iam::${ACCOUNT}:role/d`);
    for (const arn of [`arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice`, `arn:aws:iam::${ACCOUNT}:root`, `arn:aws:sts::${ACCOUNT}:federated-user/bob`]) {
      assert.throws(
        () => deployerFromCaller(arn),
        (e: Error) => /^dynamo-ha:cluster\.aws\.deployerRoleArn: set the IAM role ARN/.test(e.message) && e.message.includes(arn) && !e.message.includes("\n"),
        arn,
      );
    }
  });
});

describe("EKS access config rules", () => {
  const load = (cluster: object) => () => regional(stackConfig("eks-us-east-1", { cluster: { vpcCidr: "10.40.0.0/16", ...cluster } }));

  it("takes an IAM role ARN as deployer, and nothing else", () => {
    assert.strictEqual(load({ aws: { deployerRoleArn: `arn:aws:iam::${ACCOUNT}:role/ci/deployer` } })().cluster.aws.deployerRoleArn, `arn:aws:iam::${ACCOUNT}:role/ci/deployer`);
    for (const bad of [`arn:aws:iam::${ACCOUNT}:user/ci`, `arn:aws:sts::${ACCOUNT}:assumed-role/d/s`, "deployer", `arn:aws:iam::1234:role/d`]) {
      assert.throws(load({ aws: { deployerRoleArn: bad } }), /^ConfigError: dynamo-ha:cluster\.aws\.deployerRoleArn: must be an IAM role ARN like/, bad);
    }
    assert.throws(load({ aws: { deployerArn: DEPLOYER } }), /dynamo-ha:cluster\.aws\.deployerArn: unknown key \(allowed: deployerRoleArn\)/);
  });

  it("gives each principal one access entry", () => {
    assert.throws(load({ aws: { deployerRoleArn: DEPLOYER }, adminPrincipals: [DEPLOYER] }), /^ConfigError: dynamo-ha:cluster\.aws\.deployerRoleArn: already gets cluster-admin as the deployer/);
    const admin = `arn:aws:iam::${ACCOUNT}:role/admin`;
    assert.throws(load({ adminPrincipals: [admin, admin] }), /^ConfigError: dynamo-ha:cluster\.adminPrincipals: each principal gets one access entry; "arn:aws:iam::123456789012:role\/admin" is listed twice/);
  });
});

describe("EKS access and keys (plans of the bundled EKS stacks)", function () {
  this.timeout(60000);

  for (const stack of ["eks-us-east-1", "eks-us-west-2"]) {
    const region = stack.replace(/^eks-/, "");
    const clusterName = `dynamo-${stack}`;
    const clusterArn = `arn:aws:eks:${region}:${ACCOUNT}:cluster/${clusterName}`;
    let rs: ResourceRecord[];
    const byType = (t: string) => rs.filter((r) => r.type === t);
    const byUrn = (u: string) => rs.find((r) => r.urn === u)!;
    const trust = (r: ResourceRecord) => JSON.parse(String(r.inputs.assumeRolePolicy)) as Doc;
    before(async () => {
      rs = (await plannedStack(stack)).resources;
    });

    it(`${stack}: no implicit creator admin; the configured deployer is the one admin entry, cluster-scoped, and the Kubernetes provider waits for it`, () => {
      const cluster = byType("aws:eks/cluster:Cluster")[0];
      assert.deepStrictEqual(cluster.inputs.accessConfig, { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false });
      // Changing the flag would replace an existing cluster; it is ignored after creation.
      assert.deepStrictEqual(cluster.ignoreChanges, ["accessConfig.bootstrapClusterCreatorAdminPermissions"]);
      const entries = byType("aws:eks/accessEntry:AccessEntry");
      assert.deepStrictEqual(entries.map((e) => [e.inputs.principalArn, e.inputs.type]), [[DEPLOYER, "STANDARD"]]);
      const assoc = byType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation");
      assert.strictEqual(assoc.length, 1);
      assert.deepStrictEqual(assoc[0].inputs.accessScope, { type: "cluster" });
      assert.strictEqual(assoc[0].inputs.policyArn, `arn:aws:eks::aws:cluster-access-policy/${CLUSTER_ADMIN_POLICY}`);
      const kube = byType("pulumi:providers:kubernetes")[0];
      assert.ok(kube.dependsOn.includes(assoc[0].urn), kube.dependsOn.join());
    });

    it(`${stack}: the cluster role admits EKS only for this cluster; Pod Identity roles pin the cluster ARN; the node role is EC2's without CNI rights`, () => {
      const roles = byType("aws:iam/role:Role");
      const eksRole = roles.filter((r) => trust(r).Statement[0].Principal?.Service === "eks.amazonaws.com");
      assert.strictEqual(eksRole.length, 1);
      assert.deepStrictEqual(trust(eksRole[0]).Statement[0].Condition, { ArnLike: { "aws:SourceArn": clusterArn }, StringEquals: { "aws:SourceAccount": ACCOUNT } });
      const regionRoles = roles.filter((r) => trust(r).Statement[0].Principal?.Service === "pods.eks.amazonaws.com" && !r.name.startsWith("checkpoints"));
      assert.ok(regionRoles.length >= 3, regionRoles.map((r) => r.name).join());
      for (const r of regionRoles) assert.strictEqual(trust(r).Statement[0].Condition?.StringEquals["aws:RequestTag/eks-cluster-arn"], clusterArn, r.name);
      const nodeRole = roles.find((r) => trust(r).Statement[0].Principal?.Service === "ec2.amazonaws.com")!;
      const nodePolicies = byType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.parent === nodeRole.parent).map((a) => String(a.inputs.policyArn));
      assert.deepStrictEqual(nodePolicies.sort(), ["arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly", "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"]);
    });

    it(`${stack}: the VPC CNI add-on gets aws-node's Pod Identity role, and nodes wait for it`, () => {
      const cni = byType("aws:eks/addon:Addon").find((a) => a.inputs.addonName === "vpc-cni")!;
      const assoc = cni.inputs.podIdentityAssociations as { serviceAccount: string }[];
      assert.deepStrictEqual(assoc.map((a) => a.serviceAccount), ["aws-node"]);
      const role = byUrn(cni.propertyDependencies.podIdentityAssociations.find((u) => u.includes("aws:iam/role:Role"))!);
      assert.deepStrictEqual(trust(role).Statement[0].Condition?.StringEquals["aws:RequestTag/kubernetes-service-account"], "aws-node");
      const attached = byType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.parent === role.parent).map((a) => a.inputs.policyArn);
      assert.deepStrictEqual(attached, ["arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"]);
      const agent = byType("aws:eks/addon:Addon").find((a) => a.inputs.addonName === "eks-pod-identity-agent")!;
      assert.ok(cni.dependsOn.includes(agent.urn));
      const groups = byType("aws:eks/nodeGroup:NodeGroup");
      assert.ok(groups.length > 1);
      for (const g of groups) assert.ok(g.dependsOn.includes(cni.urn), g.name);
      const ebs = byType("aws:eks/addon:Addon").find((a) => a.inputs.addonName === "aws-ebs-csi-driver")!;
      assert.ok(ebs.dependsOn.some((u) => u.includes("SystemNodeGroup")), ebs.dependsOn.join());
    });

    it(`${stack}: every key of the cluster has an explicit policy and rotation, and is protected and retained; the control-plane log group is encrypted with its own key`, () => {
      // The checkpoint store's key is the storage layer's (components/storage).
      const keys = byType("aws:kms/key:Key").filter((k) => k.parent.includes("dynamo-ha:aws:EksCluster"));
      assert.strictEqual(keys.length, 2, keys.map((k) => k.name).join());
      for (const k of keys) {
        assert.ok(k.inputs.policy !== undefined, `${k.name}: default key policy`);
        assert.strictEqual(k.inputs.enableKeyRotation, true, k.name);
        assert.ok(k.protect && k.retainOnDelete, k.name);
      }
      const logGroup = byType("aws:cloudwatch/logGroup:LogGroup").find((l) => l.inputs.name === `/aws/eks/${clusterName}/cluster`)!;
      assert.ok(logGroup.protect && logGroup.retainOnDelete);
      assert.strictEqual(logGroup.inputs.retentionInDays, 90);
      const logKey = byUrn(logGroup.propertyDependencies.kmsKeyId[0]);
      assert.strictEqual(logKey.type, "aws:kms/key:Key");
      const policy = JSON.parse(String(logKey.inputs.policy)) as Doc;
      assert.deepStrictEqual(
        policy.Statement.map((s) => s.Principal),
        [{ AWS: `arn:aws:iam::${ACCOUNT}:root` }, { Service: `logs.${region}.amazonaws.com` }],
      );
      assert.deepStrictEqual(policy.Statement[1].Condition, { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${ACCOUNT}:log-group:/aws/eks/${clusterName}/cluster` } });
      // The secrets key names the cluster role, whose ARN the cloud assigns: the plan shows the wiring.
      const cluster = byType("aws:eks/cluster:Cluster")[0];
      const secrets = byUrn(cluster.propertyDependencies.encryptionConfig[0]);
      assert.ok(secrets.propertyDependencies.policy.some((u) => u.includes("aws:iam/role:Role")), secrets.propertyDependencies.policy.join());
      assert.ok(cluster.dependsOn.includes(logGroup.urn));
    });
  }
});
