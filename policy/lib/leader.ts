// Leader election of controllers. Two active replicas of a reconciling controller fight over the same
// objects; controller-runtime and client-go elect one leader when told to.
import { at, isUnknown, own, text, Tri, UNKNOWN } from "./values";
import { Labels } from "./selectors";

const FLAG = /^--(leader-elect|leader-election|enable-leader-election|ha-enable-leader-election)(?:=(.*))?$/;
const CONFIG_FLAG = /^--(config|config-file)(=|$)/;

export interface LeaderVerdict {
  /** Whether the pod looks like a controller (kubebuilder label or a leader-election flag). */
  controller: boolean;
  /** Whether leader election is on; UNKNOWN when args are unknown. */
  enabled: Tri;
  detail: string;
}

function argsOf(podSpec: unknown): string[] | typeof UNKNOWN {
  const out: string[] = [];
  for (const field of ["containers", "initContainers"]) {
    const cs = at(podSpec, field);
    if (isUnknown(cs)) return UNKNOWN;
    if (!Array.isArray(cs)) continue;
    for (const c of cs) {
      for (const k of ["command", "args"]) {
        const a = at(c, k);
        if (isUnknown(a)) return UNKNOWN;
        if (Array.isArray(a)) for (const x of a) if (typeof x === "string") out.push(x);
      }
    }
  }
  return out;
}

export function leaderElection(podSpec: unknown, podLabels: Labels): LeaderVerdict {
  const kubebuilder = own(podLabels, "control-plane") === "controller-manager";
  const args = argsOf(podSpec);
  if (isUnknown(args)) return { controller: kubebuilder, enabled: UNKNOWN, detail: "" };
  const flags = args.map((a) => FLAG.exec(a)).filter((m): m is RegExpExecArray => m !== null);
  if (flags.length === 0) {
    // controller-runtime managers that read a config file (the Dynamo operator) set it there.
    if (kubebuilder && args.some((a) => CONFIG_FLAG.test(a))) return { controller: true, enabled: true, detail: "" };
    return { controller: kubebuilder, enabled: false, detail: "no --leader-elect flag" };
  }
  const off = flags.find((m) => m[2] !== undefined && /^(false|0|f|no)$/i.test(m[2]));
  return off ? { controller: true, enabled: false, detail: `${text(off[0])} turns it off` } : { controller: true, enabled: true, detail: "" };
}
