// What the offline plan answers for a `pulumi.StackReference` to a bundled regional stack: the
// outputs that stack would export for global routing, derived from its stack file. The frontend's
// hostname (its edge's, or its load balancer's) only exists after a deployment, so it is a `.invalid`
// placeholder; with `exposure.edge` on, the frontend is the edge's: HTTPS on 443.
import * as fs from "fs";
import * as path from "path";
import { drSection } from "../../components/core/config/sections/dr";
import { exposureSection } from "../../components/core/config/sections/exposure";
import { FRONTEND_URL_OUTPUT, REGIONAL_OUTPUTS, stackNameOf } from "../../components/core/regional-outputs";
import { FRONTEND_PROTOCOL, frontendUrl } from "../../components/k8s/frontend-service";
import { FRONTEND_PORT } from "../../components/k8s/probes";
import { loadStackFile, STACKS_DIR } from "./stack-file";

/** Placeholder bare hostname of a bundled stack's frontend load balancer. */
export function planFrontendHost(stack: string): string {
  return `${stack}.frontend.invalid`;
}

/** `{ outputs }` for a referenced bundled stack; undefined when the stack is not bundled. */
export function planStackReference(ref: string, dir = STACKS_DIR): Record<string, unknown> | undefined {
  const stack = stackNameOf(ref);
  if (!/^[A-Za-z0-9_.-]+$/.test(stack) || !fs.existsSync(path.join(dir, `Pulumi.${stack}.yaml`))) return undefined;
  const { config } = loadStackFile(stack, dir);
  const raw = config["dynamo-ha:dr"];
  const dr = drSection.parse(raw === undefined ? undefined : JSON.parse(raw), "dynamo-ha:dr");
  const rawExposure = config["dynamo-ha:exposure"];
  const edge = exposureSection.parse(rawExposure === undefined ? undefined : JSON.parse(rawExposure), "dynamo-ha:exposure").edge.enabled;
  const host = planFrontendHost(stack);
  return {
    outputs: {
      [REGIONAL_OUTPUTS.frontendHost]: host,
      [REGIONAL_OUTPUTS.frontendPort]: edge ? 443 : FRONTEND_PORT.containerPort,
      [REGIONAL_OUTPUTS.frontendProtocol]: edge ? "HTTPS" : FRONTEND_PROTOCOL,
      [FRONTEND_URL_OUTPUT]: edge ? `https://${host}` : frontendUrl(host),
      [REGIONAL_OUTPUTS.healthPath]: dr.healthPath,
      [REGIONAL_OUTPUTS.region]: config["dynamo-ha:region"],
      [REGIONAL_OUTPUTS.role]: dr.role,
      [REGIONAL_OUTPUTS.priority]: dr.priority,
      [REGIONAL_OUTPUTS.weight]: dr.weight,
      [REGIONAL_OUTPUTS.cloud]: config["dynamo-ha:cloud"],
    },
    secretOutputNames: [],
  };
}
