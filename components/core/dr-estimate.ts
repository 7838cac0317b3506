// The DR figures of a global stack joined with its regions: how much GPU capacity each region
// guarantees, whether what survives a region's loss carries the whole load, how stale the replica of
// its checkpoints may be (RPO) and how long until traffic is served again (RTO). Pure: the report
// and the tests feed it plain values read from the plans and stack files.
import { FailoverEstimate } from "./failover";
import { CapacityReport } from "./sizing";

/** How a region's store reaches its DR peer. */
export type ReplicationKind = "s3-rtc" | "s3" | "azure" | "none";

/**
 * S3 Replication Time Control replicates 99.99 % of objects within 15 minutes (its SLA):
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html
 */
export const S3_RTC_SLA_SECONDS = 15 * 60;

/**
 * Prometheus names of the replication metrics to alert on (components/k8s/observability/metrics-catalog.ts):
 * the CloudWatch AWS/S3 metrics as YACE exports them, the Azure Monitor object replication metric as
 * azure-metrics-exporter does (`azurerm_resource_metric{metric="PendingOperationsForReplication"}`).
 */
export const REPLICATION_METRICS = {
  s3Latency: "aws_s3_replication_latency_maximum",
  s3Failed: "aws_s3_operations_failed_replication_sum",
  azurePending: 'azurerm_resource_metric{metric="PendingOperationsForReplication"}',
} as const;

export interface Rpo {
  readonly kind: ReplicationKind;
  /** The provider's bound on replication delay; null when there is none. */
  readonly slaSeconds: number | null;
  readonly text: string;
  /** The metric an alert watches for this store (none without replication). */
  readonly metric?: string;
}

/** The replication a regional stack's storage config sets up. */
export function replicationKind(cloud: string, s: { backend: string; replicateToRegion?: string; replicationTimeControl: boolean } | undefined): ReplicationKind {
  if (!s || s.backend !== "object" || !s.replicateToRegion) return "none";
  if (cloud === "azure") return "azure";
  return s.replicationTimeControl ? "s3-rtc" : "s3";
}

export function rpoOf(kind: ReplicationKind): Rpo {
  switch (kind) {
    case "s3-rtc":
      return { kind, slaSeconds: S3_RTC_SLA_SECONDS, text: "15 min (S3 Replication Time Control SLA)", metric: REPLICATION_METRICS.s3Latency };
    case "s3":
      return {
        kind,
        slaSeconds: null,
        text: "no SLA (S3 replication without Replication Time Control: most objects within minutes, some take hours; its metrics need storage.replicationTimeControl)",
        metric: REPLICATION_METRICS.s3Failed,
      };
    case "azure":
      return { kind, slaSeconds: null, text: "no SLA (Azure storage replication is asynchronous with no time guarantee)", metric: REPLICATION_METRICS.azurePending };
    default:
      return { kind, slaSeconds: null, text: "no replica: the region's checkpoints and model copies are lost with it" };
  }
}

/** Guaranteed GPUs: the pool minimums, there without any scale-up. */
export function guaranteedGpus(c: Pick<CapacityReport, "pools">): number {
  return c.pools.reduce((s, p) => s + p.minNodes * p.gpusPerNode, 0);
}

/** GPUs the pools may reach at their maximums (after scale-up). */
export function maxGpus(c: Pick<CapacityReport, "pools">): number {
  return c.pools.reduce((s, p) => s + p.maxNodes * p.gpusPerNode, 0);
}

export interface DrRegionInput {
  readonly stack: string;
  readonly region: string;
  readonly cloud: string;
  readonly role: string;
  readonly priority: number;
  readonly capacity: CapacityReport;
  readonly replication: ReplicationKind;
  readonly nodeBootSeconds: number;
  readonly modelLoadSeconds: number;
}

export interface DrRegion {
  readonly stack: string;
  readonly region: string;
  readonly cloud: string;
  readonly role: string;
  readonly requiredGpus: number;
  readonly guaranteedGpus: number;
  readonly maxGpus: number;
  readonly withoutZone: Readonly<Record<string, number>>;
  readonly withoutSpot: number;
  readonly rpo: Rpo;
}

/** Whether the survivors carry the load with what is running, after scaling up, or not at all. */
export type Carry = "now" | "after-scale-up" | "no";

export interface RegionLoss {
  /** The region lost (its stack). */
  readonly lost: string;
  /** Where its traffic goes. */
  readonly survivors: readonly string[];
  /** GPUs the survivors must provide: the whole load. */
  readonly loadGpus: number;
  readonly guaranteedGpus: number;
  readonly maxGpus: number;
  readonly carries: Carry;
  readonly detectionSeconds: number;
  readonly ttlSeconds: number;
  /** 0 when the guaranteed GPUs carry the load; null when even the maximums do not. */
  readonly scaleUpSeconds: number | null;
  /** detection + TTL + scale-up; null when the load cannot be carried. */
  readonly rtoSeconds: number | null;
  readonly withinGoal: boolean;
}

export interface DrView {
  readonly mode: string;
  readonly rtoGoalSeconds: number;
  /** Health-check detection bound (global.maxFailoverSeconds) and whether detection + TTL meets it. */
  readonly detectionBoundSeconds: number;
  readonly detectionWithinBound: boolean;
  readonly regions: readonly DrRegion[];
  readonly losses: readonly RegionLoss[];
}

/**
 * One region's loss. Survivors scale in parallel, so the scale-up is the slowest survivor's node boot +
 * model load; none is needed when their pool minimums already cover the load.
 */
export function regionLoss(lost: string, survivors: readonly DrRegionInput[], loadGpus: number, f: FailoverEstimate, rtoGoalSeconds: number): RegionLoss {
  const guaranteed = survivors.reduce((s, r) => s + guaranteedGpus(r.capacity), 0);
  const max = survivors.reduce((s, r) => s + maxGpus(r.capacity), 0);
  const carries: Carry = guaranteed >= loadGpus ? "now" : max >= loadGpus ? "after-scale-up" : "no";
  const scaleUpSeconds = carries === "now" ? 0 : carries === "no" ? null : Math.max(...survivors.map((r) => r.nodeBootSeconds + r.modelLoadSeconds));
  const detectionSeconds = f.intervalSeconds * f.failureThreshold;
  const rtoSeconds = scaleUpSeconds === null ? null : detectionSeconds + f.ttlSeconds + scaleUpSeconds;
  return {
    lost,
    survivors: survivors.map((r) => r.stack),
    loadGpus,
    guaranteedGpus: guaranteed,
    maxGpus: max,
    carries,
    detectionSeconds,
    ttlSeconds: f.ttlSeconds,
    scaleUpSeconds,
    rtoSeconds,
    withinGoal: rtoSeconds !== null && rtoSeconds <= rtoGoalSeconds,
  };
}

/** Regions in failover order: priority, then stack name. */
function byPriority(rs: readonly DrRegionInput[]): DrRegionInput[] {
  return [...rs].sort((a, b) => a.priority - b.priority || a.stack.localeCompare(b.stack));
}

/**
 * Active-passive: only the serving region's loss moves traffic, to the next region by priority, which
 * must carry the serving region's required GPUs. Active-active: every region serves its share, so each
 * loss leaves the others to carry the sum of all required GPUs.
 */
export function regionLosses(mode: string, regions: readonly DrRegionInput[], f: FailoverEstimate, rtoGoalSeconds: number): RegionLoss[] {
  if (regions.length < 2) return [];
  if (mode === "active-passive") {
    const [serving, next] = byPriority(regions);
    return [regionLoss(serving.stack, [next], serving.capacity.requiredGpus, f, rtoGoalSeconds)];
  }
  const load = regions.reduce((s, r) => s + r.capacity.requiredGpus, 0);
  return regions.map((r) => regionLoss(r.stack, regions.filter((x) => x !== r), load, f, rtoGoalSeconds));
}

export function drView(mode: string, f: FailoverEstimate, rtoGoalSeconds: number, regions: readonly DrRegionInput[]): DrView {
  return {
    mode,
    rtoGoalSeconds,
    detectionBoundSeconds: f.boundSeconds,
    detectionWithinBound: f.withinBound,
    regions: regions.map((r) => ({
      stack: r.stack,
      region: r.region,
      cloud: r.cloud,
      role: r.role,
      requiredGpus: r.capacity.requiredGpus,
      guaranteedGpus: guaranteedGpus(r.capacity),
      maxGpus: maxGpus(r.capacity),
      withoutZone: r.capacity.withoutZone,
      withoutSpot: r.capacity.withoutSpot,
      rpo: rpoOf(r.replication),
    })),
    losses: regionLosses(mode, regions, f, rtoGoalSeconds),
  };
}

/** Spare GPUs after a scenario; 0 means it survives with nothing left for the next failure. */
export function spareGpus(left: number, needed: number): number {
  return left - needed;
}

/**
 * Replicas of a workload a single zone loss takes: a zone spread with skew 1 puts at most
 * ceil(replicas / zones) in any zone; without a zone spread every replica may share one zone.
 */
export function replicasLostPerZone(replicas: number, zones: number, zoneSpread: boolean): number {
  if (!zoneSpread || zones <= 1) return replicas;
  return Math.ceil(replicas / zones);
}
