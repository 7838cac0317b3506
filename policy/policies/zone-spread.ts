import { ResourceValidationPolicy } from "@pulumi/policy";
import { cfgInt } from "../lib/stack";
import { zoneSpread } from "../lib/spread";
import { isUnknown, plainProps } from "../lib/values";
import { WORKLOAD_TYPES, workloadsOf } from "../lib/workloads";

export interface ZoneSpreadConfig {
  minReplicas?: number;
}

/** Without a zone constraint the scheduler may pack every replica into one zone; a zone outage takes all. */
export const zoneSpreadPolicy: ResourceValidationPolicy = {
  name: "zone-spread",
  description: `Workloads with 2 or more replicas spread across zones: a topologySpreadConstraint with whenUnsatisfiable DoNotSchedule, or required pod anti-affinity, on topology.kubernetes.io/zone that selects the pods (hostname-only spread, ScheduleAnyway and preferred anti-affinity are not enough).`,
  remediationSteps:
    "Add topologySpreadConstraints: [{maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, nodeTaintsPolicy: Honor, labelSelector: {matchLabels: <pod labels>}}] to the pod spec (DGD v1beta1: components[].podTemplate.spec; v1alpha1: services.<name>.extraPodSpec).",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: { properties: { minReplicas: { type: "integer", minimum: 1, default: 2 } } },
  validateResource: (args, report) => {
    if (!WORKLOAD_TYPES.includes(args.type)) return;
    const minReplicas = cfgInt(args.getConfig<ZoneSpreadConfig>() as Record<string, unknown>, "minReplicas", 2);
    for (const w of workloadsOf(args.type, args.name, plainProps(args.props))) {
      if (isUnknown(w.replicas) || w.replicas < minReplicas) continue;
      const v = zoneSpread(w.podSpec, w.podLabels);
      if (v.ok === false) report(`${w.label} has ${w.replicas} replicas but does not spread them across zones: ${v.detail}.`);
    }
  },
};
