// The human view of a plan.
import { CapacityReport } from "../../components/core/sizing";
import { Plan } from "./run";

function table(rows: string[][]): string[] {
  if (rows.length === 0) return [];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => `  ${r.map((c, i) => c.padEnd(widths[i])).join("  ")}`.trimEnd());
}

export function renderCapacity(c: CapacityReport): string[] {
  const lines = [`GPU capacity: ${c.requiredGpus} GPUs required, survives ${c.toleratedZoneFailures} zone failure(s); ${c.nodesPerZone} node(s) per zone`];
  const rows = [["zone", "pool", "capacity", "instance types", "GPUs/node", "min", "max", "GPUs (min)"]];
  for (const p of c.pools) {
    rows.push([p.zone, p.name, p.capacityType, p.instanceTypes.join(","), String(p.gpusPerNode), String(p.minNodes), String(p.maxNodes), String(p.minNodes * p.gpusPerNode)]);
  }
  lines.push(...table(rows));
  const mark = (n: number, need: number) => (n >= need ? "ok" : `SHORT by ${need - n}`);
  for (const [zone, gpus] of Object.entries(c.withoutZone)) lines.push(`  without zone ${zone}: ${gpus} GPUs (${mark(gpus, c.requiredGpus)})`);
  const floor = Math.ceil(c.onDemandFloor * c.requiredGpus);
  lines.push(`  without spot: ${c.withoutSpot} GPUs (on-demand floor ${floor}: ${mark(c.withoutSpot, floor)})`);
  return lines;
}

export function renderPlan(p: Plan): string {
  const lines: string[] = [`dynamo-ha plan: stack ${p.stack} (offline, under the SDK's mocks; <computed> = known only after deploy)`, ""];
  const byType = new Map<string, number>();
  for (const r of p.resources) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
  lines.push(`Resources: ${p.resources.length}`);
  lines.push(...table([...byType.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([t, n]) => [String(n).padStart(4), t])));
  if (p.capacity) lines.push("", ...renderCapacity(p.capacity));
  lines.push("");
  if (!p.policy.ran) {
    lines.push(`Policy: not run${p.policy.error ? ` (${p.policy.error})` : ""}`);
  } else {
    const mandatory = p.policy.diagnostics.filter((d) => d.level === "mandatory").length;
    lines.push(`Policy (${p.policy.pack}): ${mandatory} mandatory, ${p.policy.diagnostics.length - mandatory} advisory`);
    for (const d of p.policy.diagnostics) lines.push(`  [${d.level}] ${d.policy}: ${d.message}${d.urn ? ` (${d.urn.split("::").pop()})` : ""}`);
  }
  const outs = Object.entries(p.outputs).filter(([k]) => k !== "capacity");
  if (outs.length) {
    lines.push("", "Outputs:");
    for (const [k, v] of outs) lines.push(`  ${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`);
  }
  return lines.join("\n");
}
