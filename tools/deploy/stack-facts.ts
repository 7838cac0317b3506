// What the deploy tools need from a stack file: its kind, env and cloud (read with the config schema, so a
// typo'd env fails here with the same one line the program would print); for doctor, the whole file
// validated and the cluster's region, name and resource group.
import { clusterName as eksClusterName } from "../../components/aws/naming";
import { clusterName as aksClusterName, resourceGroupName } from "../../components/azure/naming";
import { Cloud, decodeRaw, Env, loadStackConfig, PROJECT, StackKind, TOP_LEVEL } from "../../components/core/config";
import { loadStackFile, STACKS_DIR } from "../plan/stack-file";

export interface StackFacts {
  stack: string;
  kind: StackKind;
  env: Env;
  /** The cloud the stack creates resources in: a regional stack's cloud, or the global stack's routing service's. */
  cloud?: Cloud;
}

export function stackFacts(stack: string, dir = STACKS_DIR): StackFacts {
  const values = decodeRaw(loadStackFile(stack, dir).config);
  const key = (k: string) => `${PROJECT}:${k}`;
  const kind = TOP_LEVEL.kind.parse(values.kind, key("kind"));
  const env = TOP_LEVEL.env.parse(values.env, key("env"));
  if (kind === "regional") return { stack, kind, env, cloud: TOP_LEVEL.cloud.parse(values.cloud, key("cloud")) };
  if (kind === "global") {
    const g = TOP_LEVEL.global.parse(values.global, key("global"));
    return { stack, kind, env, cloud: g && g.dnsProvider !== "route53" ? "azure" : "aws" };
  }
  return { stack, kind, env };
}

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
