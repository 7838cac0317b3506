import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../lib/keys";
import { leaderElection } from "../lib/leader";
import { chartName, HELM_TYPES, platformValues } from "../lib/platform-chart";
import { cfgInt } from "../lib/stack";
import { at, bool, int, isUnknown, plainProps } from "../lib/values";
import { workloadsOf } from "../lib/workloads";

export interface LeaderElectionConfig {
  minOperatorReplicas?: number;
}

/**
 * A controller with one replica leaves the Dynamo admission webhook (failurePolicy Fail) without an
 * endpoint during every restart; with several replicas and no leader election they fight over objects.
 */
export const leaderElectionPolicy: ResourceValidationPolicy = {
  name: "leader-election",
  description:
    "Controllers with 2 or more replicas (label control-plane: controller-manager or a --leader-elect flag) run with leader election on; the Dynamo platform chart runs 2 or more operator replicas with leader election not disabled.",
  remediationSteps:
    "Pass --leader-elect (or --leader-election) to multi-replica controllers. For the dynamo-platform chart set dynamo-operator.controllerManager.replicas: 2 and do not set dynamo-operator.controllerManager.leaderElection.enabled: false.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: { properties: { minOperatorReplicas: { type: "integer", minimum: 1, default: 2 } } },
  validateResource: (args, report) => {
    if (args.type !== T.deployment && args.type !== T.statefulSet && !HELM_TYPES.includes(args.type)) return;
    const props = plainProps(args.props);
    if (args.type === T.deployment || args.type === T.statefulSet) {
      for (const w of workloadsOf(args.type, args.name, props)) {
        if (isUnknown(w.replicas) || w.replicas < 2) continue;
        const v = leaderElection(w.podSpec, w.podLabels);
        if (v.controller && v.enabled === false) report(`${w.label} is a controller with ${w.replicas} replicas but leader election is off: ${v.detail}.`);
      }
      return;
    }
    const values = platformValues(args.type, props);
    if (values === undefined || isUnknown(values)) return;
    const op = at(values, "dynamo-operator");
    if (bool(at(op, "enabled")) === false) return;
    const minReplicas = cfgInt(args.getConfig<LeaderElectionConfig>() as Record<string, unknown>, "minOperatorReplicas", 2);
    const what = chartName(args.type, args.name);
    const replicas = int(at(op, "controllerManager", "replicas"));
    if (replicas === undefined) {
      report(`${what}: dynamo-operator.controllerManager.replicas is not set (the chart default is 1 in some versions); set it to ${minReplicas} or more.`);
    } else if (!isUnknown(replicas) && replicas < minReplicas) {
      report(`${what}: dynamo-operator.controllerManager.replicas is ${replicas}; run ${minReplicas} or more so the admission webhook survives a restart.`);
    }
    if (bool(at(op, "controllerManager", "leaderElection", "enabled")) === false) {
      report(`${what}: dynamo-operator.controllerManager.leaderElection.enabled is false; replicas would reconcile the same graphs concurrently.`);
    }
    const args2 = at(op, "controllerManager", "manager", "args");
    if (Array.isArray(args2) && args2.some((a) => typeof a === "string" && /^--leader-elect(ion)?=(false|0)$/i.test(a))) {
      report(`${what}: dynamo-operator.controllerManager.manager.args turns leader election off.`);
    }
  },
};
