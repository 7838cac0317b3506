// What the offline plan answers for cloud-computed values and data sources. Values it cannot know
// stay unknown (preview mode), exactly as `pulumi preview` shows them before the cloud answers.
import * as pulumi from "@pulumi/pulumi";
import { CaptureMocks } from "./capture";
import { planStackReference } from "./stack-reference";

type StateFn = NonNullable<CaptureMocks["state"]>;
type CallFn = (inputs: Record<string, unknown>) => Record<string, unknown>;

/** Per-type extra state, merged over echoed inputs. */
export const STATE: Record<string, StateFn> = {
  // A remote component: under mocks it has no children; its `resources` output is empty.
  "kubernetes:helm.sh/v4:Chart": () => ({ resources: [] }),
  // azure-native resources echo their name input as the `name` output (ARM names are chosen, not computed).
  "azure-native:resources:ResourceGroup": (_t, _n, i) => ({ name: i.resourceGroupName }),
  "azure-native:network:VirtualNetwork": (_t, _n, i) => ({ name: i.virtualNetworkName }),
  "azure-native:containerservice:ManagedCluster": (_t, _n, i) => ({ name: i.resourceName }),
  // The global stack reads bundled regional stacks' outputs (derived from their stack files).
  "pulumi:pulumi:StackReference": (_t, _n, i) => planStackReference(String(i.name)),
};

/** Invoke results by token. */
export const CALLS: Record<string, CallFn> = {
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({ accountId: "123456789012", arn: "arn:aws:iam::123456789012:user/plan", userId: "plan" }),
  "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com" }),
  "aws:route53/getZone:getZone": (i) => ({ name: i.name, zoneId: "ZPLANHOSTEDZONE", nameServers: [] }),
  "aws:ec2/getSubnet:getSubnet": (i) => planSubnet(String(i.id)),
  "azure-native:authorization:getClientConfig": () => ({
    clientId: "00000000-0000-0000-0000-00000000c11e",
    objectId: "00000000-0000-0000-0000-0000000000b1",
    subscriptionId: "00000000-0000-0000-0000-000000000000",
    tenantId: "00000000-0000-0000-0000-000000007e11",
  }),
  // A placeholder exec-format kubeconfig (kubelogin), base64 as ARM returns it; it reaches no cluster.
  "azure-native:containerservice:listManagedClusterUserCredentials": (i) => ({
    kubeconfigs: [{ name: "clusterUser", value: Buffer.from(planAksKubeconfig(String(i.resourceName))).toString("base64") }],
  }),
};

/**
 * Adopted subnets (`cluster.existingSubnetIds`): the plan cannot ask EC2, so it assumes they are listed
 * zone by zone, round robin over `dynamo-ha:zones`. A real deployment looks the zones up.
 */
function planSubnet(id: string): Record<string, unknown> {
  const config = pulumi.runtime.allConfig();
  const parse = (k: string): unknown => {
    try {
      return JSON.parse(config[k] ?? "null");
    } catch {
      return null;
    }
  };
  const zones = (parse("dynamo-ha:zones") as string[] | null) ?? [];
  const ids = ((parse("dynamo-ha:cluster") as { existingSubnetIds?: string[] } | null)?.existingSubnetIds ?? []) as string[];
  const i = Math.max(0, ids.indexOf(id));
  return { id, availabilityZone: zones.length ? zones[i % zones.length] : "unknown", vpcId: "vpc-plan", cidrBlock: "10.0.0.0/24" };
}

function planAksKubeconfig(cluster: string): string {
  return [
    "apiVersion: v1",
    "kind: Config",
    `clusters: [{name: ${cluster}, cluster: {server: "https://${cluster}.plan.invalid:443"}}]`,
    `contexts: [{name: ${cluster}, context: {cluster: ${cluster}, user: clusterUser_${cluster}}}]`,
    `current-context: ${cluster}`,
    `users: [{name: clusterUser_${cluster}, user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: kubelogin, args: [get-token, --login, azurecli, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630]}}}]`,
    "",
  ].join("\n");
}

export const planMocks: CaptureMocks = {
  state: (type, name, inputs) => STATE[type]?.(type, name, inputs),
  call: (token, inputs) => CALLS[token]?.(inputs),
};
