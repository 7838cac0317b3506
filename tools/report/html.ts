// The HA report as ONE self-contained HTML file: inline CSS and SVG, no scripts, fonts or CDNs, so it
// can be mailed, attached to a ticket or opened offline. Capacity figures carry stable ids and data-*
// attributes so tools (and tests) can read the numbers back.
import { CapacityReport } from "../../components/core/sizing";
import { capacityChart } from "./chart";
import { esc } from "./escape";
import { ReportModel, Scenario } from "./model";
import { Coverage } from "./coverage";
import { FailoverEstimate } from "../../components/core/failover";
import { DrView, replicasLostPerZone } from "../../components/core/dr-estimate";
import { PolicyReport } from "../plan/policy";

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1b1f24;max-width:1100px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
.sub{color:#57606a}table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left}
th{background:#f6f8fa}td.num{text-align:right;font-variant-numeric:tabular-nums}
.ok{color:#1a7f37;font-weight:600}.bad{color:#cf222e;font-weight:600}.warn{color:#9a6700;font-weight:600}
.figures span{display:inline-block;margin-right:18px}.figures b{font-size:18px}
svg text{font:11px system-ui,sans-serif;fill:#1b1f24}svg .axis{stroke:#57606a}
.bar.on-demand .min{fill:#0969da}.bar.on-demand .max{fill:#b6d4f7}.bar.spot .min{fill:#bf8700}.bar.spot .max{fill:#f5dfa0}
.legend span{margin-right:14px}.sw{display:inline-block;width:10px;height:10px;margin-right:4px}
`;

function verdict(ok: boolean, yes = "ok", no = "short"): string {
  return `<span class="${ok ? "ok" : "bad"}">${ok ? yes : no}</span>`;
}

function capacitySection(c: CapacityReport, s: Scenario[]): string {
  const pools = c.pools
    .map(
      (p) =>
        `<tr data-pool="${esc(p.name)}"><td data-field="name">${esc(p.name)}</td><td data-field="zone">${esc(p.zone)}</td>` +
        `<td data-field="capacityType">${esc(p.capacityType)}</td><td data-field="instanceTypes">${esc(p.instanceTypes.join(", "))}</td>` +
        `<td class="num" data-field="gpusPerNode">${p.gpusPerNode}</td><td class="num" data-field="minNodes">${p.minNodes}</td>` +
        `<td class="num" data-field="maxNodes">${p.maxNodes}</td><td class="num">${p.minNodes * p.gpusPerNode}</td></tr>`,
    )
    .join("");
  const rows = s
    .map((x) => {
      const attr = x.id === "spot" ? `id="without-spot"` : `data-without-zone="${esc(x.id.slice("zone:".length))}"`;
      const need = x.id === "spot" ? `${x.needed} (on-demand floor ${Math.round(c.onDemandFloor * 100)}% of ${x.requiredGpus})` : `${x.needed}`;
      const full = x.id === "spot" && x.gpus >= x.requiredGpus ? " — full capacity" : "";
      // Surviving with nothing spare is a warning: the next failure (or a slow replacement) is an outage.
      const v = x.survives && x.spare === 0 ? `<span class="warn">survives, 0 spare</span>` : verdict(x.survives, `survives, ${x.spare} spare`, "short by " + (x.needed - x.gpus));
      return `<tr data-scenario="${esc(x.id)}" data-spare="${x.spare}"><td>${esc(x.label)}</td><td class="num" ${attr} data-value="${x.gpus}">${x.gpus}</td><td class="num">${esc(need)}</td><td>${v}${full}</td></tr>`;
    })
    .join("");
  return `<h2>GPU capacity per zone and pool</h2>
<p class="figures"><span>required <b id="required-gpus" data-value="${c.requiredGpus}">${c.requiredGpus}</b> GPUs</span><span>tolerated zone failures <b id="tolerated-zone-failures" data-value="${c.toleratedZoneFailures}">${c.toleratedZoneFailures}</b></span><span>nodes per zone <b id="nodes-per-zone" data-value="${c.nodesPerZone}">${c.nodesPerZone}</b></span><span>on-demand floor <b id="on-demand-floor" data-value="${c.onDemandFloor}">${Math.round(c.onDemandFloor * 100)}%</b></span></p>
<p class="legend"><span><i class="sw" style="background:#0969da"></i>on-demand guaranteed (min)</span><span><i class="sw" style="background:#b6d4f7"></i>on-demand up to max</span><span><i class="sw" style="background:#bf8700"></i>spot guaranteed (min)</span><span><i class="sw" style="background:#f5dfa0"></i>spot up to max</span></p>
${capacityChart(c)}
<table id="pools"><thead><tr><th>pool</th><th>zone</th><th>capacity</th><th>instance types</th><th>GPUs/node</th><th>min nodes</th><th>max nodes</th><th>GPUs (min)</th></tr></thead><tbody>${pools}</tbody></table>
<h2>What survives</h2>
<p class="sub">Guaranteed GPUs (pool minimums) left after each single-zone loss and after every spot node is reclaimed.</p>
<table id="scenarios"><thead><tr><th>scenario</th><th>GPUs left</th><th>needed</th><th>verdict</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function coverageSection(cov: Coverage[], zones: number): string {
  if (cov.length === 0) return `<h2>PDB and zone-spread coverage</h2><p class="sub" id="coverage-empty">No Deployments, StatefulSets or DynamoGraphDeployment components among the records.</p>`;
  const rows = cov
    .map((c) => {
      const w = c.workload;
      const pdb = c.pdbs.length ? `<span class="ok">${esc(c.pdbs.join(", "))}</span>` : c.replicated ? `<span class="bad">none</span>` : `<span class="sub">none (1 replica)</span>`;
      const spread = w.spread === "zone" ? `<span class="ok">zone</span>` : c.replicated ? `<span class="bad">${w.spread}</span>` : `<span class="sub">${w.spread}</span>`;
      const lost = w.replicas === undefined || zones === 0 ? undefined : replicasLostPerZone(w.replicas, zones, w.spread === "zone");
      const lostCell = lost === undefined ? `<td class="num sub">–</td>` : `<td class="num${lost === w.replicas && lost > 0 ? " bad" : ""}" data-field="lostPerZone" data-value="${lost}">${lost} of ${w.replicas}</td>`;
      return `<tr data-workload="${esc(`${w.namespace}/${w.kind}/${w.name}`)}" data-pdb="${c.pdbs.length > 0}" data-spread="${w.spread}"><td>${esc(w.namespace)}</td><td>${esc(w.kind)}</td><td>${esc(w.name)}</td><td class="num">${w.replicas ?? "&lt;computed&gt;"}</td>${lostCell}<td>${pdb}</td><td>${spread}</td></tr>`;
    })
    .join("");
  const note = zones > 0 ? `<p class="sub">Replicas one zone loss takes at most, over ${zones} zones: ceil(replicas / zones) with a zone spread, every replica without one.</p>` : "";
  return `<h2>PDB and zone-spread coverage</h2>${note}<table id="coverage"><thead><tr><th>namespace</th><th>workload</th><th>name</th><th>replicas</th><th>lost per zone</th><th>PDB selecting its pods</th><th>spread</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function policySection(p: PolicyReport): string {
  if (!p.ran) return `<h2>Policy results</h2><p id="policy-status" class="warn">Policy pack not run${p.error ? `: ${esc(p.error)}` : ""}.</p>`;
  const mandatory = p.diagnostics.filter((d) => d.level === "mandatory").length;
  const head = `<p id="policy-status" data-mandatory="${mandatory}" data-total="${p.diagnostics.length}">Pack <b>${esc(p.pack)}</b>: ${verdict(mandatory === 0, "no mandatory violations", `${mandatory} mandatory violation(s)`)}, ${p.diagnostics.length - mandatory} advisory.</p>`;
  if (p.diagnostics.length === 0) return `<h2>Policy results</h2>${head}`;
  const rows = p.diagnostics
    .map((d) => `<tr><td class="${d.level === "mandatory" ? "bad" : "warn"}">${esc(d.level)}</td><td>${esc(d.policy)}</td><td>${esc(d.urn.split("::").pop() ?? "")}</td><td>${esc(d.message)}</td></tr>`)
    .join("");
  return `<h2>Policy results</h2>${head}<table id="policy"><thead><tr><th>level</th><th>policy</th><th>resource</th><th>message</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function failoverSection(f: FailoverEstimate): string {
  return `<h2>Failover detection estimate</h2>
<p class="figures"><span>detection <b id="failover-detection" data-value="${f.detectionSeconds}">${f.detectionSeconds} s</b></span><span>bound <b id="failover-bound" data-value="${f.boundSeconds}">${f.boundSeconds} s</b></span><span>${verdict(f.withinBound, "within bound", "over bound")}</span></p>
<p class="sub">${f.intervalSeconds} s health-check interval × ${f.failureThreshold} failed checks + ${f.ttlSeconds} s DNS TTL; routing ${esc(f.mode)}.</p>`;
}

const seconds = (n: number | null) => (n === null ? "unbounded" : `${n} s`);

function drSection(v: DrView, missing: string[]): string {
  const regions = v.regions
    .map(
      (r) =>
        `<tr data-region="${esc(r.stack)}"><td>${esc(r.stack)}</td><td>${esc(r.cloud)} ${esc(r.region)}</td><td>${esc(r.role)}</td>` +
        `<td class="num" data-field="requiredGpus" data-value="${r.requiredGpus}">${r.requiredGpus}</td>` +
        `<td class="num" data-field="guaranteedGpus" data-value="${r.guaranteedGpus}">${r.guaranteedGpus}</td>` +
        `<td class="num" data-field="maxGpus" data-value="${r.maxGpus}">${r.maxGpus}</td>` +
        `<td class="num">${esc(Object.entries(r.withoutZone).map(([z, g]) => `${z}: ${g}`).join(", "))}</td><td class="num">${r.withoutSpot}</td>` +
        `<td data-field="rpo" data-kind="${r.rpo.kind}" data-value="${r.rpo.slaSeconds ?? "none"}"><span class="${r.rpo.slaSeconds === null ? "warn" : "ok"}">${esc(r.rpo.text)}</span>${r.rpo.metric ? `; alert on <code>${esc(r.rpo.metric)}</code>` : ""}</td></tr>`,
    )
    .join("");
  const carry = { now: "carries it now (guaranteed GPUs)", "after-scale-up": "carries it after scale-up", no: "cannot carry it" } as const;
  const losses = v.losses
    .map(
      (l) =>
        `<tr data-lost="${esc(l.lost)}"><td>${esc(l.lost)}</td><td>${esc(l.survivors.join(", "))}</td><td class="num" data-field="loadGpus" data-value="${l.loadGpus}">${l.loadGpus}</td>` +
        `<td class="num" data-field="survivorGpus" data-value="${l.guaranteedGpus}">${l.guaranteedGpus} (max ${l.maxGpus})</td>` +
        `<td data-field="carries" data-value="${l.carries}"><span class="${l.carries === "now" ? "ok" : l.carries === "no" ? "bad" : "warn"}">${carry[l.carries]}</span></td>` +
        `<td class="num" data-field="rto" data-value="${l.rtoSeconds ?? "none"}">${l.detectionSeconds} s + ${l.ttlSeconds} s + ${seconds(l.scaleUpSeconds)} = <b>${seconds(l.rtoSeconds)}</b></td>` +
        `<td>${verdict(l.withinGoal, "within goal", "over goal")}</td></tr>`,
    )
    .join("");
  const gaps = missing.length ? `<p class="warn" id="dr-missing">Not bundled stack files, so not planned offline: ${esc(missing.join(", "))}.</p>` : "";
  return `<h2>Regions (DR)</h2>${gaps}
<p class="sub">Guaranteed GPUs are the pool minimums (running without any scale-up); RPO is how stale the DR peer's copy of checkpoints and models may be.</p>
<table id="dr-regions"><thead><tr><th>stack</th><th>region</th><th>role</th><th>required GPUs</th><th>guaranteed GPUs</th><th>max GPUs</th><th>guaranteed after zone loss</th><th>after spot storm</th><th>RPO</th></tr></thead><tbody>${regions}</tbody></table>
<h2>Losing a region (RTO)</h2>
<p class="figures"><span>RTO goal <b id="rto-goal" data-value="${v.rtoGoalSeconds}">${v.rtoGoalSeconds} s</b></span><span>detection bound <b id="detection-bound" data-value="${v.detectionBoundSeconds}">${v.detectionBoundSeconds} s</b> ${verdict(v.detectionWithinBound, "met", "exceeded")}</span></p>
<p class="sub">RTO = detection (interval × threshold) + DNS TTL + scale-up of the survivors (node boot + model load, from their <code>dr</code> config; none when their guaranteed GPUs carry the load). Routing ${esc(v.mode)}.</p>
<table id="dr-losses"><thead><tr><th>region lost</th><th>traffic goes to</th><th>load (GPUs)</th><th>survivors' guaranteed GPUs</th><th>whole load</th><th>RTO</th><th>goal</th></tr></thead><tbody>${losses}</tbody></table>`;
}

export function renderReport(m: ReportModel): string {
  const body = [
    `<h1>HA report: ${esc(m.stack)}</h1><p class="sub">Project ${esc(m.project)} · ${m.resourceCount} resources from the offline plan (the records of <code>npm run plan -- --stack ${esc(m.stack)} --json</code>)</p>`,
    m.capacity ? capacitySection(m.capacity, m.scenarios) : `<h2>GPU capacity</h2><p class="sub" id="capacity-none">This stack declares no GPU pools.</p>`,
    m.failover ? failoverSection(m.failover) : "",
    m.dr ? drSection(m.dr.view, m.dr.missing) : "",
    coverageSection(m.coverage, m.capacity ? new Set(m.capacity.pools.map((p) => p.zone)).size : 0),
    policySection(m.policy),
  ].join("\n");
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>HA report: ${esc(m.stack)}</title><style>${CSS}</style></head>\n<body>\n${body}\n</body></html>\n`;
}
