import { bool, enumOf, int, list, obj, str } from "../schema";

export const GPU_SOFTWARE = ["gpu-operator", "device-plugin"] as const;
/** AKS GPU driver owner: the GPU Operator (`gpuProfile.driver: None`) or AKS itself (`Install`). */
export const AZURE_GPU_DRIVERS = ["gpu-operator", "aks"] as const;
export const AMI_TYPES = ["AL2023_x86_64_NVIDIA", "BOTTLEROCKET_x86_64_NVIDIA", "BOTTLEROCKET_ARM_64_NVIDIA"] as const;

/** `dynamo-ha:gpuPool` — the GPU node pools: spot first, on-demand/regular fallback in every zone. */
export const gpuPoolSection = obj(
  {
    instanceTypes: list(str({ doc: "instance type or VM size", patternText: "an EC2 instance type or Azure VM size" }), {
      doc: "Spot instance types (EKS, at least 2 of one GPU count for diversification) or the VM size (AKS, the first is used).",
      minItems: 1,
      distinct: true,
      what: "instance types",
    }),
    fallbackInstanceTypes: list(str({ doc: "instance type or VM size", patternText: "an EC2 instance type or Azure VM size" }), { doc: "On-demand / regular fallback types of the same GPU class.", defaultText: "the first of instanceTypes" }),
    gpusPerNode: int({ doc: "GPUs per node of types missing from the built-in table (required for them); a listed type's count is fixed and may not be contradicted.", defaultText: "from the built-in table", min: 1, max: 16 }),
    amiType: enumOf(AMI_TYPES, { doc: "EKS AMI type of GPU node groups.", default: "AL2023_x86_64_NVIDIA" }),
    gpuSoftware: enumOf(GPU_SOFTWARE, {
      doc: "Who exposes GPUs to Kubernetes: the NVIDIA GPU Operator (drivers from the node image) or the device plugin alone. EKS Bottlerocket NVIDIA AMIs run their own device plugin, so nothing is installed there.",
      default: "gpu-operator",
    }),
    spot: bool({ doc: "Create spot pools (with fallback pools beside them).", default: true }),
    requireFallback: bool({ doc: "Refuse spot pools without an on-demand/regular pool of the same GPU class in each zone.", default: true }),
    azureGpuDriver: enumOf(AZURE_GPU_DRIVERS, {
      doc: "AKS only: who installs the NVIDIA driver on GPU pools: the GPU Operator (gpuProfile.driver None; needs gpuSoftware gpu-operator) or AKS (gpuProfile.driver Install). Mixing both breaks the nvidia container runtime.",
      defaultText: "gpu-operator when gpuSoftware is gpu-operator, else aks",
    }),
    diskSizeGb: int({ doc: "EKS: root volume size (GiB) of GPU nodes; inference images are large.", default: 200, min: 20, max: 16384 }),
    headroomNodes: int({ doc: "Extra nodes per pool above the sizing minimum, for the autoscaler's max.", default: 2, min: 0, max: 100 }),
  },
  { doc: "GPU node pools." },
);
