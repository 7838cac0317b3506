// Cloud regions and each region's availability zones, pinned: a region or zone outside these lists
// is a typo (or a region this project has not been checked against), refused before anything exists.
//
// AWS: regions of the aws, aws-us-gov and aws-cn partitions (boto/botocore
// botocore/data/endpoints.json) and the zone letters each region offers (AWS RAM user guide,
// "Availability Zone IDs for your AWS resources"). Letters map to physical zones per account, so a
// region lists every letter some account can see; Local and Wavelength Zones are not listed.
// Azure: public-cloud locations (`az account list-locations`) and the ones with availability zones
// "1"–"3" (Azure reliability docs, "Azure regions with availability zone support").

const awsZones: Record<string, string> = {
  "us-east-1": "abcdef",
  "us-east-2": "abc",
  "us-west-1": "abc",
  "us-west-2": "abcd",
  "af-south-1": "abc",
  "ap-east-1": "abc",
  "ap-east-2": "abc",
  "ap-northeast-1": "abcd",
  "ap-northeast-2": "abcd",
  "ap-northeast-3": "abc",
  "ap-south-1": "abc",
  "ap-south-2": "abc",
  "ap-southeast-1": "abc",
  "ap-southeast-2": "abc",
  "ap-southeast-3": "abc",
  "ap-southeast-4": "abc",
  "ap-southeast-5": "abc",
  "ap-southeast-7": "abc",
  "ca-central-1": "abcd",
  "ca-west-1": "abc",
  "eu-central-1": "abc",
  "eu-central-2": "abc",
  "eu-north-1": "abc",
  "eu-south-1": "abc",
  "eu-south-2": "abc",
  "eu-west-1": "abc",
  "eu-west-2": "abc",
  "eu-west-3": "abc",
  "il-central-1": "abc",
  "me-central-1": "abc",
  "me-south-1": "abc",
  "mx-central-1": "abc",
  "sa-east-1": "abc",
  "us-gov-east-1": "abc",
  "us-gov-west-1": "abc",
  "cn-north-1": "abcd",
  "cn-northwest-1": "abc",
};

const AZURE_ZONAL = [
  "australiaeast", "austriaeast", "belgiumcentral", "brazilsouth", "canadacentral", "centralindia", "centralus", "chilecentral",
  "eastasia", "eastus", "eastus2", "francecentral", "germanywestcentral", "indonesiacentral", "israelcentral", "italynorth",
  "japaneast", "japanwest", "koreacentral", "malaysiawest", "mexicocentral", "newzealandnorth", "northeurope", "norwayeast",
  "polandcentral", "qatarcentral", "southafricanorth", "southcentralus", "southeastasia", "spaincentral", "swedencentral",
  "switzerlandnorth", "uaenorth", "uksouth", "westeurope", "westus2", "westus3",
];
const AZURE_NON_ZONAL = [
  "australiacentral", "australiacentral2", "australiasoutheast", "brazilsoutheast", "canadaeast", "francesouth", "germanynorth",
  "jioindiacentral", "jioindiawest", "koreasouth", "northcentralus", "norwaywest", "southafricawest", "southindia", "swedensouth",
  "switzerlandwest", "uaecentral", "ukwest", "westcentralus", "westindia", "westus",
];

/** Region → the zone names a node pool there may use. */
export const REGIONS: Readonly<Record<"aws" | "azure", Readonly<Record<string, readonly string[]>>>> = {
  aws: Object.fromEntries(Object.entries(awsZones).map(([r, letters]) => [r, [...letters].map((l) => `${r}${l}`)])),
  azure: Object.fromEntries([...AZURE_ZONAL.map((r) => [r, ["1", "2", "3"]]), ...AZURE_NON_ZONAL.map((r) => [r, []])]),
};

/** Whether `region` is a known region of the cloud (own keys only: `constructor` is no region). */
export function isRegion(cloud: "aws" | "azure", region: string): boolean {
  return Object.prototype.hasOwnProperty.call(REGIONS[cloud], region);
}

/** The zones of a known region; empty for an unknown one. */
export function zonesOf(cloud: "aws" | "azure", region: string): readonly string[] {
  return isRegion(cloud, region) ? REGIONS[cloud][region] : [];
}
