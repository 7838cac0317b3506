// `--out DIR`: every Kubernetes object the program declares, one YAML file each.
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { kubernetesObjects, ResourceRecord } from "./records";

export function objectFileName(o: Record<string, unknown>, fallback: string): string {
  const meta = (o.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  const parts = [String(o.kind), typeof meta.namespace === "string" ? meta.namespace : "", typeof meta.name === "string" ? meta.name : fallback];
  return `${parts.filter(Boolean).join("_").toLowerCase().replace(/[^a-z0-9_.-]+/g, "-")}.yaml`;
}

/** Writes the objects; returns the file names written. Duplicate names get the Pulumi resource name appended. */
export function writeKubernetesObjects(records: readonly ResourceRecord[], dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const r of kubernetesObjects(records)) {
    let name = objectFileName(r.inputs, r.name);
    if (written.includes(name)) name = name.replace(/\.yaml$/, `_${r.name.toLowerCase().replace(/[^a-z0-9-]+/g, "-")}.yaml`);
    fs.writeFileSync(path.join(dir, name), stringify(r.inputs, { lineWidth: 0 }));
    written.push(name);
  }
  return written;
}
