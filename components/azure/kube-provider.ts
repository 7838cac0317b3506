// The Kubernetes provider for an AKS cluster. With Entra ID RBAC and local accounts disabled the
// only kubeconfig is the user one in `exec` format, which calls `kubelogin` to get an Entra token:
// kubelogin must be on PATH wherever `pulumi up` runs (AAD_LOGIN_METHOD selects how it signs in,
// e.g. `azurecli`, `workloadidentity`, `spn`). The signed-in identity's rights come from Azure RBAC:
// membership of an admin group (aadProfile), or the dev-only deployer grant.
import * as containerservice from "@pulumi/azure-native/containerservice";
import { Provider } from "@pulumi/kubernetes/provider";
import * as pulumi from "@pulumi/pulumi";

export interface AksKubeProviderArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  /** Cluster name; an Output of the ManagedCluster so the credentials are read after it exists. */
  readonly clusterName: pulumi.Input<string>;
  /**
   * Resources the provider waits for (the deployer's role assignment on the cluster, when granted).
   * @default []
   */
  readonly dependsOn?: pulumi.Resource[];
  /** Provider for the credentials invoke (the region's azure-native provider). */
  readonly azureProvider: pulumi.ProviderResource;
}

/** Decodes the first base64 kubeconfig of a credentials result. */
export function decodeKubeconfig(result: { kubeconfigs: readonly { value: string }[] }): string {
  const first = result.kubeconfigs[0];
  if (!first) throw new Error("AKS returned no user kubeconfig");
  return Buffer.from(first.value, "base64").toString("utf8");
}

/** @param opts parent and aliases of the provider resource (its dependencies come from `args`). */
export function aksKubeProvider(name: string, args: AksKubeProviderArgs, opts: pulumi.CustomResourceOptions = {}): { provider: Provider; kubeconfig: pulumi.Output<string> } {
  const creds = containerservice.listManagedClusterUserCredentialsOutput(
    { resourceGroupName: args.resourceGroupName, resourceName: args.clusterName, format: "exec" },
    { provider: args.azureProvider },
  );
  const kubeconfig = pulumi.secret(creds.apply(decodeKubeconfig));
  const provider = new Provider(name, { kubeconfig, enableServerSideApply: true }, { ...opts, dependsOn: args.dependsOn ?? [] });
  return { provider, kubeconfig };
}
