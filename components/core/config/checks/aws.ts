// EKS-only rules (instance-type diversification, AMI architecture, network, access), run before any
// resource is registered. Each failure is one line naming the key, what is allowed and the value.
import { gpuShape } from "../../gpu-catalog";
import { VERSIONS } from "../../versions";
import { EC2_INSTANCE_TYPE, isNetworkCidr } from "../grammar";
import { ConfigError, show } from "../schema";
import { RegionalConfig } from "../stack-config";
import { openRange } from "./open-cidr";

/** Most zones the created VPC layout holds: 8 blocks, one per zone, the last cut into public subnets. */
export const MAX_VPC_ZONES = 7;

/** Graviton GPU types (g5g) need an ARM AMI; everything else an x86 one. */
export function isArmInstanceType(type: string): boolean {
  return /^[a-z]+\d+g[a-z]*\./.test(type);
}

/** Whether a CIDR is a well-formed IPv4 network (host bits clear). */
export { isNetworkCidr } from "../grammar";

const fail = (key: string, allowed: string, value: unknown): never => {
  throw new ConfigError(`dynamo-ha:${key}: ${allowed}, got ${show(value)}`);
};

export function checkAws(c: RegionalConfig): void {
  const pool = c.gpuPool;
  if (pool.spot && pool.instanceTypes.length < 2) {
    fail("gpuPool.instanceTypes", "spot node groups need at least 2 instance types of the same GPU count (spot capacity diversification)", pool.instanceTypes);
  }
  // Every pool carries one GPU-class label: types the table knows must agree on it.
  const types = [...pool.instanceTypes, ...(pool.fallbackInstanceTypes ?? [])];
  const classes = new Map<string, string>();
  for (const t of types) {
    const shape = gpuShape("aws", t);
    if (shape) classes.set(t, shape.gpuClass);
  }
  if (new Set(classes.values()).size > 1) {
    fail("gpuPool.instanceTypes", "spot and fallback types must share one GPU class", Object.fromEntries(classes));
  }
  const armAmi = pool.amiType.includes("_ARM_");
  const wrongArch = types.find((t) => isArmInstanceType(t) !== armAmi);
  if (wrongArch !== undefined) {
    fail("gpuPool.amiType", `${pool.amiType} needs ${armAmi ? "Graviton (ARM) GPU instance types like g5g.xlarge" : "x86 GPU instance types"}; ${show(wrongArch)} is not one`, types);
  }

  const cl = c.cluster;
  const name = cl.name ?? `dynamo-${c.stack}`;
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(name)) {
    fail("cluster.name", "must be 1–100 letters, digits, - or _, starting with a letter or digit (EKS cluster name)", name);
  }
  const caMinor = /:v(\d+\.\d+)\./.exec(VERSIONS.clusterAutoscaler.image)?.[1];
  if (caMinor !== undefined && cl.kubernetesVersion !== caMinor) {
    fail("cluster.kubernetesVersion", `must be ${caMinor}, the minor the pinned cluster-autoscaler (${VERSIONS.clusterAutoscaler.image}) is built for`, cl.kubernetesVersion);
  }
  if (!cl.endpointPublicAccess && cl.publicAccessCidrs.length > 0) {
    fail("cluster.publicAccessCidrs", "only apply with cluster.endpointPublicAccess true (the endpoint is private)", cl.publicAccessCidrs);
  }
  if (cl.endpointPublicAccess && cl.publicAccessCidrs.length === 0) {
    fail("cluster.publicAccessCidrs", "a public endpoint needs the CIDRs allowed to reach it (never implicitly 0.0.0.0/0)", cl.publicAccessCidrs);
  }
  const open = openRange(cl.publicAccessCidrs);
  if (open !== undefined) fail("cluster.publicAccessCidrs", `${show(open)} opens the API server to the whole internet; name the networks that administer the cluster`, cl.publicAccessCidrs);
  const badCidr = cl.publicAccessCidrs.find((x) => !isNetworkCidr(x));
  if (badCidr !== undefined) fail("cluster.publicAccessCidrs", `${show(badCidr)} is not an IPv4 network CIDR like "203.0.113.0/24"`, cl.publicAccessCidrs);
  // IAM ARNs are at most 2048 characters.
  const badPrincipal = cl.adminPrincipals.find((p) => p.length > 2048 || !/^arn:aws(-[a-z]+)*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/.test(p));
  if (badPrincipal !== undefined) {
    fail("cluster.adminPrincipals", `EKS access entries take IAM role or user ARNs like "arn:aws:iam::123456789012:role/admin"; ${show(badPrincipal)} is not one`, cl.adminPrincipals);
  }
  // One access entry per IAM principal (creating-access-entries.adoc): a principal listed twice, or
  // both as admin and as deployer, would make EKS refuse the second entry mid-deployment.
  const seen = new Set<string>();
  const twice = cl.adminPrincipals.find((p) => seen.size === seen.add(p).size);
  if (twice !== undefined) fail("cluster.adminPrincipals", `each principal gets one access entry; ${show(twice)} is listed twice`, cl.adminPrincipals);
  const deployer = cl.aws.deployerRoleArn;
  if (deployer !== undefined && cl.adminPrincipals.includes(deployer)) {
    fail("cluster.aws.deployerRoleArn", "already gets cluster-admin as the deployer; remove it from cluster.adminPrincipals (one access entry per principal)", deployer);
  }
  if (cl.systemNodeSize !== undefined && !EC2_INSTANCE_TYPE.test(cl.systemNodeSize)) {
    fail("cluster.systemNodeSize", 'must be an EC2 instance type like "m6i.xlarge"', cl.systemNodeSize);
  }
  if (cl.existingSubnetIds.length > 0) {
    if (cl.existingSubnetIds.length < c.zones.length) {
      fail("cluster.existingSubnetIds", `need at least one subnet per zone (${c.zones.length} zones)`, cl.existingSubnetIds);
    }
    return;
  }
  const prefix = Number(cl.vpcCidr.split("/")[1]);
  if (!isNetworkCidr(cl.vpcCidr) || prefix < 16 || prefix > 20) {
    fail("cluster.vpcCidr", "must be an IPv4 network CIDR from /16 to /20 with host bits clear, like \"10.40.0.0/16\"", cl.vpcCidr);
  }
  if (c.zones.length > MAX_VPC_ZONES) {
    fail("zones", `a created VPC holds at most ${MAX_VPC_ZONES} zones (adopt subnets with cluster.existingSubnetIds for more)`, c.zones);
  }
}
