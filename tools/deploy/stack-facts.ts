// What the deploy tools need from a stack file: its kind, env and cloud (stacks/stack-facts.ts, which the
// governance stack reads too); for doctor, the whole file validated and the cluster's region, name and
// resource group.
import { aksClusterName, aksResourceGroupName as resourceGroupName, eksClusterName } from "../../components/core/cluster-names";
import { Cloud, loadStackConfig } from "../../components/core/config";
import { StackFacts, stackFacts } from "../../stacks/stack-facts";
import { loadStackFile, STACKS_DIR } from "../plan/stack-file";

export { StackFacts, stackFacts };

/** Where a deployed regional stack's cluster lives: what `aws eks update-kubeconfig` / `az aks get-credentials` need. */
export interface ClusterFacts {
  region: string;
  name: string;
  /** AKS: the resource group the stack creates for the cluster. */
  resourceGroup?: string;
}

export interface ValidatedStack extends StackFacts {
  /** Regional stacks only. */
  cluster?: ClusterFacts;
}

/**
 * The stack file validated exactly as the program validates it (one-line ConfigError, secrets never
 * shown), with the names the cloud will use: the same pure functions the components name resources with.
 */
export function validatedStack(stack: string, dir = STACKS_DIR): ValidatedStack {
  const file = loadStackFile(stack, dir);
  const c = loadStackConfig(file.config, stack, file.secretKeys);
  if (c.kind === "regional") {
    const cluster: ClusterFacts =
      c.cloud === "aws"
        ? { region: c.region, name: eksClusterName(c.cluster.name, stack) }
        : { region: c.region, name: aksClusterName(c), resourceGroup: resourceGroupName(aksClusterName(c)) };
    return { stack, kind: c.kind, env: c.env, cloud: c.cloud, cluster };
  }
  return { ...stackFacts(stack, dir), env: c.env };
}

/** The command that writes the cluster's credentials into the kubeconfig. */
export function kubeconfigCommand(cloud: Cloud, c: ClusterFacts): string {
  return cloud === "azure"
    ? `az aks get-credentials --resource-group ${c.resourceGroup} --name ${c.name}`
    : `aws eks update-kubeconfig --region ${c.region} --name ${c.name}`;
}
