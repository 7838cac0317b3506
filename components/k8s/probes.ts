// Probes that follow Dynamo's health semantics (dynamo-facts §4) without restart loops.
//
// Worker `/live` and `/health` share one handler that answers 503 while the engine is busy
// (ai-dynamo/dynamo PR #12151), and the operator's own liveness default restarts a pod after a single
// failure (PR #2124 review). A restarted GPU worker reloads its model for minutes, so worker liveness
// here is a TCP check of the system port: the process is there and serving HTTP. Readiness keeps the
// engine-aware `/health`, and a generous startup probe covers model loading.
import { FRONTEND_PORT } from "../core/frontend";

export interface HttpGetAction {
  path: string;
  port: string;
}
export interface Probe {
  httpGet?: HttpGetAction;
  tcpSocket?: { port: string };
  initialDelaySeconds?: number;
  periodSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
  successThreshold: number;
}
export interface ProbeSet {
  livenessProbe: Probe;
  readinessProbe: Probe;
  startupProbe: Probe;
}

/** Named container ports the operator uses (dynamo-facts §4.2, §4.3); the frontend's lives in core. */
export { FRONTEND_PORT };
export const SYSTEM_PORT = { name: "system", containerPort: 9090 } as const;

type Timing = Omit<Probe, "httpGet" | "tcpSocket" | "successThreshold">;

export const httpProbe = (path: string, port: string, t: Timing): Probe => ({ httpGet: { path, port }, ...t, successThreshold: 1 });
export const tcpProbe = (port: string, t: Timing): Probe => ({ tcpSocket: { port }, ...t, successThreshold: 1 });

/** Frontend: `/live` stays 200 while draining, `/health` turns 503 as soon as draining starts. */
export function frontendProbes(): ProbeSet {
  return {
    livenessProbe: httpProbe("/live", FRONTEND_PORT.name, { periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 }),
    readinessProbe: httpProbe("/health", FRONTEND_PORT.name, { periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 }),
    startupProbe: httpProbe("/live", FRONTEND_PORT.name, { periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 60 }),
  };
}

/**
 * GPU workers. Liveness tolerates a minute of silence (6 × 10 s, the runtime's busy-stall window);
 * startup allows `startupTimeoutSeconds` for the model to load before liveness takes over.
 */
export function workerProbes(startupTimeoutSeconds: number): ProbeSet {
  const period = 10;
  return {
    livenessProbe: tcpProbe(SYSTEM_PORT.name, { periodSeconds: period, timeoutSeconds: 5, failureThreshold: 6 }),
    readinessProbe: httpProbe("/health", SYSTEM_PORT.name, { periodSeconds: period, timeoutSeconds: 4, failureThreshold: 3 }),
    startupProbe: httpProbe("/live", SYSTEM_PORT.name, { periodSeconds: period, timeoutSeconds: 5, failureThreshold: Math.ceil(startupTimeoutSeconds / period) }),
  };
}
