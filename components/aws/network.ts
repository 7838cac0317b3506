// The network a cluster lives in: a VPC with a private subnet per zone (nodes and pods) and a public
// subnet + NAT gateway per zone for egress, or adopted subnets whose zones are looked up.
import * as ec2 from "./sdk/ec2";
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import * as pulumi from "@pulumi/pulumi";
import { planSubnets } from "./subnet-plan";

export interface NetworkArgs {
  /** Zones to cover, in order. */
  readonly zones: readonly string[];
  /** Cluster name, for the subnet discovery tags of load balancers. */
  readonly clusterName: string;
  /** CIDR of the VPC created when no subnets are adopted. @default "10.40.0.0/16" (config) */
  readonly vpcCidr: string;
  /** Adopt these private subnets instead of creating a VPC; each zone needs at least one. @default [] */
  readonly existingSubnetIds?: readonly string[];
  /** AWS provider of the region; used for the subnet look-ups. */
  readonly provider: AwsProvider;
  /** Tags on every network resource. @default {} */
  readonly tags?: Record<string, string>;
}

/** One adopted subnet's zone, and a check that every subnet is in a configured zone and every zone has one. */
export function subnetsByZone(subnets: readonly { id: string; availabilityZone: string }[], zones: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = Object.fromEntries(zones.map((z) => [z, []]));
  for (const s of subnets) {
    if (!(s.availabilityZone in out)) {
      throw new Error(`dynamo-ha:cluster.existingSubnetIds: ${s.id} is in ${s.availabilityZone}, not one of the zones ${JSON.stringify(zones)}`);
    }
    out[s.availabilityZone].push(s.id);
  }
  const empty = zones.find((z) => out[z].length === 0);
  if (empty !== undefined) {
    throw new Error(`dynamo-ha:cluster.existingSubnetIds: no subnet in zone ${empty}, got ${JSON.stringify(subnets.map((s) => `${s.id}@${s.availabilityZone}`))}`);
  }
  return out;
}

export class Network extends pulumi.ComponentResource {
  /** Private subnet ids per zone. */
  readonly privateSubnetIds: Record<string, pulumi.Input<pulumi.Input<string>[]>>;
  /** Every private subnet id, zone by zone. */
  readonly allPrivateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
  readonly vpcId: pulumi.Output<string>;
  /** Public subnet ids, zone by zone (internet-facing load balancers); empty for adopted subnets. */
  readonly publicSubnetIds: pulumi.Output<string>[] = [];

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:aws:Network", name, {}, opts);
    const tags = args.tags ?? {};
    const adopted = args.existingSubnetIds ?? [];
    let privateIds: pulumi.Output<string>[] | undefined;
    if (adopted.length > 0) {
      const found = adopted.map((id) => ec2.getSubnetOutput({ id }, { parent: this, provider: args.provider }));
      const byZone = pulumi.all(found.map((s) => pulumi.all([s.id, s.availabilityZone, s.vpcId]))).apply((rows) => {
        const vpcs = [...new Set(rows.map((r) => r[2]))];
        if (vpcs.length > 1) throw new Error(`dynamo-ha:cluster.existingSubnetIds: all subnets must be in one VPC, got ${JSON.stringify(vpcs)}`);
        return subnetsByZone(rows.map(([id, availabilityZone]) => ({ id, availabilityZone })), args.zones);
      });
      this.privateSubnetIds = Object.fromEntries(args.zones.map((z) => [z, byZone.apply((b) => b[z])]));
      this.vpcId = found[0].vpcId;
    } else {
      const vpc = new ec2.Vpc(name, { cidrBlock: args.vpcCidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { ...tags, Name: name } }, { parent: this });
      const igw = new ec2.InternetGateway(name, { vpcId: vpc.id, tags: { ...tags, Name: name } }, { parent: this });
      const publicRoutes = new ec2.RouteTable(`${name}-public`, { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }], tags: { ...tags, Name: `${name}-public` } }, { parent: this });
      const cluster = { [`kubernetes.io/cluster/${args.clusterName}`]: "shared" };
      this.privateSubnetIds = {};
      privateIds = [];
      for (const s of planSubnets(args.vpcCidr, args.zones)) {
        const pub = new ec2.Subnet(
          `${name}-public-${s.zone}`,
          { vpcId: vpc.id, cidrBlock: s.publicCidr, availabilityZone: s.zone, tags: { ...tags, ...cluster, Name: `${name}-public-${s.zone}`, "kubernetes.io/role/elb": "1" } },
          { parent: this },
        );
        this.publicSubnetIds.push(pub.id);
        new ec2.RouteTableAssociation(`${name}-public-${s.zone}`, { subnetId: pub.id, routeTableId: publicRoutes.id }, { parent: this });
        const eip = new ec2.Eip(`${name}-nat-${s.zone}`, { domain: "vpc", tags: { ...tags, Name: `${name}-nat-${s.zone}` } }, { parent: this });
        const nat = new ec2.NatGateway(`${name}-${s.zone}`, { subnetId: pub.id, allocationId: eip.id, tags: { ...tags, Name: `${name}-${s.zone}` } }, { parent: this, dependsOn: [igw] });
        const priv = new ec2.Subnet(
          `${name}-private-${s.zone}`,
          { vpcId: vpc.id, cidrBlock: s.privateCidr, availabilityZone: s.zone, tags: { ...tags, ...cluster, Name: `${name}-private-${s.zone}`, "kubernetes.io/role/internal-elb": "1" } },
          { parent: this },
        );
        const routes = new ec2.RouteTable(`${name}-private-${s.zone}`, { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }], tags: { ...tags, Name: `${name}-private-${s.zone}` } }, { parent: this });
        new ec2.RouteTableAssociation(`${name}-private-${s.zone}`, { subnetId: priv.id, routeTableId: routes.id }, { parent: this });
        this.privateSubnetIds[s.zone] = [priv.id];
        privateIds.push(priv.id);
      }
      this.vpcId = vpc.id;
    }
    this.allPrivateSubnetIds = privateIds ?? pulumi.all(args.zones.map((z) => pulumi.output(this.privateSubnetIds[z]))).apply((l) => l.flat());
    this.registerOutputs({ vpcId: this.vpcId, privateSubnetIds: this.allPrivateSubnetIds });
  }
}
