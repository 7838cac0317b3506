// The Kubernetes provider of the cluster. Its kubeconfig carries no token (the AWS CLI mints one per
// call) but names the endpoint and CA, so it is still handled as a secret.
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { eksKubeconfig } from "./kubeconfig";

export function kubeconfigOf(cluster: aws.eks.Cluster, region: string): pulumi.Output<string> {
  return pulumi.secret(
    pulumi.all([cluster.name, cluster.endpoint, cluster.certificateAuthority]).apply(([clusterName, endpoint, ca]) =>
      eksKubeconfig({ clusterName, endpoint, certificateAuthority: ca?.data ?? "", region }),
    ),
  );
}

export function kubeProvider(name: string, kubeconfig: pulumi.Output<string>, opts: pulumi.CustomResourceOptions): k8s.Provider {
  return new k8s.Provider(name, { kubeconfig, enableServerSideApply: true }, opts);
}
