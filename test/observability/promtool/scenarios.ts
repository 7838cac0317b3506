// The promtool unit tests of one stack: a healthy region, the loss of one zone, and one failure per HA
// alert. Each scenario evolves a World minute by minute and says which alerts fire (with which labels
// and value) or stay silent at chosen minutes; the rules, thresholds and label sets are the stack's own.
import { Labels, RuleDoc, StackModel } from "./model";
import { KSM_TARGET, ksmLabelName, REQUESTS_PER_MINUTE, TTFT_BUCKETS, World } from "./world";

export interface Thresholds {
  readonly errorRatio: number;
  readonly ttftRegressionFactor: number;
  readonly ttftFloorSeconds: number;
  readonly gpuNodeLoss: number;
}

/** One alert firing: the labels of the expression's result, which rule (by its own labels), its value. */
export interface Firing {
  readonly result?: Labels;
  readonly rule?: Labels;
  readonly value?: number;
}

export interface Check {
  readonly alert: string;
  readonly minute: number;
  /** Every alert of that name firing then; empty means silent. */
  readonly firing: readonly Firing[];
}

export interface Scenario {
  readonly name: string;
  readonly minutes: number;
  /** Minutes between scrapes and rule evaluations (the day-long TTFT scenario uses 5). */
  readonly interval: number;
  /** Changes the world at the start of minute t (before it is scraped). */
  readonly step: (t: number, w: World) => void;
  readonly checks: readonly Check[];
}

/** Alerts the design keeps silent when one zone's nodes and pods are gone (the zone-loss sizing and spread promise). */
export const ZONE_LOSS_TOLERATED = [
  "DynamoFrontendNoReadyReplica",
  "DynamoReplicasConcentratedInOneZone",
  "DynamoRequestErrorRatioHigh",
  "DynamoTTFTP95Regression",
  "GpuCapacityBelowRequired",
  "DynamoOperatorNotReady",
  "DynamoOperatorLeaderLeaseStale",
  "DynamoEtcdNoLeader",
  "DynamoNatsJetStreamUnavailable",
] as const;

const DAY = 24 * 60;
/** Failures start once the 5-minute rate windows are full… */
const T0 = 10;
/** …or, where GpuNodesLost is checked, once its 30-minute look-back is. */
const T0_NODES = 35;

export function alertRules(m: StackModel): RuleDoc[] {
  return m.groups.flatMap((g) => g.rules).filter((r) => r.alert !== undefined);
}

export function forMinutes(r: Pick<RuleDoc, "for">): number {
  const f = /^(\d+)([smh])$/.exec(r.for ?? "0s");
  if (!f) throw new Error(`alert for: expected <n>s|m|h, got ${JSON.stringify(r.for)}`);
  const n = Number(f[1]);
  return f[2] === "h" ? n * 60 : f[2] === "m" ? n : Math.ceil(n / 60);
}

function forOf(m: StackModel, alert: string): number {
  const fs = new Set(alertRules(m).filter((r) => r.alert === alert).map(forMinutes));
  if (fs.size !== 1) throw new Error(`${m.stack}: alert ${alert} has ${fs.size} different for durations`);
  return [...fs][0];
}

const gpusOf = (w: World, ready = true) => [...w.nodes.values()].filter((n) => n.node.gpus > 0 && (!ready || n.ready));
const sumGpus = (ns: { node: { gpus: number } }[]) => ns.reduce((a, n) => a + n.node.gpus, 0);
function largestZoneGpus(w: World): number {
  const byZone = new Map<string, number>();
  for (const n of gpusOf(w)) byZone.set(n.node.zone, (byZone.get(n.node.zone) ?? 0) + n.node.gpus);
  return Math.max(0, ...byZone.values());
}

/** Alerts the world's state implies for the checks computed from it (capacity, replicas, PDBs). */
function belowDesired(w: World): Firing[] {
  return w.m.graph.components
    .filter((c) => [...w.pods.values()].filter((p) => p.pod.component === c.name && p.ready).length < c.replicas)
    .map((c) => ({ rule: { component: c.name } }));
}
function pdbsBlocked(w: World): Firing[] {
  return w.m.pdbs.filter((p) => w.disruptionsAllowed(p).allowed === 0 && w.disruptionsAllowed(p).expected > 0).map((p) => ({ result: { ...KSM_TARGET, namespace: p.namespace, poddisruptionbudget: p.name } }));
}
function zoneLossSizing(w: World, required: number): Firing[] {
  const left = sumGpus(gpusOf(w)) - largestZoneGpus(w);
  return left < required ? [{ value: left }] : [];
}

export function scenarios(m: StackModel, t: Thresholds): Scenario[] {
  const has = (alert: string) => alertRules(m).some((r) => r.alert === alert);
  const names = [...new Set(alertRules(m).map((r) => r.alert!))];
  const required = m.capacity.requiredGpus;
  const silentAll = (minute: number): Check[] => names.map((alert) => ({ alert, minute, firing: [] }));
  const out: Scenario[] = [];
  const zone0 = m.zones[0];

  // Client errors (validation) run at ~9% of requests all along and must not count as failures.
  // Healthy for longer than the longest `for`, so a rule that holds on a healthy region would have fired.
  const longest = Math.max(...alertRules(m).map(forMinutes));
  out.push({ name: "healthy", minutes: T0 + longest + 3, interval: 1, step: () => undefined, checks: [...silentAll(T0), ...silentAll(T0 + longest + 2)] });

  // One zone fails and nothing is replaced within the scenario: the tolerated alerts stay silent, the
  // capacity, replica and PDB warnings fire after their `for`.
  {
    const after = new World(m);
    after.loseZone(zone0);
    const lostGpuNodes = m.gpuNodes.filter((n) => n.zone === zone0).length;
    const checks: Check[] = [];
    for (const alert of ZONE_LOSS_TOLERATED.filter(has)) for (const minute of [T0_NODES + 5, T0_NODES + 35, T0_NODES + 75]) checks.push({ alert, minute, firing: [] });
    if (has("GpuNodesLost")) checks.push({ alert: "GpuNodesLost", minute: T0_NODES + 5, firing: lostGpuNodes >= t.gpuNodeLoss ? [{ value: lostGpuNodes }] : [] });
    if (has("GpuCapacityBelowZoneLossSizing")) {
      const f = forOf(m, "GpuCapacityBelowZoneLossSizing");
      checks.push({ alert: "GpuCapacityBelowZoneLossSizing", minute: T0_NODES + f - 1, firing: [] }, { alert: "GpuCapacityBelowZoneLossSizing", minute: T0_NODES + f, firing: zoneLossSizing(after, required) });
    }
    const bd = forOf(m, "DynamoComponentBelowDesiredReplicas");
    checks.push({ alert: "DynamoComponentBelowDesiredReplicas", minute: T0_NODES + bd - 1, firing: [] }, { alert: "DynamoComponentBelowDesiredReplicas", minute: T0_NODES + bd, firing: belowDesired(after) });
    if (has("PodDisruptionBudgetBlockingDrains")) {
      const f = forOf(m, "PodDisruptionBudgetBlockingDrains");
      checks.push({ alert: "PodDisruptionBudgetBlockingDrains", minute: T0_NODES + f - 1, firing: [] }, { alert: "PodDisruptionBudgetBlockingDrains", minute: T0_NODES + f, firing: pdbsBlocked(after) });
    }
    out.push({
      name: `zone ${zone0} lost`,
      minutes: T0_NODES + 76,
      interval: 1,
      step: (tm, w) => {
        // The leader may have run in the lost zone: its last renewal is ~50 s old at the next scrape, and the
        // standby, which takes over after the 15 s lease, renews from the scrape after on.
        if (tm === T0_NODES) {
          w.loseZone(zone0);
          w.leaseRenewedAt = T0_NODES * 60 - 50;
        }
        if (tm === T0_NODES + 1) w.leaseRenewedAt = undefined;
      },
      checks,
    });
  }

  interface FailureOptions {
    /** Minutes from the failure until the expression holds (rate windows, thresholds on age). */
    delay?: number;
    /** The alert's value at a minute, for templates that print it. */
    value?: (minute: number) => number;
    /** Later changes, called every minute after the failure with the minutes since it. */
    later?: (w: World, since: number) => void;
    /** Further minutes after the failure at which the alert must still fire. */
    stillFiringAt?: number[];
    /** Minute the failure starts (default T0). */
    start?: number;
    /** Further alerts the same failure makes fire, checked the same way. */
    also?: { alert: string; firing: Firing[] }[];
  }
  /** A failure from T0 on; the alert fires `delay` minutes later plus its `for`, and not before its `for` has passed. */
  const failure = (name: string, alert: string, change: (w: World) => void, firing: Firing[], o: FailureOptions = {}): void => {
    if (!has(alert)) return;
    const start = o.start ?? T0;
    const checks: Check[] = [];
    let end = start;
    for (const [i, x] of [{ alert, firing }, ...(o.also ?? [])].filter((y) => has(y.alert)).entries()) {
      const at = start + (i === 0 ? o.delay ?? 0 : 0) + forOf(m, x.alert);
      const withValue = (minute: number) => x.firing.map((f) => (i === 0 && o.value ? { ...f, value: o.value(minute) } : f));
      const still = i === 0 ? (o.stillFiringAt ?? []).map((d) => start + d) : [];
      end = Math.max(end, at + 1, ...still);
      checks.push(
        { alert: x.alert, minute: start - 1, firing: [] },
        // Never before its `for` has passed since the failure began.
        { alert: x.alert, minute: start + forOf(m, x.alert) - 1, firing: [] },
        { alert: x.alert, minute: at, firing: withValue(at) },
        { alert: x.alert, minute: at + 1, firing: withValue(at + 1) },
        ...still.map((minute) => ({ alert: x.alert, minute, firing: withValue(minute) })),
      );
    }
    out.push({
      name,
      minutes: end + 1,
      interval: 1,
      step: (tm, w) => {
        if (tm === start) change(w);
        if (tm > start) o.later?.(w, tm - start);
      },
      checks,
    });
  };
  const frontends = m.graph.components.filter((c) => c.type === "frontend");
  failure("every frontend unready", "DynamoFrontendNoReadyReplica", (w) => {
    for (const p of w.pods.values()) if (frontends.some((c) => c.name === p.pod.component)) p.ready = false;
  }, [{}]);

  {
    const oneDown = (w: World) => {
      for (const c of m.graph.components) {
        const p = [...w.pods.values()].find((x) => x.pod.component === c.name);
        if (p) p.ready = false;
      }
    };
    const w = new World(m);
    oneDown(w);
    failure("one replica of each component unready", "DynamoComponentBelowDesiredReplicas", oneDown, belowDesired(w), { also: [{ alert: "PodDisruptionBudgetBlockingDrains", firing: pdbsBlocked(w) }] });
  }

  {
    // Every ready replica of a spread component ends up in one zone (the others were rescheduled there).
    const c = m.graph.components.find((x) => x.replicas > 1);
    if (c) {
      failure(`${c.name} concentrated in ${zone0}`, "DynamoReplicasConcentratedInOneZone", (w) => {
        const nodes = [...w.nodes.values()].filter((n) => n.node.zone === zone0 && (c.type === "frontend" ? n.node.gpus === 0 : n.node.gpus > 0));
        for (const [name, p] of w.pods) {
          if (p.pod.component !== c.name || p.pod.zone === zone0) continue;
          w.pods.delete(name);
          const node = nodes[w.pods.size % nodes.length].node;
          w.pods.set(`${name}-r`, { pod: { ...p.pod, name: `${name}-r`, zone: zone0, node: node.name }, ready: true });
        }
      }, [{ result: { [ksmLabelName("nvidia.com/dynamo-component")]: c.name } }]);
    }
  }

  {
    // Server-side failures at three times the threshold's share of all requests, on top of the client errors.
    const base = REQUESTS_PER_MINUTE.success + REQUESTS_PER_MINUTE.validation;
    const internal = Math.ceil((3 * t.errorRatio * base) / (1 - 3 * t.errorRatio) / 6) * 6;
    if (3 * t.errorRatio >= 1) throw new Error(`errorRatioThreshold ${t.errorRatio} is too high for this test`);
    // The 5-minute window must be full of failures before the value is steady.
    failure("server-side errors", "DynamoRequestErrorRatioHigh", (w) => (w.traffic.internalErrorsPerMinute = internal), [{}], { delay: 5, value: () => internal / (base + internal) });
  }

  {
    // First tokens move from (0.25 s, 0.5 s] to (1 s, 2.5 s]: p95 interpolates to 1 + 1.5 × 0.95.
    const slow = 4;
    const p95 = (b: number) => TTFT_BUCKETS[b - 1] + (TTFT_BUCKETS[b] - TTFT_BUCKETS[b - 1]) * 0.95;
    if (!(p95(slow) > t.ttftRegressionFactor * p95(2) && p95(slow) > t.ttftFloorSeconds)) throw new Error("TTFT thresholds too high for this test");
    // A steady day first, so the day-ago comparison has data (silent then), scraped every 5 minutes to keep it cheap.
    const start = DAY + 15;
    if (has("DynamoTTFTP95Regression")) {
      const f = forOf(m, "DynamoTTFTP95Regression");
      const at = start + 10 + f;
      out.push({
        name: "a steady day, then a TTFT p95 regression",
        minutes: at + 6,
        interval: 5,
        step: (tm, w) => (tm === start ? (w.traffic.ttftBucket = slow) : undefined),
        checks: [
          { alert: "DynamoTTFTP95Regression", minute: start - 5, firing: [] },
          { alert: "DynamoTTFTP95Regression", minute: start + f - 5, firing: [] },
          { alert: "DynamoTTFTP95Regression", minute: at, firing: [{ value: p95(slow) }] },
          { alert: "DynamoTTFTP95Regression", minute: at + 5, firing: [{ value: p95(slow) }] },
        ],
      });
    }
  }

  {
    // Spot reclaims take `threshold` GPU nodes; the autoscaler replaces them 3 minutes later, which must not hide the loss.
    const lose = (n: number) => (w: World) => {
      const victims = gpusOf(w, false).slice(0, n);
      for (const v of victims) w.nodes.delete(v.node.name);
    };
    const replace = (w: World, since: number) => {
      if (since !== 3) return;
      for (const n of m.gpuNodes.filter((x) => !w.nodes.has(x.name))) w.nodes.set(`${n.name}-new`, { node: { ...n, name: `${n.name}-new` }, ready: true });
    };
    failure(`${t.gpuNodeLoss} GPU nodes lost`, "GpuNodesLost", lose(t.gpuNodeLoss), [{ value: t.gpuNodeLoss }], { later: replace, stillFiringAt: [5, 25], start: T0_NODES });
    if (t.gpuNodeLoss > 1 && has("GpuNodesLost")) {
      out.push({ name: `${t.gpuNodeLoss - 1} GPU nodes lost`, minutes: T0_NODES + 3, interval: 1, step: (tm, w) => (tm === T0_NODES ? lose(t.gpuNodeLoss - 1)(w) : undefined), checks: [{ alert: "GpuNodesLost", minute: T0_NODES + 1, firing: [] }] });
    }
  }

  {
    // GPU nodes turn NotReady until fewer GPUs than required are left.
    const w = new World(m);
    const notReady = (x: World) => {
      for (const n of gpusOf(x)) {
        if (sumGpus(gpusOf(x)) < required) break;
        n.ready = false;
      }
    };
    notReady(w);
    failure("GPU nodes NotReady below the requirement", "GpuCapacityBelowRequired", notReady, [{ value: sumGpus(gpusOf(w)) }]);
  }

  {
    // One GPU node per zone NotReady: serving capacity holds, but the next zone loss is no longer covered.
    const onePerZone = (x: World) => {
      for (const z of m.zones) {
        const n = gpusOf(x).find((y) => y.node.zone === z);
        if (n) n.ready = false;
      }
    };
    const w = new World(m);
    onePerZone(w);
    failure("one GPU node per zone NotReady", "GpuCapacityBelowZoneLossSizing", onePerZone, zoneLossSizing(w, required));
  }

  failure("operator Deployment unavailable", "DynamoOperatorNotReady", (w) => (w.operatorAvailable = 0), [{}]);
  // Renewals stop at T0; `time() - renew > 60` holds from the second scrape on.
  failure("leader Lease not renewed", "DynamoOperatorLeaderLeaseStale", (w) => (w.leaseRenewedAt = T0 * 60), [{}], { delay: 2, value: (minute) => (minute - T0) * 60 });

  if (m.platform.etcd) {
    failure("etcd majority lost", "DynamoEtcdNoLeader", (w) => {
      const keep = [...w.etcd.keys()][0];
      for (const k of [...w.etcd.keys()]) if (k !== keep) w.etcd.delete(k);
      w.etcd.get(keep)!.hasLeader = false;
    }, [{}]);
  }
  if (m.platform.nats) {
    const quorum = Math.floor(m.platform.nats.pods.length / 2) + 1;
    failure("NATS below quorum", "DynamoNatsJetStreamUnavailable", (w) => {
      for (const k of [...w.nats.keys()].slice(quorum - 1)) w.nats.delete(k);
    }, [{}]);
  }
  return out;
}
