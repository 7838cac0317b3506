import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ALERT_NAMES, buildRuleGroups, runbookAnchor } from "../../components/k8s/observability/alerts";
import { replicationAlerting } from "../../components/k8s/observability/settings";
import { config, settingsVariants } from "./fixtures";
import { PROJECT_ROOT } from "../../stacks/project-root";

const RUNBOOKS = fs.readFileSync(path.join(PROJECT_ROOT, "docs", "runbooks.md"), "utf8");
/** GitHub's heading anchors: lower case, spaces to dashes, punctuation dropped. */
const anchors = new Set([...RUNBOOKS.matchAll(/^#{2,3} (.+)$/gm)].map((m) => m[1].trim().toLowerCase().replace(/[^\w\- ]/g, "").replace(/ /g, "-")));

describe("HA alerts", () => {
  const variants = settingsVariants();
  const rules = (i: number) => buildRuleGroups(variants[i].s).flatMap((g) => g.rules);

  it("every alert has severity, summary, description and a runbook anchor that exists", () => {
    for (const v of variants) {
      for (const r of buildRuleGroups(v.s).flatMap((g) => g.rules)) {
        assert.ok(["critical", "warning"].includes(r.labels.severity), r.alert);
        assert.ok(r.annotations.summary.length > 10, r.alert);
        assert.ok(r.annotations.description.length > 30, r.alert);
        assert.strictEqual(r.annotations.runbook_url, `docs/runbooks.md#${runbookAnchor(r.alert)}`);
        assert.ok(anchors.has(runbookAnchor(r.alert)), `docs/runbooks.md has no section for ${r.alert}`);
        assert.match(r.for, /^\d+[smh]$/);
      }
    }
  });

  it("every documented alert name is produced by some stack, and the runbook covers exactly those", () => {
    const produced = new Set(variants.flatMap((_, i) => rules(i).map((r) => r.alert)));
    assert.deepStrictEqual([...produced].sort(), [...ALERT_NAMES].sort());
    assert.deepStrictEqual([...anchors].sort(), ALERT_NAMES.map(runbookAnchor).sort());
  });

  it("etcd and NATS alerts exist only when those stores are enabled", () => {
    const names = (i: number) => rules(i).map((r) => r.alert);
    assert.ok(!names(0).includes("DynamoEtcdNoLeader") && !names(0).includes("DynamoNatsJetStreamUnavailable"));
    assert.ok(names(1).includes("DynamoEtcdNoLeader") && names(1).includes("DynamoNatsJetStreamUnavailable"));
    const nats = rules(1).find((r) => r.alert === "DynamoNatsJetStreamUnavailable")!;
    assert.match(nats.expr, /< 3$/, "5 NATS replicas need a quorum of 3");
  });

  it("one below-desired rule per component, with its configured replicas", () => {
    const below = rules(0).filter((r) => r.alert === "DynamoComponentBelowDesiredReplicas");
    assert.deepStrictEqual(
      below.map((r) => [r.labels.component, r.expr.match(/< (\d+)$/)?.[1]]),
      [
        ["Frontend", "2"],
        ["VllmPrefillWorker", "2"],
        ["VllmDecodeWorker", "3"],
      ],
    );
    assert.ok(below.every((r) => r.for === "10m"));
  });

  it("capacity alerts use the sized requirement and the tolerated zone failures", () => {
    const below = rules(0).find((r) => r.alert === "GpuCapacityBelowRequired")!;
    assert.match(below.expr, /< 8$/);
    const zoneLoss = rules(0).find((r) => r.alert === "GpuCapacityBelowZoneLossSizing")!;
    assert.match(zoneLoss.expr, /topk\(1, /);
    assert.ok(!rules(2).some((r) => r.alert === "GpuCapacityBelowZoneLossSizing"), "f = 0 has no zone-loss promise to check");
  });

  it("capacity alerts still fire when no GPU node is left (empty sums count as 0)", () => {
    const below = rules(0).find((r) => r.alert === "GpuCapacityBelowRequired")!;
    assert.match(below.expr, /^\(sum\(.*\) or vector\(0\)\) < 8$/);
    const zoneLoss = rules(0).find((r) => r.alert === "GpuCapacityBelowZoneLossSizing")!;
    assert.strictEqual(zoneLoss.expr.match(/or vector\(0\)/g)?.length, 2);
  });

  it("GPU node loss counts every lost node against the threshold, not per capacity type", () => {
    const lost = rules(0).find((r) => r.alert === "GpuNodesLost")!;
    assert.match(lost.expr, /^count\(/);
    assert.ok(!/count by/.test(lost.expr));
  });

  it("the error-ratio alert counts server-side errors only", () => {
    const r = rules(0).find((x) => x.alert === "DynamoRequestErrorRatioHigh")!;
    assert.ok(r.expr.includes('status="error",error_type!~"validation|not_found|cancelled"'));
    assert.match(r.expr, /> 0\.05$/);
  });

  it("DR replication alerts exist only in a stack that replicates with metrics, scoped to its own store", () => {
    const dr = (i: number) => buildRuleGroups(variants[i].s).filter((g) => g.name === "dynamo-ha.dr").flatMap((g) => g.rules.map((r) => r.alert));
    assert.deepStrictEqual([0, 1, 2].map(dr), [[], [], []]);
    assert.deepStrictEqual(dr(3), ["S3ReplicationLatencyHigh", "S3ReplicationOperationsFailed"]);
    assert.deepStrictEqual(dr(4), ["AzureObjectReplicationPending"]);
    assert.match(rules(3).find((r) => r.alert === "S3ReplicationLatencyHigh")!.expr, /^max\(aws_s3_replication_latency_maximum\{dimension_SourceBucket="dynamo-ha-t-checkpoints"\}\) > 900$/);
    assert.match(rules(4).find((r) => r.alert === "AzureObjectReplicationPending")!.expr, /resourceID=~"\.\*\/storageaccounts\/dynhat\(/);
    // S3 replication without Replication Time Control publishes no metrics: no alert that could never fire.
    const noRtc = config({ dr: { role: "primary", peerStack: "peer" }, storage: { replicateToRegion: "us-west-2" } });
    assert.strictEqual(replicationAlerting(noRtc), undefined);
  });
});
