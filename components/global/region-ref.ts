// One regional stack as the global stack sees it: its documented outputs, read through StackReference.
import * as pulumi from "@pulumi/pulumi";
import { REGIONAL_OUTPUTS, stackNameOf } from "../core/regional-outputs";

export interface RegionRef {
  /** Fully qualified reference, `org/dynamo-ha/<stack>`. */
  readonly ref: string;
  /** The stack name (used as Route 53 set identifier, origin and endpoint names). */
  readonly stack: string;
  readonly frontendEndpoint: pulumi.Output<string>;
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
    frontendEndpoint: get<string>(REGIONAL_OUTPUTS.frontendEndpoint),
    healthPath: get<string>(REGIONAL_OUTPUTS.healthPath),
    region: get<string>(REGIONAL_OUTPUTS.region),
    role: get<string>(REGIONAL_OUTPUTS.role),
    priority: get<number>(REGIONAL_OUTPUTS.priority),
    weight: get<number>(REGIONAL_OUTPUTS.weight),
    cloud: get<string>(REGIONAL_OUTPUTS.cloud),
  };
}
