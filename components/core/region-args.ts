// The typed args a cloud region component (AwsRegion, AzureRegion) takes, and their resolution into
// the validated regional config the pure planners read. The args mirror the stack config sections
// (components/core/config/sections/*.ts) field for field, so one schema fills the defaults and checks
// the values whether a region comes from a stack file or from a program that composes components.
import { checkInstanceTypes, checkRegion, checkZones, resolveGpuShape } from "./config/checks";
import { checkAws } from "./config/checks/aws";
import { checkAzure } from "./config/checks/azure";
import { Cloud, parseStackConfig, RegionalConfig } from "./config/stack-config";
import { ConfigError, PROJECT } from "./config";

/** The managed Kubernetes cluster of a region. */
/** EKS-only cluster settings. */
export interface AwsClusterArgs {
  /**
   * IAM role that runs deployments: it gets a cluster-admin access entry (docs/operations.md, "EKS access").
   * @default - the identity running the deployment (an IAM user, or the role of its session)
   */
  readonly deployerRoleArn?: string;
}

/** AKS-only cluster settings. */
export interface AzureClusterArgs {
  /**
   * Give the identity running Pulumi a standing "Azure Kubernetes Service RBAC Cluster Admin" role
   * assignment on the cluster. A stack whose env is prod refuses it; prefer an admin group.
   * @default false
   */
  readonly deployerClusterAdmin?: boolean;
}

export interface ClusterArgs {
  /**
   * Cluster name.
   * @default - `dynamo-<stackName>`
   */
  readonly name?: string;
  /**
   * Kubernetes minor version of the control plane.
   * @default "1.33"
   */
  readonly kubernetesVersion?: string;
  /**
   * Expose the API server publicly (EKS public endpoint; AKS non-private cluster).
   * @default false
   */
  readonly endpointPublicAccess?: boolean;
  /**
   * CIDRs allowed to reach a public endpoint.
   * @default []
   */
  readonly publicAccessCidrs?: string[];
  /**
   * AWS IAM principal ARNs (EKS access entries) or Entra ID group object IDs (AKS admin groups) given cluster-admin.
   * AKS: at least one group unless `azure.deployerClusterAdmin`; the identity running Pulumi acts as a member.
   * @default []
   */
  readonly adminPrincipals?: string[];
  /**
   * Instance type / VM size of the on-demand system pool.
   * @default - "m6i.xlarge" (AWS), "Standard_D4ds_v5" (Azure)
   */
  readonly systemNodeSize?: string;
  /**
   * System nodes per zone (on-demand; never spot).
   * @default 1
   */
  readonly systemNodesPerZone?: number;
  /**
   * EKS access settings.
   * @default - the deployer is the identity running the deployment
   */
  readonly aws?: AwsClusterArgs;
  /**
   * AKS access settings.
   * @default - no standing grant for the deployer
   */
  readonly azure?: AzureClusterArgs;
  /**
   * Days to keep control-plane and audit logs (EKS CloudWatch log group; AKS Log Analytics workspace, 30–730).
   * @default 90
   */
  readonly logRetentionDays?: number;
  /**
   * CIDR of the network the region creates (host bits clear).
   * @default "10.40.0.0/16"
   */
  readonly vpcCidr?: string;
  /**
   * AWS only: adopt these private subnets (one or more per zone) instead of creating a VPC.
   * @default []
   */
  readonly existingSubnetIds?: string[];
}

/** The GPU node pools: spot first, an on-demand (regular) fallback in every zone. */
export interface GpuPoolArgs {
  /**
   * Spot instance types (EKS, at least 2 of one GPU count) or the VM size (AKS, the first is used).
   * @default - required, no default
   */
  readonly instanceTypes: string[];
  /**
   * On-demand / regular fallback types of the same GPU class.
   * @default - the first of instanceTypes
   */
  readonly fallbackInstanceTypes?: string[];
  /**
   * GPUs per node, for types missing from the built-in table; a listed type's count may not be contradicted.
   * @default - from the built-in table
   */
  readonly gpusPerNode?: number;
  /**
   * EKS AMI type of GPU node groups: AL2023_x86_64_NVIDIA, BOTTLEROCKET_x86_64_NVIDIA or BOTTLEROCKET_ARM_64_NVIDIA.
   * @default "AL2023_x86_64_NVIDIA"
   */
  readonly amiType?: string;
  /**
   * Who exposes GPUs to Kubernetes: "gpu-operator" or "device-plugin".
   * @default "gpu-operator"
   */
  readonly gpuSoftware?: string;
  /**
   * Create spot pools (with fallback pools beside them).
   * @default true
   */
  readonly spot?: boolean;
  /**
   * Refuse spot pools without an on-demand/regular pool of the same GPU class in each zone.
   * @default true
   */
  readonly requireFallback?: boolean;
  /**
   * AKS only: who installs the NVIDIA driver, "gpu-operator" or "aks".
   * @default - "gpu-operator" when gpuSoftware is gpu-operator, else "aks"
   */
  readonly azureGpuDriver?: string;
  /**
   * EKS: root volume size (GiB) of GPU nodes.
   * @default 200
   */
  readonly diskSizeGb?: number;
  /**
   * Extra nodes per pool above the sizing minimum, for the autoscaler's max.
   * @default 2
   */
  readonly headroomNodes?: number;
}

/** What must survive: the inputs of the zone-loss sizing. */
export interface CapacityArgs {
  /**
   * GPUs the service needs at all times.
   * @default - required, no default
   */
  readonly requiredGpus: number;
  /**
   * Zones that may fail at once; fewer than the zones.
   * @default 1
   */
  readonly toleratedZoneFailures?: number;
  /**
   * Share of requiredGpus that must survive losing every spot node (0–1).
   * @default 0.5
   */
  readonly onDemandFloor?: number;
}

/** The fields AwsRegionArgs and AzureRegionArgs share. */
export interface RegionArgs {
  /**
   * AWS region or Azure location (one with availability zones).
   * @default - required, no default
   */
  readonly region: string;
  /**
   * Availability zones, at least 2 (AWS names like "us-east-1a"; Azure "1"–"3").
   * @default - required, no default
   */
  readonly zones: string[];
  /**
   * Name of the deployment the region belongs to: the default cluster name is `dynamo-<stackName>`, and cloud resources are tagged with it.
   * @default - the Pulumi stack name
   */
  readonly stackName?: string;
  /**
   * Tags / labels added to every cloud resource.
   * @default {}
   */
  readonly tags?: Record<string, string>;
  /**
   * The managed Kubernetes cluster.
   * @default - every ClusterArgs default
   */
  readonly cluster?: ClusterArgs;
  /**
   * GPU node pools.
   * @default - required, no default
   */
  readonly gpuPool: GpuPoolArgs;
  /**
   * Zone-loss sizing inputs.
   * @default - required, no default
   */
  readonly capacity: CapacityArgs;
  /**
   * Allow `pulumi destroy` to delete the cluster and volumes (removes protect). Only ever set explicitly.
   * @default false
   */
  readonly allowDataLoss?: boolean;
}

/** Drops undefined fields, so the schema sees "not given" and fills its default. */
function given<T extends object>(o: T | undefined): Partial<T> | undefined {
  if (o === undefined) return undefined;
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Region args → the validated regional config the planners read, through the stack config's schema and
 * the region's checks. A bad value ends with one line naming the component's field
 * (`AwsRegion.gpuPool.instanceTypes[0]: …`).
 */
export function resolveRegionArgs(component: string, cloud: Cloud, a: RegionArgs, stack: string): RegionalConfig {
  try {
    const values = {
      kind: "regional",
      cloud,
      region: a.region,
      zones: a.zones,
      labels: a.tags ?? {},
      cluster: given(a.cluster),
      gpuPool: given(a.gpuPool),
      capacity: given(a.capacity),
      storage: a.allowDataLoss === undefined ? undefined : { allowDataLoss: a.allowDataLoss },
    };
    const c = parseStackConfig(values, a.stackName ?? stack) as RegionalConfig;
    checkRegion(c);
    checkZones(c);
    checkInstanceTypes(c);
    resolveGpuShape(c);
    if (cloud === "aws") checkAws(c);
    else checkAzure(c);
    return c;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    // The checks name config keys (`dynamo-ha:gpuPool.x`, `dynamo-ha:labels`); here the same fields are args.
    throw new ConfigError(e.message.replace(new RegExp(`^${PROJECT}:labels`), `${component}.tags`).replace(new RegExp(`^${PROJECT}:`), `${component}.`));
  }
}

/** The region args a validated regional config gives (the stack program's mapping; the inverse of resolveRegionArgs). */
export function regionArgsOf(c: RegionalConfig): RegionArgs {
  return {
    region: c.region,
    zones: [...c.zones],
    stackName: c.stack,
    tags: { ...c.labels },
    cluster: { ...c.cluster, aws: { ...c.cluster.aws }, azure: { ...c.cluster.azure }, publicAccessCidrs: [...c.cluster.publicAccessCidrs], adminPrincipals: [...c.cluster.adminPrincipals], existingSubnetIds: [...c.cluster.existingSubnetIds] },
    gpuPool: { ...c.gpuPool, instanceTypes: [...c.gpuPool.instanceTypes], fallbackInstanceTypes: c.gpuPool.fallbackInstanceTypes && [...c.gpuPool.fallbackInstanceTypes] },
    capacity: { ...c.capacity },
    allowDataLoss: c.storage.allowDataLoss,
  };
}
