// Shared fixtures of the Kubernetes-layer tests: a typed config, a fake ClusterFacts, schema validation.
import { Provider as KubernetesProvider } from "@pulumi/kubernetes/provider";
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig, RegionalConfig } from "../../components/core/config";
import { AKS_SPOT_TAINT, GPU_TAINT, LABEL_POOL_ROLE } from "../../components/core/labels";
import { ClusterFacts } from "../../components/core/cluster-facts";

export const BASE_RAW: Record<string, string> = {
  "dynamo-ha:cloud": "aws",
  "dynamo-ha:region": "us-east-1",
  "dynamo-ha:zones": JSON.stringify(["us-east-1a", "us-east-1b", "us-east-1c"]),
  "dynamo-ha:gpuPool": JSON.stringify({ instanceTypes: ["g6e.2xlarge", "g6e.4xlarge"], fallbackInstanceTypes: ["g6e.2xlarge"] }),
  "dynamo-ha:capacity": JSON.stringify({ requiredGpus: 8, toleratedZoneFailures: 1, onDemandFloor: 0.5 }),
};

/** Raw config with `dynamo-ha:<key>` overrides (objects are JSON-encoded like the engine does). */
export function raw(overrides: Record<string, unknown> = {}): Record<string, string> {
  const out = { ...BASE_RAW };
  for (const [k, v] of Object.entries(overrides)) out[`dynamo-ha:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
  return out;
}

export function config(overrides: Record<string, unknown> = {}): RegionalConfig {
  return loadStackConfig(raw(overrides), "t") as RegionalConfig;
}

/** The one-line ConfigError message a config produces, or undefined when it loads. */
export function configError(overrides: Record<string, unknown>): string | undefined {
  try {
    config(overrides);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** A stand-in for a cloud layer's node pool: something the Kubernetes layer must wait for. */
export class FakeNodePool extends pulumi.CustomResource {
  constructor(name: string) {
    super("test:index:NodePool", name, {});
  }
}

export const SYSTEM_LABELS = { [LABEL_POOL_ROLE]: "system" };
export const GPU_LABEL = { key: LABEL_POOL_ROLE, value: "gpu" };
export const LB_ANNOTATIONS = {
  "service.beta.kubernetes.io/aws-load-balancer-type": "external",
  "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal",
  "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
  "service.beta.kubernetes.io/aws-load-balancer-attributes": "load_balancing.cross_zone.enabled=true",
};

/** Must be called inside a capture program (it registers a real KubernetesProvider and a fake node pool). */
export function fakeFacts(o: Partial<ClusterFacts> = {}): ClusterFacts {
  const clusterName = pulumi.output("test-cluster");
  return {
    cloud: "aws",
    region: "us-east-1",
    zones: ["us-east-1a", "us-east-1b", "us-east-1c"],
    clusterName,
    provider: new KubernetesProvider("k8s", { kubeconfig: "apiVersion: v1\nkind: Config\n" }),
    gpuPools: [],
    gpuTolerations: [
      { key: GPU_TAINT.key, operator: "Exists", effect: "NoSchedule" },
      { key: AKS_SPOT_TAINT.key, operator: "Equal", value: AKS_SPOT_TAINT.value, effect: "NoSchedule" },
    ],
    gpuNodeLabel: GPU_LABEL,
    systemNodeLabels: SYSTEM_LABELS,
    driversPreinstalled: true,
    gpuSoftware: "gpu-operator",
    blockStorageClass: "gp3-wffc",
    internalLoadBalancerAnnotations: LB_ANNOTATIONS,
    identity: { kind: "eks-pod-identity", clusterName, oidcIssuerUrl: pulumi.output("https://oidc.example") },
    readyResources: [new FakeNodePool("gpu-pool")],
    ...o,
  };
}

type Validatable = { validate(): void };

// kubernetes-models is ESM-only with "import"-only exports; TypeScript's CommonJS output would turn
// `import()` into `require()`, so the real dynamic import is kept out of the compiler's sight.
const esmImport = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<Record<string, unknown>>;
type ModelClass = new (data: unknown) => Validatable;

/** Validates a Kubernetes object against the official schema (kubernetes-models), by apiVersion/kind. */
export async function validateObject(obj: Record<string, unknown>): Promise<void> {
  const apiVersion = String(obj.apiVersion);
  const kind = String(obj.kind);
  const mod = (await esmImport(`kubernetes-models/${apiVersion}/${kind}`)) as Record<string, ModelClass>;
  const Model = mod[kind];
  if (!Model) throw new Error(`no kubernetes-models class for ${apiVersion} ${kind}`);
  new Model(obj).validate();
}

/** Validates a pod template as a core/v1 PodTemplateSpec. */
export async function validatePodTemplate(template: unknown): Promise<void> {
  const { PodTemplateSpec } = (await esmImport("kubernetes-models/v1/PodTemplateSpec")) as { PodTemplateSpec: ModelClass };
  new PodTemplateSpec(template).validate();
}
