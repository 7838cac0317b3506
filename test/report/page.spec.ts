// The report page from a capacity report computed by the real sizing code (no plan needed), rendered
// to a file and read back in headless Chromium.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Browser } from "playwright-core";
import { failoverEstimate } from "../../components/core/failover";
import { capacityReport, sizeZones, SizingInput } from "../../components/core/sizing";
import { Plan } from "../../tools/plan/run";
import { renderReport } from "../../tools/report/html";
import { reportModel, scenarios } from "../../tools/report/model";
import { readReport, RESULTS, sharedBrowser } from "./browser";
import { dgdBeta, deployment, pdb } from "./fixtures";
import { tempDir } from "../support/temp";

function sizedPlan(input: SizingInput, withFailover: boolean): Plan {
  const capacity = capacityReport(input, sizeZones(input), (p) => ({ name: `gpu-${p.zone}-${p.capacityType}`, instanceTypes: p.capacityType === "spot" ? ["g6e.2xlarge", "g6e.4xlarge"] : ["g6e.2xlarge"] }));
  return {
    project: "dynamo-ha",
    stack: "sized",
    resources: [dgdBeta("llm"), deployment("router", 2, { app: "router" }), pdb("router", { matchLabels: { app: "router" } })],
    outputs: withFailover
      ? { failover: failoverEstimate({ dnsProvider: "route53", mode: "active-passive", healthCheckIntervalSeconds: 10, healthCheckFailureThreshold: 3, dnsTtlSeconds: 30, maxFailoverSeconds: 60 }) }
      : {},
    capacity: JSON.parse(JSON.stringify(capacity)),
    policy: { pack: "dynamo-ha-policy", ran: true, diagnostics: [{ policy: "zone-spread", level: "mandatory", urn: "urn:pulumi:t::dynamo-ha::x::<script>", message: "needs a <zone> constraint" }] },
  };
}

const INPUT: SizingInput = { requiredGpus: 8, zones: ["us-east-1a", "us-east-1b", "us-east-1c"], gpusPerNode: 1, toleratedZoneFailures: 1, onDemandFloor: 0.5, spot: true, headroomNodes: 1 };

describe("report page", function () {
  this.timeout(120_000);
  let browser: Browser;
  before(async () => {
    browser = await sharedBrowser();
  });

  it("is one self-contained file: no scripts, external URLs, fonts or stylesheets; user text escaped", () => {
    const html = renderReport(reportModel(sizedPlan(INPUT, true)));
    assert.ok(!/<script/i.test(html));
    assert.ok(!/(src|href)\s*=/i.test(html));
    assert.ok(!/@import|url\(|@font-face/i.test(html));
    assert.ok(html.includes("&lt;script&gt;") && html.includes("needs a &lt;zone&gt; constraint"));
  });

  it("scenarios compare each zone loss with the required GPUs and a spot storm with the on-demand floor", () => {
    const cap = sizedPlan(INPUT, false).capacity!;
    const s = scenarios(cap);
    assert.deepStrictEqual(s.map((x) => x.id), ["zone:us-east-1a", "zone:us-east-1b", "zone:us-east-1c", "spot"]);
    for (const x of s.slice(0, 3)) assert.strictEqual(x.survives, cap.withoutZone[x.id.slice(5)] >= cap.requiredGpus);
    assert.strictEqual(s[3].needed, Math.ceil(cap.onDemandFloor * cap.requiredGpus));
    const short = scenarios({ ...cap, withoutZone: { a: cap.requiredGpus - 1 } });
    assert.strictEqual(short[0].survives, false);
  });

  for (const [label, input, failover] of [
    ["spot + on-demand, 3 zones, with failover", INPUT, true],
    ["on-demand only, 2 zones, 4 GPUs per node", { ...INPUT, zones: ["1", "2"], gpusPerNode: 4, requiredGpus: 12, spot: false, headroomNodes: 0 }, false],
  ] as [string, SizingInput, boolean][]) {
    it(`in Chromium the capacity figures equal the capacity report (${label})`, async () => {
      const p = sizedPlan(input, failover);
      const file = path.join(tempDir("report-"), "report.html");
      fs.writeFileSync(file, renderReport(reportModel(p)));
      const shot = `report-sized-${label.replace(/[^a-z0-9]+/gi, "-")}.png`;
      const f = await readReport(browser, file, shot);
      assert.deepStrictEqual(f.capacity, p.capacity);
      assert.deepStrictEqual(
        f.bars,
        p.capacity!.pools.map((x) => ({ pool: x.name, zone: x.zone, min: x.minNodes * x.gpusPerNode, max: x.maxNodes * x.gpusPerNode })),
      );
      assert.deepStrictEqual(f.failover, failover ? { detection: 60, bound: 60 } : null);
      assert.strictEqual(f.coverageRows, 3);
      assert.deepStrictEqual(f.requests, [`file://${file}`]);
      assert.ok(fs.statSync(path.join(RESULTS, shot)).size > 0);
    });
  }
});
