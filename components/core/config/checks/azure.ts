// AKS-only rules (VM sizes, zones 1–3, spot fallback).
import { RegionalConfig } from "../stack-config";

export function checkAzure(_c: RegionalConfig): void {}
