// Kubernetes-layer rules (graph replicas in HA mode, GPUs per worker, image tags, etcd/NATS quorum).
import { RegionalConfig } from "../stack-config";

export function checkKubernetes(_c: RegionalConfig): void {}
