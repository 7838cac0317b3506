// Cluster and resource group names as the stacks derive them: shared by the cloud layers and the
// tooling that names a stack's cluster without building it. Pure.
export { aksClusterName } from "./config/checks/azure";

/** The EKS cluster name: `cluster.name`, else `dynamo-<stack>`. */
export function eksClusterName(configured: string | undefined, stack: string): string {
  return configured ?? `dynamo-${stack}`;
}

/** The AKS cluster's resource group. */
export function aksResourceGroupName(cluster: string): string {
  return `${cluster}-rg`;
}
