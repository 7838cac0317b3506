// The Dynamo CustomResourceDefinitions, declared by this program rather than by the operator's
// crd-apply step (`dynamo-operator.upgradeCRD: false`), so that they are:
//   - visible in the plan and to the policy pack,
//   - ordered before the platform and every graph (dependsOn), so a first `pulumi up` on an empty
//     cluster creates them first, and
//   - protected and retained, because deleting a CRD deletes every object of its kind.
// There is no network access while planning, so the schemas are minimal: structural, with
// `x-kubernetes-preserve-unknown-fields`, leaving field validation to the operator's (fail-closed)
// admission webhook. Pinned with the platform in versions.ts (dynamoCrds.appVersion).
import { VERSIONS } from "../core/versions";

export interface DynamoKind {
  readonly kind: string;
  readonly plural: string;
  readonly shortNames?: readonly string[];
  /** v1beta1 registers only some kinds (dynamo-facts §3.1); the rest stay v1alpha1. */
  readonly beta: boolean;
}

/** The kinds the operator's API group serves (dynamo-facts §3.1, EKS guide CRD listing). */
export const DYNAMO_KINDS: readonly DynamoKind[] = [
  { kind: "DynamoGraphDeployment", plural: "dynamographdeployments", shortNames: ["dgd"], beta: true },
  { kind: "DynamoComponentDeployment", plural: "dynamocomponentdeployments", shortNames: ["dcd"], beta: true },
  { kind: "DynamoGraphDeploymentRequest", plural: "dynamographdeploymentrequests", beta: true },
  { kind: "DynamoGraphDeploymentScalingAdapter", plural: "dynamographdeploymentscalingadapters", beta: true },
  { kind: "DynamoGraphPowerBudget", plural: "dynamographpowerbudgets", beta: true },
  { kind: "DynamoCheckpoint", plural: "dynamocheckpoints", shortNames: ["dckpt"], beta: false },
  { kind: "DynamoModel", plural: "dynamomodels", shortNames: ["dm"], beta: false },
  { kind: "DynamoWorkerMetadata", plural: "dynamoworkermetadatas", beta: false },
];

const openSchema = {
  openAPIV3Schema: {
    type: "object",
    properties: {
      spec: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
      status: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
    },
  },
};

const readyColumns = [
  { name: "Ready", type: "string", jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
  { name: "State", type: "string", jsonPath: ".status.state" },
  { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
];

function version(name: string, storage: boolean, withColumns: boolean) {
  return {
    name,
    served: true,
    storage,
    schema: openSchema,
    subresources: { status: {} },
    ...(withColumns ? { additionalPrinterColumns: readyColumns } : {}),
  };
}

/** One CRD object (apiextensions.k8s.io/v1) for a Dynamo kind. */
export function dynamoCrd(k: DynamoKind): Record<string, unknown> {
  const { group, storageVersion } = VERSIONS.dynamoCrds;
  const columns = k.kind === "DynamoGraphDeployment";
  const versions = k.beta ? [version("v1alpha1", false, columns), version(storageVersion, true, columns)] : [version("v1alpha1", true, columns)];
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: {
      name: `${k.plural}.${group}`,
      labels: { "app.kubernetes.io/part-of": "dynamo", "app.kubernetes.io/version": VERSIONS.dynamoCrds.appVersion },
      // Helm keeps these if a chart ever renders them too (the upstream CRDs carry the same annotation).
      annotations: { "helm.sh/resource-policy": "keep" },
    },
    spec: {
      group,
      scope: "Namespaced",
      names: {
        kind: k.kind,
        listKind: `${k.kind}List`,
        plural: k.plural,
        singular: k.kind.toLowerCase(),
        ...(k.shortNames ? { shortNames: [...k.shortNames] } : {}),
      },
      versions,
    },
  };
}

export const dynamoCrds = (): Record<string, unknown>[] => DYNAMO_KINDS.map(dynamoCrd);
