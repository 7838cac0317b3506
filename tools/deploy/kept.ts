// What `pulumi destroy` leaves behind, from the stack's offline plan: protected resources stop the
// destroy (`--exclude-protected` deletes everything else and leaves them), retained ones are removed
// from the state but stay in the cloud. Printed before `npm run destroy` hands over to Pulumi.
import type { ResourceRecord } from "../plan/records";

export interface KeptResource {
  readonly type: string;
  readonly name: string;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
}

/** Every resource of the plan that destroy keeps, protected ones first, then by type and name. */
export function keptResources(records: readonly ResourceRecord[]): KeptResource[] {
  return records
    .filter((r) => r.protect || r.retainOnDelete)
    .map(({ type, name, protect, retainOnDelete }) => ({ type, name, protect, retainOnDelete }))
    .sort((a, b) => Number(b.protect) - Number(a.protect) || a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
}

/** The lines `npm run destroy` prints: a heading, then one line per kept resource. */
export function keptLines(stack: string, kept: readonly KeptResource[]): string[] {
  if (kept.length === 0) return [`destroy ${stack}: keeps nothing (storage.allowDataLoss is on, or the stack holds no data)`];
  const how = (k: KeptResource) => (k.protect && k.retainOnDelete ? "protected, retained" : k.protect ? "protected" : "retained");
  const width = Math.max(...kept.map((k) => how(k).length));
  return [
    `destroy ${stack}: keeps ${kept.length} resources (protected: pulumi destroy stops at them, --exclude-protected leaves them; retained: deleted from the state, left in the cloud):`,
    ...kept.map((k) => `  ${how(k).padEnd(width)}  ${k.type}  ${k.name}`),
  ];
}
