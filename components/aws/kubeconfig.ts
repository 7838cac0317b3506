// A kubeconfig for an EKS cluster that holds no credential: the AWS CLI mints a short-lived token
// (`aws eks get-token`) with whatever AWS identity runs the deployment.

export interface KubeconfigInput {
  readonly clusterName: string;
  readonly endpoint: string;
  /** Base64 PEM of the cluster CA, as EKS returns it. */
  readonly certificateAuthority: string;
  readonly region: string;
}

export function eksKubeconfig(k: KubeconfigInput): string {
  const doc = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: k.clusterName, cluster: { server: k.endpoint, "certificate-authority-data": k.certificateAuthority } }],
    contexts: [{ name: k.clusterName, context: { cluster: k.clusterName, user: k.clusterName } }],
    "current-context": k.clusterName,
    users: [
      {
        name: k.clusterName,
        user: {
          exec: {
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: "aws",
            args: ["eks", "get-token", "--cluster-name", k.clusterName, "--region", k.region, "--output", "json"],
            interactiveMode: "Never",
          },
        },
      },
    ],
  };
  return JSON.stringify(doc);
}
