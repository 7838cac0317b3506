// GPUs per node and GPU class of the instance types / VM sizes the sizing knows without help.
// Sources: AWS EC2 accelerated-computing instance pages; Azure NC/ND-series size pages.
// An unlisted type needs `gpuPool.gpusPerNode`.

export interface GpuShape {
  readonly gpus: number;
  /** GPU model; spot and fallback pools must share it so a workload fits either. */
  readonly gpuClass: string;
}

const aws: Record<string, GpuShape> = {};
const fam = (family: string, gpuClass: string, sizes: Record<string, number>) => {
  for (const [size, gpus] of Object.entries(sizes)) aws[`${family}.${size}`] = { gpus, gpuClass };
};
const gSizes = { xlarge: 1, "2xlarge": 1, "4xlarge": 1, "8xlarge": 1, "16xlarge": 1, "12xlarge": 4, "24xlarge": 4, "48xlarge": 8 };
fam("g5", "A10G", gSizes);
fam("g6", "L4", gSizes);
fam("g6e", "L40S", gSizes);
fam("p4d", "A100", { "24xlarge": 8 });
fam("p4de", "A100-80GB", { "24xlarge": 8 });
fam("p5", "H100", { "4xlarge": 1, "48xlarge": 8 });
fam("p5e", "H200", { "48xlarge": 8 });
fam("p5en", "H200", { "48xlarge": 8 });
fam("p6-b200", "B200", { "48xlarge": 8 });

const azure: Record<string, GpuShape> = {
  Standard_NC24ads_A100_v4: { gpus: 1, gpuClass: "A100" },
  Standard_NC48ads_A100_v4: { gpus: 2, gpuClass: "A100" },
  Standard_NC96ads_A100_v4: { gpus: 4, gpuClass: "A100" },
  Standard_ND96asr_v4: { gpus: 8, gpuClass: "A100-40GB" },
  Standard_ND96amsr_A100_v4: { gpus: 8, gpuClass: "A100" },
  Standard_NC40ads_H100_v5: { gpus: 1, gpuClass: "H100-NVL" },
  Standard_NC80adis_H100_v5: { gpus: 2, gpuClass: "H100-NVL" },
  Standard_ND96isr_H100_v5: { gpus: 8, gpuClass: "H100" },
  Standard_ND96isr_H200_v5: { gpus: 8, gpuClass: "H200" },
  Standard_NC4as_T4_v3: { gpus: 1, gpuClass: "T4" },
  Standard_NC8as_T4_v3: { gpus: 1, gpuClass: "T4" },
  Standard_NC16as_T4_v3: { gpus: 1, gpuClass: "T4" },
  Standard_NC64as_T4_v3: { gpus: 4, gpuClass: "T4" },
  Standard_NV36ads_A10_v5: { gpus: 1, gpuClass: "A10" },
};

export const GPU_CATALOG: Readonly<Record<"aws" | "azure", Readonly<Record<string, GpuShape>>>> = { aws, azure };

/** The table's shape of a type (own entries only: `constructor` is no instance type). */
export function knownShape(cloud: "aws" | "azure", type: string): GpuShape | undefined {
  return Object.prototype.hasOwnProperty.call(GPU_CATALOG[cloud], type) ? GPU_CATALOG[cloud][type] : undefined;
}

/**
 * The shape of a type: the table's, which is a fact no setting overrides (the config refuses a
 * `gpusPerNode` that contradicts it), else the override's GPU count with class "custom:<type>".
 */
export function gpuShape(cloud: "aws" | "azure", type: string, gpusPerNode?: number): GpuShape | undefined {
  const known = knownShape(cloud, type);
  if (known !== undefined) return known;
  return gpusPerNode !== undefined ? { gpus: gpusPerNode, gpuClass: `custom:${type}` } : undefined;
}
