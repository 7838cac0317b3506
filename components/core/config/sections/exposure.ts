import { IPV4_CIDR } from "../grammar";
import { bool, list, obj, str } from "../schema";

/** `dynamo-ha:exposure` — how the frontend is reached. */
export const exposureSection = obj(
  {
    loadBalancer: bool({
      doc: "Put a cross-zone `LoadBalancer` Service (NLB on AWS, Azure Load Balancer) beside the frontend's ClusterIP Service; off keeps the frontend in-cluster only, which a stack in a DR set (dr.peerStack) cannot use.",
      default: true,
    }),
    internalLoadBalancer: bool({
      doc: "Make the load balancer internal (private addresses only). Global health checks (Route 53, Front Door, Traffic Manager) probe from the internet and cannot reach an internal one, so a stack in a DR set (dr.peerStack) must set false: the load balancer is then internet-facing; restrict it with loadBalancerSourceRanges and put authentication in front.",
      default: true,
    }),
    loadBalancerSourceRanges: list(str({ doc: "CIDR", grammar: IPV4_CIDR }), {
      doc: "Client CIDRs the load balancer admits (the Service's `loadBalancerSourceRanges`); they must include the global routing service's health checker ranges. Empty admits every address.",
      default: [],
    }),
  },
  { doc: "Frontend exposure.", optional: true },
);
