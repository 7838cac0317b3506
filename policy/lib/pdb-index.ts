// PodDisruptionBudgets and the workloads they may select, indexed so a stack policy asks "which PDBs
// may select this workload" in time linear in the stack: PDBs are filed under the label their selector
// demands, and selectors that select every pod are judged once per namespace and replica count.
import { PolicyResource } from "@pulumi/policy";
import { Budget, budgetOf } from "./budget";
import { T } from "./keys";
import { Demand, demandOf, selects } from "./selectors";
import { StackItem, stackItems } from "./stack";
import { at, isUnknown, str, text, Tri, UNKNOWN, Unknown } from "./values";
import { sameNamespace, Workload, WORKLOAD_TYPES, workloadsOf } from "./workloads";

export interface PdbEntry {
  item: StackItem;
  /** Position in the stack, so lists come out in stack order. */
  order: number;
  /** "PodDisruptionBudget web". */
  label: string;
  namespace: string | undefined | Unknown;
  selector: unknown;
  budget: Budget | Unknown;
  demand: Demand;
}

export interface WorkloadEntry {
  urn: string;
  w: Workload;
}

export interface PdbIndex {
  pdbs: PdbEntry[];
  workloads: WorkloadEntry[];
  /** PDBs whose selector selects every pod with known labels (`{}`). */
  selectAll: PdbEntry[];
  /** Known namespaces of select-all PDBs, and whether one has no (or an unknown) namespace. */
  selectAllNamespaces: Set<string>;
  selectAllAnyNamespace: boolean;
  /** PDBs that demand nothing indexable (NotIn / DoesNotExist only): checked one by one. */
  open: PdbEntry[];
  /** PDBs whose selector has unknown parts and nothing indexable: never certain, possibly anything. */
  maybe: PdbEntry[];
  /** label key -> label value -> PDBs demanding that value. */
  byValue: Map<string, Map<string, PdbEntry[]>>;
  /** label key -> PDBs demanding only that the key exists. */
  byKey: Map<string, PdbEntry[]>;
}

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
};

/** Every PDB and workload of the stack, indexed. */
export function pdbIndex(resources: readonly PolicyResource[]): PdbIndex {
  const items = stackItems(resources, [...WORKLOAD_TYPES, T.pdb]);
  const ix: PdbIndex = { pdbs: [], workloads: [], selectAll: [], selectAllNamespaces: new Set(), selectAllAnyNamespace: false, open: [], maybe: [], byValue: new Map(), byKey: new Map() };
  for (const r of items) {
    if (r.type !== T.pdb) {
      for (const w of workloadsOf(r.type, r.name, r.props)) ix.workloads.push({ urn: r.urn, w });
      continue;
    }
    const name = str(at(r.props, "metadata", "name"));
    const selector = at(r.props, "spec", "selector");
    const p: PdbEntry = {
      item: r,
      order: ix.pdbs.length,
      label: `PodDisruptionBudget ${text(typeof name === "string" ? name : r.name)}`,
      namespace: str(at(r.props, "metadata", "namespace")),
      selector,
      budget: budgetOf(at(r.props, "spec")),
      demand: demandOf(selector),
    };
    ix.pdbs.push(p);
    const d = p.demand;
    if (d.kind === "all") {
      ix.selectAll.push(p);
      if (typeof p.namespace === "string") ix.selectAllNamespaces.add(p.namespace);
      else ix.selectAllAnyNamespace = true;
    } else if (d.kind === "open") ix.open.push(p);
    else if (d.kind === "maybe") ix.maybe.push(p);
    else if (d.kind === "key") {
      if (d.values === undefined) push(ix.byKey, d.key, p);
      else {
        let m = ix.byValue.get(d.key);
        if (!m) ix.byValue.set(d.key, (m = new Map()));
        for (const v of new Set(d.values)) push(m, v, p);
      }
    }
  }
  return ix;
}

/**
 * The PDBs other than select-all ones that may select a workload's pods: with `certain`, a superset of
 * those for which `pdbSelects` may be true; else of those for which it is not false. Lazy, so a caller
 * looking for any one stops early.
 */
export function* candidatePdbs(ix: PdbIndex, w: Workload, certain: boolean): Generator<PdbEntry> {
  const labels = w.podLabels;
  if (isUnknown(labels)) {
    if (!certain) for (const p of ix.pdbs) if (p.demand.kind !== "all") yield p;
    return;
  }
  yield* ix.open;
  if (!certain) yield* ix.maybe;
  for (const k of Object.keys(labels)) {
    yield* ix.byKey.get(k) ?? [];
    const byV = ix.byValue.get(k);
    if (!byV) continue;
    const v = labels[k];
    if (!isUnknown(v)) {
      yield* byV.get(v) ?? [];
    } else if (!certain) {
      // An unknown label value may equal any demanded value: every PDB on this key, once.
      const seen = new Set<PdbEntry>();
      for (const ps of byV.values()) {
        for (const p of ps) {
          if (seen.has(p)) continue;
          seen.add(p);
          yield p;
        }
      }
    }
  }
}

/** Whether a select-all PDB may select pods in the workload's namespace. */
export function selectAllMayCover(ix: PdbIndex, w: Workload): boolean {
  return ix.selectAll.length > 0 && (typeof w.namespace !== "string" || ix.selectAllNamespaces.has(w.namespace) || ix.selectAllAnyNamespace);
}

/** Whether the PDB selects the workload's pods in the same namespace: true, false or unknown. */
export function pdbSelects(p: PdbEntry, w: Workload): Tri {
  const ns = sameNamespace(p.namespace, w.namespace);
  if (ns === false) return false;
  const sel = selects(p.selector, w.podLabels);
  if (sel === false) return false;
  return ns === true && sel === true ? true : UNKNOWN;
}

/**
 * The PDBs that certainly select a workload and for which `bad(budget, replicas)` holds, in stack
 * order. Select-all PDBs are judged once per namespace and replica count: `memo` (one per run and
 * predicate) keeps that verdict, and `shared` is the memo's list itself, never copied per workload.
 */
export interface Offenders {
  shared: readonly PdbEntry[];
  own: PdbEntry[];
  count: number;
}

export function offendingPdbs(ix: PdbIndex, w: Workload, replicas: number, bad: (b: Budget | Unknown, replicas: number) => boolean, memo: Map<string, PdbEntry[]>): Offenders {
  if (isUnknown(w.podLabels) || isUnknown(w.namespace)) return { shared: [], own: [], count: 0 };
  const key = `${w.namespace === undefined ? "" : `=${w.namespace}`}\u0000${replicas}`;
  let shared = memo.get(key);
  if (!shared) {
    shared = ix.selectAll.filter((p) => sameNamespace(p.namespace, w.namespace) === true && bad(p.budget, replicas));
    memo.set(key, shared);
  }
  const own: PdbEntry[] = [];
  for (const p of candidatePdbs(ix, w, true)) if (pdbSelects(p, w) === true && bad(p.budget, replicas)) own.push(p);
  own.sort((a, b) => a.order - b.order);
  return { shared, own, count: shared.length + own.length };
}

/** The first `max` offenders in stack order. */
export function firstOffenders(o: Offenders, max: number): PdbEntry[] {
  const out: PdbEntry[] = [];
  let i = 0;
  let j = 0;
  while (out.length < max && (i < o.shared.length || j < o.own.length)) {
    if (j >= o.own.length || (i < o.shared.length && o.shared[i].order < o.own[j].order)) out.push(o.shared[i++]);
    else out.push(o.own[j++]);
  }
  return out;
}

/** "PodDisruptionBudget a, PodDisruptionBudget b and 3 more": messages stay short however many match. */
export function pdbList(o: Offenders, max = 3): string {
  const shown = firstOffenders(o, max).map((p) => p.label);
  const more = o.count - shown.length;
  if (more > 0) return `${shown.join(", ")} and ${more} more`;
  return shown.length <= 1 ? shown.join("") : `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
}
