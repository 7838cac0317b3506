// The package's public entry (`import { AwsRegion } from "dynamo-ha"`): every component a program can
// compose, with its args, and the ClusterFacts seam between the cloud and Kubernetes layers. Importing
// it declares classes only: no resource is registered until a component is constructed.

// Cloud layers: one region component per cloud.
export { AwsRegion, INTERNAL_NLB_ANNOTATIONS } from "./aws/region";
export type { AwsRegionArgs } from "./aws/region";
export { AzureRegion, AKS_INTERNAL_LB_ANNOTATIONS } from "./azure/region";
export type { AzureRegionArgs } from "./azure/region";
export type { AwsClusterArgs, AzureClusterArgs, CapacityArgs, ClusterArgs, GpuPoolArgs, RegionArgs } from "./core/region-args";

// The seam: what a cloud layer hands the Kubernetes layer.
export type { ClusterFacts, GpuPoolFacts, RegionLayer, Toleration } from "./core/cluster-facts";
export type { PlatformCheckpoint, StorageFacts } from "./core/storage-facts";
export type { CapacityReport } from "./core/sizing";

// Kubernetes layer (cloud-neutral).
export { DynamoPlatform } from "./k8s/dynamo-platform";
export type { DynamoPlatformArgs, OperatorCheckpointArgs, QuorumStoreArgs } from "./k8s/dynamo-platform";
export type { PlatformValuesInput } from "./k8s/platform-values";
// The HA graph: a DynamoGraphDeployment spread over zones with its PDBs.
export { HaGraph } from "./k8s/dynamo-graph";
export type { HaGraphArgs } from "./k8s/dynamo-graph";
export { Backend, ComponentType } from "./k8s/graph-settings";
export type { ComponentPlan, GraphSettings } from "./k8s/graph-settings";
export { TaintEffect, TolerationOperator } from "./k8s/graph-spec";
export type { GpuToleration, GraphPlacement, GraphStorage, NodeLabel } from "./k8s/graph-spec";
export { GpuSoftware } from "./k8s/gpu-software";
export type { GpuSoftwareArgs } from "./k8s/gpu-software";
export { FrontendExposure } from "./k8s/frontend-service";
export type { FrontendExposureArgs } from "./k8s/frontend-service";
export { Observability } from "./k8s/observability/observability";
export type { ObservabilityArgs } from "./k8s/observability/observability";
export { ReplicationStore } from "./k8s/observability/settings";
export type { AlertThresholds, ObservabilitySettings, ReplicationAlerting, StoreReplicas } from "./k8s/observability/settings";

// Checkpoint and model stores: Azure Blob, S3, a ReadWriteMany PVC.
export { CheckpointStore } from "./storage/blob-store";
export type { CheckpointStoreArgs, WorkloadIdentityAccessArgs } from "./storage/blob-store";
export { CheckpointBucket } from "./storage/s3-store";
export type { BucketReplicationArgs, CheckpointBucketArgs, PodIdentityAccessArgs } from "./storage/s3-store";
export { CheckpointVolume } from "./storage/pvc-store";
export type { CheckpointVolumeArgs } from "./storage/pvc-store";

// Global failover routing over regional stacks: GlobalRouting picks the service; the service
// components take regions already read through StackReference (TypeScript only).
export { GlobalRouting } from "./global/global-routing";
export type { RoutingServiceComponent } from "./global/global-routing";
export { ActiveActiveRouting, GlobalRoutingMode, GlobalRoutingService } from "./global/global-routing-args";
export type { GlobalRoutingArgs } from "./global/global-routing-args";
export { Route53Routing } from "./global/route53-routing";
export type { Route53RoutingArgs } from "./global/route53-routing";
export { FrontDoorRouting } from "./global/front-door-routing";
export type { FrontDoorRoutingArgs } from "./global/front-door-routing";
export { TrafficManagerRouting } from "./global/traffic-manager-routing";
export type { TrafficManagerRoutingArgs } from "./global/traffic-manager-routing";
export type { DnsRoutingArgs, RoutingServiceArgs } from "./global/routing-plan";
export { readRegion } from "./global/region-ref";
export type { RegionRef } from "./global/region-ref";
