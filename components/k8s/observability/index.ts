// WIP: being replaced in this change; must not land as is.
import * as pulumi from "@pulumi/pulumi";
import { RegionalConfig } from "../../core/config";
import { CapacityReport } from "../../core/sizing";
import { ClusterFacts, KubernetesLayer } from "../cluster-facts";
export function buildObservability(_c: RegionalConfig, _facts: ClusterFacts, _capacity: CapacityReport, _kube: KubernetesLayer): { outputs: Record<string, pulumi.Input<unknown>> } {
  throw new Error("buildObservability: not implemented");
}
