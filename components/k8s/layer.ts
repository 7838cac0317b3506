// WIP: being replaced in this change; must not land as is.
import { RegionalConfig } from "../core/config";
import { ClusterFacts, KubernetesLayer } from "./cluster-facts";
import { StorageFacts } from "./storage-facts";
export function buildKubernetesLayer(_c: RegionalConfig, _facts: ClusterFacts, _storage: StorageFacts): KubernetesLayer {
  throw new Error("buildKubernetesLayer: not implemented");
}
