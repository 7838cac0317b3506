// EKS-only rules (instance-type diversification, AMI vs GPU software, subnets).
import { RegionalConfig } from "../stack-config";

export function checkAws(_c: RegionalConfig): void {}
