import { bool, obj } from "../schema";

/** `dynamo-ha:exposure` — how the frontend is reached. */
export const exposureSection = obj(
  {
    internalLoadBalancer: bool({ doc: "Put the frontend behind an internal, cross-zone load balancer (NLB on AWS, internal LB on Azure) beside its ClusterIP Service.", default: true }),
  },
  { doc: "Frontend exposure.", optional: true },
);
