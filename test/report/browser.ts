// Opens a report file in headless Debian Chromium (playwright-core) and reads the capacity figures back
// from the page's ids and data attributes; saves a screenshot under test-results/.
import * as fs from "fs";
import * as path from "path";
import { Browser, chromium } from "playwright-core";
import { PROJECT_ROOT } from "../../stacks/project-root";

export const CHROMIUM = "/usr/bin/chromium";
export const RESULTS = path.join(PROJECT_ROOT, "test-results");

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

export interface PageFigures {
  capacity: Record<string, unknown> | null;
  bars: { pool: string; zone: string; min: number; max: number }[];
  failover: { detection: number; bound: number } | null;
  coverageRows: number;
  /** Every URL the page requested (only the file itself for a self-contained page). */
  requests: string[];
}

// Runs in the page; a string keeps DOM types out of the Node-side type check.
const READ = `(() => {
  const byId = (id) => document.getElementById(id);
  const val = (id) => Number(byId(id).dataset.value);
  const bars = [...document.querySelectorAll("#capacity-chart .bar")].map((g) => ({ pool: g.dataset.pool, zone: g.dataset.zone, min: Number(g.dataset.minGpus), max: Number(g.dataset.maxGpus) }));
  const failover = byId("failover-detection") ? { detection: val("failover-detection"), bound: val("failover-bound") } : null;
  const coverageRows = document.querySelectorAll("#coverage tr[data-workload]").length;
  if (!byId("required-gpus")) return { capacity: null, bars, failover, coverageRows };
  const pools = [...document.querySelectorAll("#pools tr[data-pool]")].map((tr) => {
    const f = (k) => tr.querySelector('[data-field="' + k + '"]').textContent;
    return { name: f("name"), zone: f("zone"), capacityType: f("capacityType"), instanceTypes: f("instanceTypes").split(", "), gpusPerNode: Number(f("gpusPerNode")), minNodes: Number(f("minNodes")), maxNodes: Number(f("maxNodes")) };
  });
  const withoutZone = Object.fromEntries([...document.querySelectorAll("[data-without-zone]")].map((e) => [e.dataset.withoutZone, Number(e.textContent)]));
  return {
    capacity: {
      requiredGpus: val("required-gpus"), toleratedZoneFailures: val("tolerated-zone-failures"), onDemandFloor: val("on-demand-floor"),
      nodesPerZone: val("nodes-per-zone"), pools, withoutZone, withoutSpot: Number(byId("without-spot").textContent),
    },
    bars, failover, coverageRows,
  };
})()`;

export async function readReport(browser: Browser, file: string, screenshot: string): Promise<PageFigures> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  try {
    await page.goto(`file://${file}`);
    const figures = (await page.evaluate(READ)) as Omit<PageFigures, "requests">;
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, screenshot), fullPage: true });
    return { ...figures, requests };
  } finally {
    await page.close();
  }
}
