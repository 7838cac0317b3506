// The cloud layer of a regional stack: the validated config mapped to the region component's args,
// and what the rest of the stack reads from it. Only the stack's own cloud's modules are loaded.
/* eslint-disable @typescript-eslint/no-require-imports -- the other cloud's SDK is never loaded */
import type { Provider as AzureProvider } from "@pulumi/azure-native/provider";
import type { RegionLayer } from "../components/core/cluster-facts";
import { RegionalConfig } from "../components/core/config";
import { regionArgsOf } from "../components/core/region-args";

/** The EKS cloud layer: one AwsRegion named `dynamo-<stack>`, which creates its own AWS provider. */
export function buildAwsRegion(c: RegionalConfig): RegionLayer {
  const { AwsRegion } = require("../components/aws/region") as typeof import("../components/aws/region");
  const region = new AwsRegion(`dynamo-${c.stack}`, regionArgsOf(c));
  return {
    facts: region.clusterFacts(),
    cloudProvider: region.awsProvider(),
    capacity: region.capacity(),
    edgeSite: region.edgeSite(),
    outputs: {
      clusterName: region.clusterName,
      kubeconfig: region.kubeconfig,
      oidcIssuerUrl: region.oidcIssuerUrl,
      vpcId: region.vpcId,
      gpuNodeGroups: region.gpuNodeGroupNames,
    },
  };
}

/**
 * The AKS cloud layer: one AzureRegion named for the cluster. The azure-native provider stays at the
 * stack root, where stacks created before AzureRegion existed have it; the component uses it.
 */
export function buildAzureRegion(c: RegionalConfig): RegionLayer {
  const { AzureRegion } = require("../components/azure/region") as typeof import("../components/azure/region");
  const { clusterName } = require("../components/azure/naming") as typeof import("../components/azure/naming");
  const name = clusterName(c);
  const azure = new (require("@pulumi/azure-native/provider") as { Provider: typeof AzureProvider }).Provider(`${name}-azure`, { location: c.region });
  const region = new AzureRegion(name, regionArgsOf(c), { providers: [azure] });
  return {
    facts: region.clusterFacts(),
    cloudProvider: region.azureProvider(),
    capacity: region.capacity(),
    edgeSite: region.edgeSite(),
    outputs: {
      clusterName: region.clusterName,
      resourceGroupName: region.resourceGroupName,
      oidcIssuerUrl: region.oidcIssuerUrl,
      kubeconfig: region.kubeconfig,
      gpuPools: region.gpuPoolNames,
    },
  };
}

/** The cloud layer of the stack's cloud. */
export function cloudLayer(c: RegionalConfig): RegionLayer {
  return c.cloud === "aws" ? buildAwsRegion(c) : buildAzureRegion(c);
}
