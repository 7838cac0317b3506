// Pure values of the AWS frontend edge (components/aws/frontend-edge.ts): an internet-facing ALB that
// terminates TLS, admits only the configured client ranges and validates a JWT on every request but
// the health path, in front of a fixed NodePort of the frontend.
import type { FrontendOrigin } from "../core/cluster-facts";

/**
 * TLS 1.3 and 1.2 with forward-secret ciphers only; the ALB policy AWS recommends
 * (docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html).
 */
export const ALB_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
export const HTTPS_PORT = 443;
/** What the edge names itself in `frontendOrigin` and outputs. */
export const AWS_EDGE = "alb";
/**
 * Seconds an idle connection stays open: a long completion that streams nothing until it is done
 * would be cut at the ALB's default of 60.
 */
export const ALB_IDLE_TIMEOUT_SECONDS = 300;

/** The frontend's side: a NodePort Service on this port (components/k8s/frontend-service.ts). */
export function awsFrontendOrigin(nodePort: number): FrontendOrigin {
  return { kind: "node-port", nodePort, edge: AWS_EDGE };
}

/**
 * An ALB or target group name: ≤ 32 letters, digits and '-', not starting or ending with '-', and
 * never starting with `internal-` (the ELB API's naming rules).
 */
export function albName(stack: string, suffix: string): string {
  const base = `dha-${stack}`
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/-+/g, "-");
  const room = 32 - suffix.length - 1;
  return `${base.slice(0, room).replace(/-+$/, "")}-${suffix}`;
}

/** One ingress rule on 443 per client range: the ALB's security group admits nothing else. */
export function albIngressRules(sourceRanges: readonly string[]): { cidrIpv4: string; fromPort: number; toPort: number; ipProtocol: string; description: string }[] {
  return sourceRanges.map((cidr) => ({ cidrIpv4: cidr, fromPort: HTTPS_PORT, toPort: HTTPS_PORT, ipProtocol: "tcp", description: `HTTPS from ${cidr}` }));
}

export interface JwtSettings {
  readonly issuer: string;
  readonly jwksEndpoint: string;
  /** Accepted `aud` values; empty checks none. */
  readonly audiences: readonly string[];
  /** How tokens carry `aud`. @default "single-string" */
  readonly audienceFormat?: string;
}

/**
 * The listener's JWT validation: the ALB checks the bearer token's RS256 signature against the JWKS,
 * `iss` and `exp` (and `nbf`/`iat` when present), plus `aud` when audiences are given; a request
 * without a valid token is refused (docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-verify-jwt.html).
 */
export function jwtValidation(j: JwtSettings): { issuer: string; jwksEndpoint: string; additionalClaims?: { name: string; format: string; values: string[] }[] } {
  return {
    issuer: j.issuer,
    jwksEndpoint: j.jwksEndpoint,
    ...(j.audiences.length > 0 ? { additionalClaims: [{ name: "aud", format: j.audienceFormat ?? "single-string", values: [...j.audiences] }] } : {}),
  };
}

/** Default actions of the HTTPS listener: validate the JWT, then forward. */
export function listenerActions<A = string>(j: JwtSettings, targetGroupArn: A): { type: string; order: number; jwtValidation?: ReturnType<typeof jwtValidation>; targetGroupArn?: A }[] {
  return [
    { type: "jwt-validation", order: 1, jwtValidation: jwtValidation(j) },
    { type: "forward", order: 2, targetGroupArn },
  ];
}

/**
 * The one path served without a token: global health checks (Route 53) carry none. Exactly the
 * health path, GET only, so nothing else of the API slips through.
 */
export function healthRuleConditions(healthPath: string): { pathPattern?: { values: string[] }; httpRequestMethod?: { values: string[] } }[] {
  return [{ pathPattern: { values: [healthPath] } }, { httpRequestMethod: { values: ["GET", "HEAD"] } }];
}

/** Target group health check: the frontend's health path on the NodePort (503 while draining). */
export function targetHealthCheck(healthPath: string): { enabled: boolean; path: string; port: string; protocol: string; matcher: string; interval: number; healthyThreshold: number; unhealthyThreshold: number } {
  return { enabled: true, path: healthPath, port: "traffic-port", protocol: "HTTP", matcher: "200", interval: 10, healthyThreshold: 2, unhealthyThreshold: 2 };
}
