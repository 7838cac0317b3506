// Inline SVG bar chart of per-zone GPU capacity by pool: one group per zone, one bar per pool; the solid
// part is the guaranteed GPUs (pool minimum), the pale part what the autoscaler may add (up to max).
import { CapacityReport } from "../../components/core/sizing";
import { esc } from "./escape";

const BAR = 26;
const GAP = 8;
const ZONE_GAP = 28;
const HEIGHT = 220;
const TOP = 24;
const LEFT = 44;

export function capacityChart(c: CapacityReport): string {
  const zones = [...new Set(c.pools.map((p) => p.zone))];
  const maxGpus = Math.max(1, ...c.pools.map((p) => p.maxNodes * p.gpusPerNode));
  const y = (g: number) => TOP + HEIGHT - (g / maxGpus) * HEIGHT;
  const parts: string[] = [];
  let x = LEFT + GAP;
  for (const zone of zones) {
    const pools = c.pools.filter((p) => p.zone === zone);
    const start = x;
    for (const p of pools) {
      const min = p.minNodes * p.gpusPerNode;
      const max = p.maxNodes * p.gpusPerNode;
      parts.push(
        `<g class="bar ${p.capacityType}" data-zone="${esc(zone)}" data-pool="${esc(p.name)}" data-min-gpus="${min}" data-max-gpus="${max}">` +
          `<title>${esc(p.name)} (${p.capacityType}): ${min} GPUs guaranteed, up to ${max}</title>` +
          `<rect class="max" x="${x}" y="${y(max)}" width="${BAR}" height="${y(0) - y(max)}"/>` +
          `<rect class="min" x="${x}" y="${y(min)}" width="${BAR}" height="${y(0) - y(min)}"/>` +
          `<text x="${x + BAR / 2}" y="${y(min) - 4}" text-anchor="middle">${min}</text></g>`,
      );
      x += BAR + GAP;
    }
    parts.push(`<text class="zone" x="${(start + x - GAP) / 2}" y="${TOP + HEIGHT + 18}" text-anchor="middle">${esc(zone)}</text>`);
    x += ZONE_GAP;
  }
  const width = x + GAP;
  const axis = [0, Math.round(maxGpus / 2), maxGpus].map((g) => `<text class="tick" x="${LEFT - 6}" y="${y(g) + 4}" text-anchor="end">${g}</text>`).join("");
  return (
    `<svg id="capacity-chart" role="img" aria-label="GPU capacity per zone and pool" width="${width}" height="${TOP + HEIGHT + 44}" viewBox="0 0 ${width} ${TOP + HEIGHT + 44}">` +
    `<line class="axis" x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${TOP + HEIGHT}"/><line class="axis" x1="${LEFT}" y1="${TOP + HEIGHT}" x2="${width}" y2="${TOP + HEIGHT}"/>${axis}` +
    `<text class="axis-label" id="chart-y-label" x="${LEFT - 6}" y="${TOP - 10}" text-anchor="middle">GPUs</text>` +
    `<text class="axis-label" id="chart-x-label" x="${(LEFT + width) / 2}" y="${TOP + HEIGHT + 36}" text-anchor="middle">zone</text>` +
    parts.join("") +
    `</svg>`
  );
}
