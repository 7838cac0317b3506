// Fake ClusterFacts (with a real Kubernetes provider) and bundled-stack configs for storage tests.
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import { Provider as AzureProvider } from "@pulumi/azure-native/provider";
import { Provider as KubernetesProvider } from "@pulumi/kubernetes/provider";
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig, RegionalConfig } from "../../components/core/config";
import { ClusterFacts } from "../../components/core/cluster-facts";
import { capture } from "../../tools/plan/capture";
import { ResourceRecord } from "../../tools/plan/records";
import { loadStackFile } from "../../tools/plan/stack-file";
import { planStackReference } from "../../tools/plan/stack-reference";

/** A bundled stack's config with sections overridden (bundled stacks are kept valid by their owners). */
export function regionalConfig(stack: string, over: Record<string, unknown> = {}): RegionalConfig {
  const raw = { ...loadStackFile(stack).config };
  for (const [k, v] of Object.entries(over)) raw[`dynamo-ha:${k}`] = JSON.stringify(v);
  return loadStackConfig(raw, stack) as RegionalConfig;
}

/** The AKS node subnet fakeFacts hands Azure storage. */
export const NODE_SUBNET_ID = "/subscriptions/sub-test/resourceGroups/rg-test/providers/Microsoft.Network/virtualNetworks/net-vnet/subnets/nodes";

export function fakeFacts(cloud: "aws" | "azure", region: string): ClusterFacts {
  const provider = new KubernetesProvider("k8s", { kubeconfig: "{}", enableServerSideApply: true });
  return {
    cloud,
    region,
    zones: ["a", "b"],
    clusterName: pulumi.output("cluster"),
    provider,
    gpuPools: [],
    gpuTolerations: [],
    gpuNodeLabel: { key: "nvidia.com/gpu.present", value: "true" },
    systemNodeLabels: {},
    driversPreinstalled: true,
    gpuSoftware: "device-plugin",
    blockStorageClass: "gp3",
    internalLoadBalancerAnnotations: {},
    identity:
      cloud === "aws"
        ? { kind: "eks-pod-identity", clusterName: pulumi.output("cluster"), oidcIssuerUrl: pulumi.output("https://oidc.test") }
        : { kind: "azure-workload-identity", oidcIssuerUrl: pulumi.output("https://oidc.aks.test/"), resourceGroupName: pulumi.output("rg-test") },
    ...(cloud === "azure" ? { nodeSubnetId: pulumi.output(NODE_SUBNET_ID) } : {}),
    readyResources: [],
  };
}

/** The region's cloud provider (RegionLayer.cloudProvider); must be called inside a capture program. */
export function fakeCloudProvider(cloud: "aws" | "azure", region: string): pulumi.ProviderResource {
  return cloud === "aws" ? new AwsProvider("region-aws", { region }) : new AzureProvider("region-azure", { location: region });
}

/** The provider reference prefix of fakeCloudProvider's provider in register requests. */
export const CLOUD_PROVIDER_REF = { aws: "urn:pulumi:t::dynamo-ha::pulumi:providers:aws::region-aws::", azure: "urn:pulumi:t::dynamo-ha::pulumi:providers:azure-native::region-azure::" } as const;

/** What Azure generates for a destination object replication policy: a policy ID and one rule ID per rule. */
export const GENERATED_POLICY_ID = "7c1f0e2a-0000-4000-8000-plan00000001";
function objectReplicationState(inputs: Record<string, unknown>): Record<string, unknown> {
  const rules = (inputs.rules ?? []) as Record<string, unknown>[];
  if (inputs.objectReplicationPolicyId !== "default") return { policyId: inputs.objectReplicationPolicyId };
  return { policyId: GENERATED_POLICY_ID, rules: rules.map((r, i) => ({ ...r, ruleId: `rule-${i + 1}-${String(r.sourceContainer)}` })) };
}

/** What the cloud computes, as it would compute it; peers answer as the offline plan does. */
const STATE: Record<string, (name: string, inputs: Record<string, unknown>) => Record<string, unknown>> = {
  "aws:s3/bucket:Bucket": (_n, i) => ({ arn: `arn:aws:s3:::${i.bucket}` }),
  "aws:kms/key:Key": (name) => ({ arn: `arn:aws:kms:us-east-1:111122223333:key/${name}` }),
  "azure-native:storage:StorageAccount": (_n, i) => ({ name: i.accountName }),
  "azure-native:managedidentity:UserAssignedIdentity": (name) => ({ principalId: `${name}-principal` }),
  "azure-native:storage:BlobContainer": (_n, i) => ({ name: i.containerName }),
  "azure-native:storage:ObjectReplicationPolicy": (_n, i) => objectReplicationState(i),
  "pulumi:pulumi:StackReference": (_n, i) => planStackReference(String(i.name)),
};

const mocks = {
  state: (type: string, name: string, inputs: Record<string, unknown>) => STATE[type]?.(name, inputs),
  call: (token: string) =>
    token === "aws:index/getCallerIdentity:getCallerIdentity" ? { accountId: "111122223333" } : token === "aws:index/getPartition:getPartition" ? { partition: "aws" } : undefined,
};

export async function captureProgram(program: () => Record<string, unknown>) {
  const cap = await capture(program, { project: "dynamo-ha", stack: "t", config: {}, preview: false, mocks });
  const of = (type: string): ResourceRecord[] => cap.resources.filter((r) => r.type === type);
  /** The one resource of a type (and name, where a type occurs more than once). */
  const one = (type: string, name?: string): ResourceRecord => {
    const all = of(type).filter((r) => name === undefined || r.name === name);
    if (all.length !== 1) throw new Error(`expected one ${type}${name ? ` ${name}` : ""}, got ${all.length}`);
    return all[0];
  };
  return { ...cap, of, one };
}
