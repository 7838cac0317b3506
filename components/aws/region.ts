// WIP: being replaced in this change; must not land as is.
import { RegionalConfig } from "../core/config";
import { RegionLayer } from "../k8s/cluster-facts";
export function buildAwsRegion(_c: RegionalConfig): RegionLayer {
  throw new Error("buildAwsRegion: not implemented");
}
