// The AWS frontend edge: an internet-facing ALB in the public subnets. HTTPS only (no port 80), TLS 1.2+
// with an ACM certificate, the client ranges in its security group, a JWT on every request but the
// health path, forwarded to a fixed NodePort of the on-demand system nodes, which admit that port
// from the ALB's security group only. The cluster's own load balancer stays internal.
import * as autoscaling from "@pulumi/aws/autoscaling";
import * as ec2 from "./sdk/ec2";
import * as lb from "@pulumi/aws/lb";
import * as vpc from "@pulumi/aws/vpc";
import * as pulumi from "@pulumi/pulumi";
import {
  ALB_IDLE_TIMEOUT_SECONDS,
  ALB_TLS_POLICY,
  albIngressRules,
  albName,
  healthRuleConditions,
  HTTPS_PORT,
  JwtSettings,
  listenerActions,
  targetHealthCheck,
} from "./frontend-edge-plan";

export interface AwsFrontendEdgeArgs {
  /** Stack name, for the ALB and target group names. */
  readonly stack: string;
  readonly vpcId: pulumi.Input<string>;
  /** Public subnets of at least two zones. */
  readonly publicSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Security group of the target nodes: it admits the NodePort from the ALB only. */
  readonly nodeSecurityGroupId: pulumi.Input<string>;
  /** Auto Scaling group whose instances are the targets. */
  readonly targetAutoscalingGroupName: pulumi.Input<string>;
  /** The frontend's NodePort. */
  readonly nodePort: number;
  /** Client CIDRs admitted on 443; never empty, never /0 (checked in config). */
  readonly sourceRanges: readonly string[];
  /** ACM certificate ARN of the HTTPS listener. */
  readonly certificateArn: string;
  /** JWT validation of every request but the health path. */
  readonly jwt: JwtSettings;
  /** Health path: served without a token, probed by the target group and global health checks. */
  readonly healthPath: string;
  /** Keep the ALB (its DNS name is what global routing points at): deletion protection. @default true */
  readonly protect?: boolean;
  /** @default {} */
  readonly tags?: Record<string, string>;
}

/** Pass the region's AWS provider as `providers: [provider]`. */
export class AwsFrontendEdge extends pulumi.ComponentResource {
  readonly loadBalancer: lb.LoadBalancer;
  /** Bare DNS name of the ALB: the frontend's host for global routing. */
  readonly host: pulumi.Output<string>;
  readonly port = HTTPS_PORT;
  readonly protocol = "HTTPS";

  constructor(name: string, args: AwsFrontendEdgeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:aws:FrontendEdge", name, {}, opts);
    const child = { parent: this };
    const tags = args.tags ?? {};
    const protect = args.protect ?? true;

    const sg = new ec2.SecurityGroup(`${name}-alb`, { vpcId: args.vpcId, description: "dynamo-ha frontend edge: HTTPS from the configured client ranges", tags: { ...tags, Name: `${name}-alb` } }, child);
    albIngressRules(args.sourceRanges).forEach((r, i) => new vpc.SecurityGroupIngressRule(`${name}-https-${i}`, { securityGroupId: sg.id, ...r, tags }, child));
    const toNodes = { fromPort: args.nodePort, toPort: args.nodePort, ipProtocol: "tcp" };
    new vpc.SecurityGroupEgressRule(`${name}-to-nodes`, { securityGroupId: sg.id, referencedSecurityGroupId: args.nodeSecurityGroupId, ...toNodes, description: "frontend NodePort", tags }, child);
    // JWT validation fetches the issuer's signing keys from jwksEndpoint, which AWS requires to be public
    // (ALB user guide, "Verify JWTs"); a new group has no egress (the provider strips the default rule).
    new vpc.SecurityGroupEgressRule(`${name}-to-jwks`, { securityGroupId: sg.id, cidrIpv4: "0.0.0.0/0", fromPort: HTTPS_PORT, toPort: HTTPS_PORT, ipProtocol: "tcp", description: "JWKS endpoint of the token issuer", tags }, child);
    // The origin accepts the edge only: the nodes admit the NodePort from the ALB's security group.
    new vpc.SecurityGroupIngressRule(`${name}-from-alb`, { securityGroupId: args.nodeSecurityGroupId, referencedSecurityGroupId: sg.id, ...toNodes, description: "frontend NodePort from the edge ALB", tags }, child);

    this.loadBalancer = new lb.LoadBalancer(
      `${name}-alb`,
      {
        name: albName(args.stack, "edge"),
        loadBalancerType: "application",
        internal: false,
        securityGroups: [sg.id],
        subnets: args.publicSubnetIds,
        dropInvalidHeaderFields: true,
        idleTimeout: ALB_IDLE_TIMEOUT_SECONDS,
        enableDeletionProtection: protect,
        tags,
      },
      child,
    );
    const targets = new lb.TargetGroup(
      `${name}-frontend`,
      {
        name: albName(args.stack, "frontend"),
        port: args.nodePort,
        protocol: "HTTP",
        targetType: "instance",
        vpcId: args.vpcId,
        healthCheck: targetHealthCheck(args.healthPath),
        // In-flight completions finish while a node leaves.
        deregistrationDelay: 60,
        tags,
      },
      // Named, so a replacement (another port) must delete the old group first.
      { ...child, deleteBeforeReplace: true },
    );
    new autoscaling.Attachment(`${name}-targets`, { autoscalingGroupName: args.targetAutoscalingGroupName, lbTargetGroupArn: targets.arn }, child);
    const listener = new lb.Listener(
      `${name}-https`,
      {
        loadBalancerArn: this.loadBalancer.arn,
        port: HTTPS_PORT,
        protocol: "HTTPS",
        sslPolicy: ALB_TLS_POLICY,
        certificateArn: args.certificateArn,
        // The ARN is known only after deploy; the actions around it are plain values the pack can judge.
        defaultActions: listenerActions(args.jwt, targets.arn),
        tags,
      },
      child,
    );
    new lb.ListenerRule(
      `${name}-health`,
      { listenerArn: listener.arn, priority: 1, conditions: healthRuleConditions(args.healthPath), actions: [{ type: "forward", targetGroupArn: targets.arn }], tags },
      child,
    );
    this.host = this.loadBalancer.dnsName;
    this.registerOutputs({ host: this.host, port: this.port, protocol: this.protocol });
  }
}
