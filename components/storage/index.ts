// WIP: being replaced in this change; must not land as is.
import * as pulumi from "@pulumi/pulumi";
import { RegionalConfig } from "../core/config";
import { ClusterFacts } from "../k8s/cluster-facts";
import { StorageFacts } from "../k8s/storage-facts";
export function buildStorage(_c: RegionalConfig, _facts: ClusterFacts): { facts: StorageFacts; outputs: Record<string, pulumi.Input<unknown>> } {
  throw new Error("buildStorage: not implemented");
}
