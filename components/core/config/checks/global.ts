// Global-stack rules (regions, failover-time bound).
import { GlobalConfig } from "../stack-config";

export function checkGlobal(_c: GlobalConfig): void {}
