// Pod Security Admission labels for the graph namespace and the securityContext of the graph's pods.
import type { V1PodSecurityContext, V1SecurityContext } from "@kubernetes/client-node";

/** PSA modes (kubernetes.io/docs/concepts/security/pod-security-admission): reject below baseline, report below restricted. */
export const PSA_LEVELS = { enforce: "baseline", warn: "restricted", audit: "restricted" } as const;

/**
 * The namespace labels. Versions pin the rules to the cluster's minor version, so a control-plane
 * upgrade cannot tighten admission under running graphs.
 */
export function podSecurityLabels(kubernetesVersion: string): Record<string, string> {
  const version = `v${kubernetesVersion}`;
  const out: Record<string, string> = {};
  for (const [mode, level] of Object.entries(PSA_LEVELS)) {
    out[`pod-security.kubernetes.io/${mode}`] = level;
    out[`pod-security.kubernetes.io/${mode}-version`] = version;
  }
  return out;
}

/**
 * The NVIDIA Dynamo runtime images run as user `dynamo`, uid 1000, primary group 0 (OpenShift style),
 * set by `USER dynamo` (ai-dynamo/dynamo container/templates/dynamo_runtime.Dockerfile @205255bfaad28c571f286012ed2ec869cd21a07e). The
 * user is named, not numeric, so the kubelet cannot verify runAsNonRoot without an explicit uid: both
 * are set here. The venv and caches are group-0 writable, hence runAsGroup 0.
 */
export const RUNTIME_USER = { uid: 1000, gid: 0 } as const;

/** Pod level: non-root as the image's own user, seccomp RuntimeDefault for every container. */
export function graphPodSecurityContext(): V1PodSecurityContext {
  return { runAsNonRoot: true, runAsUser: RUNTIME_USER.uid, runAsGroup: RUNTIME_USER.gid, seccompProfile: { type: "RuntimeDefault" } };
}

/**
 * Container level (PSA `restricted`): no privilege escalation, every capability dropped. GPU access
 * goes through the device plugin's device nodes and needs no capability; the exceptions (RDMA's
 * IPC_LOCK) are listed in docs/kubernetes.md and are opt-in per component.
 */
export function graphContainerSecurityContext(addCapabilities: readonly string[] = []): V1SecurityContext {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    runAsNonRoot: true,
    capabilities: { drop: ["ALL"], ...(addCapabilities.length > 0 ? { add: [...addCapabilities] } : {}) },
    seccompProfile: { type: "RuntimeDefault" },
  };
}
