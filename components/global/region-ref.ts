// One regional stack as the global stack sees it: its documented outputs, read through StackReference,
// and the whole set resolved and checked against what the routing service accepts.
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../core/config/schema";
import { REGIONAL_OUTPUTS, stackNameOf } from "../core/regional-outputs";
import { checkRegionValues, RegionValues, RoutingChoice } from "./region-checks";

export interface RegionRef {
  /** Fully qualified reference, `org/dynamo-ha/<stack>`. */
  readonly ref: string;
  /** The stack name (used as Route 53 set identifier, origin and endpoint names). */
  readonly stack: string;
  /** Bare hostname or IP of the frontend's load balancer. */
  readonly host: pulumi.Output<string>;
  readonly port: pulumi.Output<number>;
  /** `HTTP` or `HTTPS`. */
  readonly protocol: pulumi.Output<string>;
  readonly healthPath: pulumi.Output<string>;
  readonly region: pulumi.Output<string>;
  readonly role: pulumi.Output<string>;
  readonly priority: pulumi.Output<number>;
  readonly weight: pulumi.Output<number>;
  readonly cloud: pulumi.Output<string>;
}

/** `requireOutput` fails the run with the missing name if a regional stack does not export it. */
export function readRegion(ref: string, opts?: pulumi.CustomResourceOptions): RegionRef {
  const stack = stackNameOf(ref);
  const sr = new pulumi.StackReference(stack, { name: ref }, opts);
  const get = <T>(n: string) => sr.requireOutput(n) as pulumi.Output<T>;
  return {
    ref,
    stack,
    host: get<string>(REGIONAL_OUTPUTS.frontendHost),
    port: get<number>(REGIONAL_OUTPUTS.frontendPort),
    protocol: get<string>(REGIONAL_OUTPUTS.frontendProtocol),
    healthPath: get<string>(REGIONAL_OUTPUTS.healthPath),
    region: get<string>(REGIONAL_OUTPUTS.region),
    role: get<string>(REGIONAL_OUTPUTS.role),
    priority: get<number>(REGIONAL_OUTPUTS.priority),
    weight: get<number>(REGIONAL_OUTPUTS.weight),
    cloud: get<string>(REGIONAL_OUTPUTS.cloud),
  };
}

/**
 * Every region's outputs, resolved and checked for the routing service. Routing resources take their
 * inputs from this one Output, so a value the service would refuse stops the run (one line, no
 * stack trace) before any of them is registered with it.
 */
export function resolveRegions(regions: readonly RegionRef[], g: RoutingChoice): pulumi.Output<readonly RegionValues[]> {
  const each = regions.map((r) =>
    pulumi
      .output({ host: r.host, port: r.port, protocol: r.protocol, healthPath: r.healthPath, region: r.region, role: r.role, priority: r.priority, weight: r.weight, cloud: r.cloud })
      .apply((v): RegionValues => ({ stack: r.stack, ...v })),
  );
  return pulumi.all(each).apply((rs) => {
    try {
      return checkRegionValues(g, rs);
    } catch (e) {
      if (e instanceof ConfigError) throw new pulumi.RunError(e.message);
      throw e;
    }
  });
}

/** The i-th region's value of one field, from the checked set. */
export function field<K extends keyof RegionValues>(checked: pulumi.Output<readonly RegionValues[]>, i: number, k: K): pulumi.Output<RegionValues[K]> {
  return checked.apply((rs) => rs[i][k]);
}
