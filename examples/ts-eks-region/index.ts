// One EKS region from the dynamo-ha package: the program owns the AWS provider and passes it in, so
// the region uses exactly the account and region configured here. Run it with `pulumi up` in this
// folder after building the package (`npm run build` at the repository root).
import { Provider } from "@pulumi/aws/provider";
import { AwsRegion } from "dynamo-ha";

const aws = new Provider("us-west-2", { region: "us-west-2" });

const region = new AwsRegion(
  "dynamo-us-west-2",
  {
    region: "us-west-2",
    zones: ["us-west-2a", "us-west-2b", "us-west-2c"],
    cluster: { vpcCidr: "10.42.0.0/16" },
    // Spot first in every zone, with on-demand g6e.2xlarge beside it.
    gpuPool: { instanceTypes: ["g6e.2xlarge", "g6e.4xlarge"], fallbackInstanceTypes: ["g6e.2xlarge"] },
    // Keep 4 GPUs serving after losing any one zone.
    capacity: { requiredGpus: 4 },
    tags: { team: "inference" },
  },
  { providers: [aws] },
);

export const clusterName = region.clusterName;
export const kubeconfig = region.kubeconfig;
export const gpuNodeGroups = region.gpuNodeGroupNames;
