// Storage and replication rules (replication to another region, PVC class).
import { RegionalConfig } from "../stack-config";

export function checkStorage(_c: RegionalConfig): void {}
