// The Kubernetes provider of the cluster. Its kubeconfig carries no token (the AWS CLI mints one per
// call) but names the endpoint and CA, so it is still handled as a secret.
import * as eks from "@pulumi/aws/eks";
import { Provider } from "@pulumi/kubernetes/provider";
import * as pulumi from "@pulumi/pulumi";
import { eksKubeconfig } from "./kubeconfig";

export function kubeconfigOf(cluster: eks.Cluster, region: string): pulumi.Output<string> {
  return pulumi.secret(
    pulumi.all([cluster.name, cluster.endpoint, cluster.certificateAuthority]).apply(([clusterName, endpoint, ca]) =>
      eksKubeconfig({ clusterName, endpoint, certificateAuthority: ca?.data ?? "", region }),
    ),
  );
}

export function kubeProvider(name: string, kubeconfig: pulumi.Output<string>, opts: pulumi.CustomResourceOptions): Provider {
  return new Provider(name, { kubeconfig, enableServerSideApply: true }, opts);
}
