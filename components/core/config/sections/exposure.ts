import { IP_NETWORK_CIDR, IPV4_CIDR, NETWORK_CIDR } from "../grammar";
import { bool, enumOf, int, list, obj, secret, str } from "../schema";

/** The claim formats the ALB's JWT validation compares with (ELB API, JwtValidationActionAdditionalClaim). */
export const JWT_CLAIM_FORMATS = ["single-string", "string-array", "space-separated-values"] as const;

/** An ACM certificate ARN (arn:<partition>:acm:<region>:<12-digit account>:certificate/<id>). */
export const ACM_CERTIFICATE_ARN = /^arn:aws(-cn|-us-gov|-iso[a-z]?)?:acm:[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+:\d{12}:certificate\/[A-Za-z0-9-]{1,128}$/;
/** An https URL with a host, no fragment, RFC 3986 characters only (ALB JWT issuer and JWKS endpoint). */
export const HTTPS_URL = /^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*)?(\?[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*)?$/;
/** An HTTP header name (RFC 9110 token characters). */
export const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/;
/** A Front Door profile's ID (`frontDoorId`, a GUID), as Front Door sends it in X-Azure-FDID. */
export const FRONT_DOOR_ID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
export const WAF_MODES = ["Prevention", "Detection"] as const;
/** The NodePort range of a default API server (--service-node-port-range 30000-32767). */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;

/** `dynamo-ha:exposure.edge` — the only way the frontend reaches the internet: TLS, source ranges and authentication at the cloud's edge. */
export const edgeSection = obj(
  {
    enabled: bool({
      doc: "Serve the frontend to the internet through a TLS edge with authentication (AWS: an internet-facing ALB with an ACM certificate and JWT validation; Azure: Front Door Premium with WAF and a Private Link origin). The cluster's load balancer stays internal and admits only the edge. Required for a stack in a DR set (dr.peerStack): global routing reaches regions through their edge.",
      default: false,
    }),
    sourceRanges: list(str({ doc: "CIDR", grammar: NETWORK_CIDR }), {
      doc: "Client CIDRs the edge admits (AWS: the ALB's security group; Azure: a WAF rule); required and non-empty with the edge, never a /0. Include the global routing service's health checker ranges (Route 53: the ROUTE53_HEALTHCHECKS ranges of ip-ranges.json).",
      default: [],
      distinct: true,
      what: "CIDRs",
    }),
    aws: obj(
      {
        certificateArn: str({ doc: "ACM certificate of the ALB's HTTPS listener, in the stack's region; it covers the names clients use (the global record).", defaultText: "none", pattern: ACM_CERTIFICATE_ARN, patternText: "an ACM certificate ARN like arn:aws:acm:us-east-1:123456789012:certificate/<id>" }),
        jwtIssuer: str({ doc: "Issuer (`iss`) of the JWTs the ALB accepts (RS256 bearer tokens from your identity provider).", defaultText: "none", pattern: HTTPS_URL, patternText: "an https URL" }),
        jwksEndpoint: str({ doc: "JWKS endpoint of that issuer (full https URL; at most 10 keys, 150 KB).", defaultText: "none", pattern: HTTPS_URL, patternText: "an https URL" }),
        audiences: list(str({ doc: "audience", pattern: /^[\x21-\x7e]{1,256}$/, patternText: "printable ASCII without spaces, ≤ 256 characters" }), { doc: "Accepted `aud` claim values; empty checks no audience.", default: [], distinct: true, what: "audiences" }),
        audienceFormat: enumOf(JWT_CLAIM_FORMATS, {
          doc: "How the tokens carry `aud`: one string (most issuers), a JSON array, or space-separated values (ALB JwtValidationActionAdditionalClaim.Format).",
          default: "single-string",
        }),
        publicSubnetIds: list(str({ doc: "subnet id", pattern: /^subnet-[0-9a-f]{1,17}$/, patternText: "a subnet id like \"subnet-0123456789abcdef0\" (at most 17 hex digits)" }), {
          doc: "Public subnets of the ALB (one per zone); required with cluster.existingSubnetIds, else the created VPC's public subnets.",
          default: [],
          distinct: true,
          what: "subnets",
        }),
        nodePort: int({ doc: "NodePort of the frontend the ALB's instance targets reach; only the ALB's security group may reach it.", default: 30800, min: NODE_PORT_RANGE.min, max: NODE_PORT_RANGE.max }),
      },
      { doc: "AWS edge.", optional: true },
    ),
    azure: obj(
      {
        apiKey: secret({ doc: "API key clients send in apiKeyHeader; the WAF blocks requests without it (secret; required with the edge on Azure).", optional: true }),
        apiKeyHeader: str({ doc: "Request header holding the API key.", default: "x-api-key", pattern: HEADER_NAME, patternText: "an HTTP header name" }),
        wafMode: enumOf(WAF_MODES, { doc: "WAF mode; prod requires Prevention (Detection only logs).", default: "Prevention" }),
        frontDoorIds: list(str({ doc: "Front Door ID", pattern: FRONT_DOOR_ID, patternText: "a Front Door ID (a GUID like 01234567-89ab-cdef-0123-456789abcdef)" }), {
          doc: "IDs of the Front Door profiles allowed to forward from outside sourceRanges (from frontDoorBackendRanges): the global stack's `frontDoorId` output with azure-frontdoor routing, whose WAF checks the clients' ranges (global.sourceRanges). A request still needs the API key.",
          default: [],
          distinct: true,
          what: "Front Door IDs",
        }),
        frontDoorBackendRanges: list(str({ doc: "CIDR", grammar: IP_NETWORK_CIDR }), {
          doc: "Address ranges of the AzureFrontDoor.Backend service tag (`az network list-service-tags --location <region> --query \"values[?name=='AzureFrontDoor.Backend'].properties.addressPrefixes\"`; they change, refresh them). Required with frontDoorIds, refused without: a request from outside sourceRanges passes only from these ranges AND with a listed X-Azure-FDID, which a client cannot forge from elsewhere.",
          default: [],
          distinct: true,
          what: "CIDRs",
        }),
      },
      { doc: "Azure edge.", optional: true },
    ),
  },
  { doc: "Public TLS edge.", optional: true },
);

/** `dynamo-ha:exposure` — how the frontend is reached. */
export const exposureSection = obj(
  {
    loadBalancer: bool({
      doc: "Put a cross-zone `LoadBalancer` Service (NLB on AWS, Azure Load Balancer) beside the frontend's ClusterIP Service; off keeps the frontend in-cluster only.",
      default: true,
    }),
    internalLoadBalancer: bool({
      doc: "Make the load balancer internal (private addresses only). false serves plain, unauthenticated HTTP to the addresses in loadBalancerSourceRanges: refused in prod and with the edge; use exposure.edge for public exposure.",
      default: true,
    }),
    loadBalancerSourceRanges: list(str({ doc: "CIDR", grammar: IPV4_CIDR }), {
      doc: "Client CIDRs the load balancer admits (the Service's `loadBalancerSourceRanges`); required when internalLoadBalancer is false. Empty admits every address that can route to it.",
      default: [],
    }),
    edge: edgeSection,
  },
  { doc: "Frontend exposure.", optional: true },
);
