// How the stack carves its VPC: one large private subnet per zone (pods take VPC addresses) and one
// small public subnet per zone for that zone's NAT gateway, so losing a zone never cuts another's egress.

export interface ZoneSubnets {
  readonly zone: string;
  readonly privateCidr: string;
  readonly publicCidr: string;
}

export { isNetworkCidr, MAX_VPC_ZONES } from "../core/config/checks/aws";

function parseCidr(cidr: string): { base: number; prefix: number } {
  const [ip, p] = cidr.split("/");
  const base = ip.split(".").reduce((a, o) => a * 256 + Number(o), 0);
  return { base, prefix: Number(p) };
}

function formatCidr(base: number, prefix: number): string {
  const octets = [24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256);
  return `${octets.join(".")}/${prefix}`;
}

/** Splits `vpcCidr` (/16–/20) into 8 equal blocks: zone i gets block i; block 7 is cut into 8 public subnets. */
export function planSubnets(vpcCidr: string, zones: readonly string[]): ZoneSubnets[] {
  const { base, prefix } = parseCidr(vpcCidr);
  const block = 2 ** (32 - prefix - 3);
  const publicBase = base + 7 * block;
  const publicSize = block / 8;
  return zones.map((zone, i) => ({
    zone,
    privateCidr: formatCidr(base + i * block, prefix + 3),
    publicCidr: formatCidr(publicBase + i * publicSize, prefix + 6),
  }));
}
