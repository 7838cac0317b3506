// Frontend exposure rules: internal by default; public only through a TLS edge with source ranges and
// authentication; a stack in a DR set is reached through its edge.
import { isNetworkCidr } from "../grammar";
import { ConfigError, show } from "../schema";
import { RegionalConfig } from "../stack-config";
import { openRange } from "./open-cidr";

/**
 * Match values of all conditions of one Front Door WAF custom rule, at most (azurerm docs,
 * website/docs/r/cdn_frontdoor_firewall_policy.html.markdown in hashicorp/terraform-provider-azurerm);
 * the edge's rule builder (components/azure/frontend-edge-plan.ts) shares it.
 */
export const WAF_RULE_MAX_MATCH_VALUES = 600;

const fail = (key: string, allowed: string, value: unknown): never => {
  throw new ConfigError(`dynamo-ha:exposure.${key}: ${allowed}, got ${show(value)}`);
};

export function checkExposure(c: RegionalConfig): void {
  const e = c.exposure;
  const bad = e.loadBalancerSourceRanges.find((x) => !isNetworkCidr(x));
  if (bad !== undefined) fail("loadBalancerSourceRanges", `${show(bad)} is not an IPv4 network CIDR like "203.0.113.0/24"`, e.loadBalancerSourceRanges);
  if (!e.internalLoadBalancer) checkPublicLoadBalancer(c);
  if (e.edge.enabled) checkEdge(c);
  checkDrExposure(c);
}

/** A public load balancer serves plain HTTP without authentication: never in prod, never beside the edge, never to everyone. */
function checkPublicLoadBalancer(c: RegionalConfig): void {
  const e = c.exposure;
  if (e.edge.enabled) fail("internalLoadBalancer", "the edge keeps the load balancer internal (it admits only the edge); set true", false);
  if (c.env === "prod") fail("internalLoadBalancer", "a prod stack serves the internet only through exposure.edge (TLS, source ranges, authentication); set true and enable the edge", false);
  if (e.loadBalancerSourceRanges.length === 0 || openRange(e.loadBalancerSourceRanges) !== undefined) {
    fail("loadBalancerSourceRanges", "a public load balancer (internalLoadBalancer false) needs client CIDRs, none of them /0", e.loadBalancerSourceRanges);
  }
}

function checkEdge(c: RegionalConfig): void {
  const edge = c.exposure.edge;
  if (edge.sourceRanges.length === 0) fail("edge.sourceRanges", "the edge needs the client CIDRs it admits (at least one)", edge.sourceRanges);
  const open = openRange(edge.sourceRanges);
  if (open !== undefined) fail("edge.sourceRanges", `a range that admits every address (${open}) is not a restriction; list the client CIDRs`, edge.sourceRanges);
  if (c.cloud === "aws") checkAwsEdge(c);
  else checkAzureEdge(c);
}

function checkAwsEdge(c: RegionalConfig): void {
  const a = c.exposure.edge.aws;
  if (a.certificateArn === undefined) fail("edge.aws.certificateArn", "the ALB's HTTPS listener needs an ACM certificate ARN", undefined);
  // ACM certificates are regional: an ALB takes only one from its own region.
  const certRegion = a.certificateArn.split(":")[3];
  if (certRegion !== c.region) fail("edge.aws.certificateArn", `an ACM certificate in the stack's region ${c.region}`, a.certificateArn);
  if (a.jwtIssuer === undefined) fail("edge.aws.jwtIssuer", "the ALB validates JWTs: set the issuer of your identity provider", undefined);
  if (a.jwksEndpoint === undefined) fail("edge.aws.jwksEndpoint", "the ALB validates JWTs: set the issuer's JWKS endpoint", undefined);
  if (c.cluster.existingSubnetIds.length > 0 && a.publicSubnetIds.length < 2) {
    fail("edge.aws.publicSubnetIds", "adopted subnets (cluster.existingSubnetIds) need the ALB's public subnets, at least 2 zones", a.publicSubnetIds);
  }
  if (c.exposure.edge.azure.apiKey !== undefined) fail("edge.azure.apiKey", "Azure only (the AWS edge validates JWTs)", "[secret]");
  if (c.exposure.edge.azure.frontDoorIds.length > 0) fail("edge.azure.frontDoorIds", "Azure only (the AWS edge admits only sourceRanges)", c.exposure.edge.azure.frontDoorIds);
  if (c.exposure.edge.azure.frontDoorBackendRanges.length > 0) fail("edge.azure.frontDoorBackendRanges", "Azure only (the AWS edge admits only sourceRanges)", c.exposure.edge.azure.frontDoorBackendRanges);
}

function checkAzureEdge(c: RegionalConfig): void {
  const z = c.exposure.edge.azure;
  // Front Door reaches the frontend through a Private Link Service on the internal load balancer.
  if (!c.exposure.loadBalancer) fail("loadBalancer", "the Azure edge reaches the frontend through a Private Link Service on the internal load balancer; set true", false);
  if (z.apiKey === undefined) fail("edge.azure.apiKey", "is required with the edge on Azure (a secret: set it with `pulumi config set --path --secret`)", undefined);
  if (c.env === "prod" && z.wafMode !== "Prevention") fail("edge.azure.wafMode", "prod blocks what the WAF matches: Prevention", z.wafMode);
  checkFrontDoors(c);
  const a = c.exposure.edge.aws;
  if (a.certificateArn !== undefined || a.jwtIssuer !== undefined) fail("edge.aws", "AWS only (the Azure edge uses Front Door's certificate and an API key)", a.certificateArn ?? a.jwtIssuer);
}

/**
 * Front Door forwards a client's X-Azure-FDID unchanged, so the ID admits only from Front Door's own
 * addresses (learn.microsoft.com/azure/frontdoor/origin-security): the IDs and the AzureFrontDoor.Backend
 * ranges come together, and each WAF rule stays within its match values.
 */
function checkFrontDoors(c: RegionalConfig): void {
  const { sourceRanges } = c.exposure.edge;
  const { frontDoorIds: ids, frontDoorBackendRanges: backend } = c.exposure.edge.azure;
  if (ids.length === 0) {
    if (backend.length > 0) fail("edge.azure.frontDoorBackendRanges", "only with edge.azure.frontDoorIds (the ranges admit nothing without the Front Door IDs they pair with); remove them", backend);
    if (sourceRanges.length > WAF_RULE_MAX_MATCH_VALUES) fail("edge.sourceRanges", `at most ${WAF_RULE_MAX_MATCH_VALUES} CIDRs (a WAF rule's match values)`, sourceRanges.length);
    return;
  }
  if (backend.length === 0) fail("edge.azure.frontDoorBackendRanges", "required with edge.azure.frontDoorIds: the AzureFrontDoor.Backend ranges (`az network list-service-tags`), else anyone can send the header", backend);
  const open = openRange(backend);
  if (open !== undefined) fail("edge.azure.frontDoorBackendRanges", `a range that admits every address (${open}) is not Front Door's; list the AzureFrontDoor.Backend ranges`, backend);
  const both = sourceRanges.length + backend.length;
  if (both > WAF_RULE_MAX_MATCH_VALUES) fail("edge.azure.frontDoorBackendRanges", `sourceRanges and these together at most ${WAF_RULE_MAX_MATCH_VALUES} CIDRs (one WAF rule's match values)`, `${both} CIDRs`);
  const withIds = sourceRanges.length + new Set(ids.map((id) => id.toLowerCase())).size;
  if (withIds > WAF_RULE_MAX_MATCH_VALUES) fail("edge.azure.frontDoorIds", `sourceRanges and these together at most ${WAF_RULE_MAX_MATCH_VALUES} values (one WAF rule's match values)`, `${withIds} values`);
}

/** Global health checks probe from the internet: a stack in a DR set is reached through its edge. */
function checkDrExposure(c: RegionalConfig): void {
  const e = c.exposure;
  if (c.dr.peerStack === undefined || e.edge.enabled) return;
  if (!e.internalLoadBalancer) return; // non-prod only (checked above): a restricted public load balancer.
  fail("edge.enabled", `global routing reaches a stack in a DR set (dr.peerStack ${c.dr.peerStack}) through its TLS edge; set true`, false);
}
