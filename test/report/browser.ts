// Opens a report file in headless Debian Chromium (playwright-core) and reads the capacity figures back
// from the page's ids and data attributes; saves a screenshot under test-results/ when asked to (a
// full-page screenshot costs Chromium more than opening and reading the page).
import * as fs from "fs";
import * as path from "path";
import { Browser, chromium, Page, Request } from "playwright-core";
import { PROJECT_ROOT } from "../../stacks/project-root";
import { onTeardown } from "../support/teardown";

export const CHROMIUM = "/usr/bin/chromium";
export const RESULTS = path.join(PROJECT_ROOT, "test-results");

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

let shared: Promise<Browser> | undefined;

/**
 * One browser for every page test of the process. Stopped by the run's teardown (serial run); in a
 * parallel worker Playwright ends the browsers it launched as the worker exits.
 */
export function sharedBrowser(): Promise<Browser> {
  if (!shared) {
    const b = (shared = launch());
    onTeardown(async () => {
      shared = undefined;
      await (await b).close();
    });
  }
  return shared;
}

export interface PageFigures {
  capacity: Record<string, unknown> | null;
  bars: { pool: string; zone: string; min: number; max: number }[];
  failover: { detection: number; bound: number } | null;
  coverageRows: number;
  /** The chart's axis labels (y, x); null without a chart. */
  axisLabels: [string, string] | null;
  /** The joined DR view of a global stack: per-region figures and per-loss RTO (null "none" as null). */
  dr: {
    regions: { stack: string; requiredGpus: number; guaranteedGpus: number; maxGpus: number; rpoKind: string; rpoSlaSeconds: number | null }[];
    losses: { lost: string; loadGpus: number; survivorGpus: number; carries: string; rtoSeconds: number | null }[];
    rtoGoal: number;
    detectionBound: number;
  } | null;
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
  const axisLabels = byId("chart-y-label") ? [byId("chart-y-label").textContent, byId("chart-x-label").textContent] : null;
  const field = (tr, k) => tr.querySelector('[data-field="' + k + '"]').dataset.value;
  const numOrNull = (v) => (v === "none" ? null : Number(v));
  const dr = byId("dr-regions") ? {
    regions: [...document.querySelectorAll("#dr-regions tr[data-region]")].map((tr) => ({
      stack: tr.dataset.region, requiredGpus: Number(field(tr, "requiredGpus")), guaranteedGpus: Number(field(tr, "guaranteedGpus")), maxGpus: Number(field(tr, "maxGpus")),
      rpoKind: tr.querySelector('[data-field="rpo"]').dataset.kind, rpoSlaSeconds: numOrNull(field(tr, "rpo")),
    })),
    losses: [...document.querySelectorAll("#dr-losses tr[data-lost]")].map((tr) => ({
      lost: tr.dataset.lost, loadGpus: Number(field(tr, "loadGpus")), survivorGpus: Number(field(tr, "survivorGpus")), carries: field(tr, "carries"), rtoSeconds: numOrNull(field(tr, "rto")),
    })),
    rtoGoal: val("rto-goal"), detectionBound: val("detection-bound"),
  } : null;
  if (!byId("required-gpus")) return { capacity: null, bars, failover, coverageRows, axisLabels, dr };
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
    bars, failover, coverageRows, axisLabels, dr,
  };
})()`;

// One tab per browser, navigated from report to report: opening a tab costs more than reading a page.
const tabs = new WeakMap<Browser, Promise<Page>>();

async function tabOf(browser: Browser): Promise<Page> {
  let tab = tabs.get(browser);
  if (!tab || (await tab).isClosed()) {
    tab = browser.newPage({ viewport: { width: 1200, height: 900 } });
    tabs.set(browser, tab);
  }
  return tab;
}

export async function readReport(browser: Browser, file: string, screenshot?: string): Promise<PageFigures> {
  const page = await tabOf(browser);
  const requests: string[] = [];
  const onRequest = (r: Request) => void requests.push(r.url());
  page.on("request", onRequest);
  try {
    await page.goto(`file://${file}`);
    const figures = (await page.evaluate(READ)) as Omit<PageFigures, "requests">;
    if (screenshot) {
      fs.mkdirSync(RESULTS, { recursive: true });
      await page.screenshot({ path: path.join(RESULTS, screenshot), fullPage: true });
    }
    return { ...figures, requests };
  } finally {
    page.off("request", onRequest);
  }
}
