// Bootstrap copies of the Dynamo CustomResourceDefinitions. The real CRDs (full schemas, the
// conversion webhook, printer columns, the scale subresource) are installed by the operator itself: its
// `crd-apply` init container (`dynamo-operator.upgradeCRD: true`) force-applies the CRDs baked into the
// operator image, version-matched to it, before the manager starts. The operator owns the schema.
//
// These copies exist anyway, as Pulumi resources, because:
//   - nothing is fetched at plan or build time (no network), so the upstream YAML cannot be vendored,
//     yet the plan and the policy pack must see the CRDs;
//   - ordering: they are created before the chart and every graph, so a first `pulumi up` on an empty
//     cluster never registers a graph against a missing kind (the graph also waits for the Release,
//     and Helm waits for the operator Deployment, whose init container has applied the real CRDs);
//   - retention: protected and retainOnDelete, so `pulumi destroy` never deletes a CRD (that would
//     delete every object of its kind).
// After creation Pulumi leaves them alone (ignoreChanges in dynamo-platform.ts): crd-apply's forced
// server-side apply takes `spec.versions` over whole (an atomic list), so none of the bootstrap
// schema survives next to the real one. Two rules keep that apply valid: each bootstrap storage
// version is one the real CRD also lists (status.storedVersions must stay in spec.versions), and only
// kinds the pinned operator installs are declared.
import { VERSIONS } from "../core/versions";

export interface DynamoKind {
  readonly kind: string;
  readonly plural: string;
  readonly shortNames?: readonly string[];
  /** v1beta1 registers only some kinds (dynamo-facts §3.1); the rest stay v1alpha1. */
  readonly beta: boolean;
  /** The kind implements the scale subresource (HPA, KEDA and the Planner scale it). */
  readonly scalable?: boolean;
}

/** The kinds the pinned operator's crd-apply installs (dynamo-facts §1.3 EKS guide CRD listing, §3.1). */
export const DYNAMO_KINDS: readonly DynamoKind[] = [
  { kind: "DynamoGraphDeployment", plural: "dynamographdeployments", shortNames: ["dgd"], beta: true },
  { kind: "DynamoComponentDeployment", plural: "dynamocomponentdeployments", shortNames: ["dcd"], beta: true },
  { kind: "DynamoGraphDeploymentRequest", plural: "dynamographdeploymentrequests", beta: true },
  { kind: "DynamoGraphDeploymentScalingAdapter", plural: "dynamographdeploymentscalingadapters", shortNames: ["dgdsa"], beta: true, scalable: true },
  { kind: "DynamoCheckpoint", plural: "dynamocheckpoints", shortNames: ["dckpt"], beta: false },
  { kind: "DynamoModel", plural: "dynamomodels", shortNames: ["dm"], beta: false },
  { kind: "DynamoWorkerMetadata", plural: "dynamoworkermetadatas", beta: false },
];

// Structural and open: the bootstrap schema only has to be accepted until crd-apply replaces it.
const openSchema = {
  openAPIV3Schema: {
    type: "object",
    properties: {
      spec: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
      status: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
    },
  },
};

/**
 * The scaling adapter's scale subresource, as upstream declares it
 * (`+kubebuilder:subresource:scale:specpath=.spec.replicas,statuspath=.status.replicas,selectorpath=.status.selector`).
 */
export const SCALE_SUBRESOURCE = { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas", labelSelectorPath: ".status.selector" } as const;

const readyColumns = [
  { name: "Ready", type: "string", jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
  { name: "State", type: "string", jsonPath: ".status.state" },
  { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
];

function version(name: string, storage: boolean, k: DynamoKind) {
  return {
    name,
    served: true,
    storage,
    schema: openSchema,
    subresources: { status: {}, ...(k.scalable ? { scale: { ...SCALE_SUBRESOURCE } } : {}) },
    ...(k.kind === "DynamoGraphDeployment" ? { additionalPrinterColumns: readyColumns } : {}),
  };
}

/** One CRD object (apiextensions.k8s.io/v1) for a Dynamo kind. */
export function dynamoCrd(k: DynamoKind): Record<string, unknown> {
  const { group, storageVersion } = VERSIONS.dynamoCrds;
  const versions = k.beta ? [version("v1alpha1", false, k), version(storageVersion, true, k)] : [version("v1alpha1", true, k)];
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: {
      name: `${k.plural}.${group}`,
      // No version label: the operator stamps its own version on the CRDs it applies, and a label that
      // changed with each upgrade would make Pulumi re-apply the object it no longer owns.
      labels: { "app.kubernetes.io/part-of": "dynamo" },
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
