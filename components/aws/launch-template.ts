// Launch templates of the EKS managed node groups: IMDSv2 only with a hop limit of 1 (pods on the pod
// network cannot reach the node's credentials), and encrypted gp3 volumes whatever the account default.
// No AMI, instance type or user data: the node groups keep choosing them (`amiType`, `instanceTypes`).
import * as ec2 from "./sdk/ec2";
import * as pulumi from "@pulumi/pulumi";

/** Instance metadata: tokens required (IMDSv2), one network hop (the node itself, not its pods). */
export const NODE_METADATA_OPTIONS = { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" } as const;

export interface EbsMapping {
  readonly deviceName: string;
  readonly ebs: { readonly volumeType: "gp3"; readonly encrypted: "true"; readonly deleteOnTermination: "true"; readonly volumeSize?: number };
}

/**
 * The node's volumes. Amazon Linux boots and stores images on /dev/xvda; Bottlerocket keeps its OS on
 * /dev/xvda and images on the data volume /dev/xvdb, which is what a node group's `diskSize` sizes
 * (awsdocs/amazon-eks-user-guide, doc_source/launch-templates.md, managed node groups with launch
 * templates; bottlerocket-os/bottlerocket, QUICKSTART-EKS.md). The OS volume keeps its image size.
 */
export function nodeVolumes(amiType: string, diskSizeGb: number): EbsMapping[] {
  const ebs = (volumeSize?: number) => ({ volumeType: "gp3" as const, encrypted: "true" as const, deleteOnTermination: "true" as const, ...(volumeSize === undefined ? {} : { volumeSize }) });
  if (amiType.startsWith("BOTTLEROCKET_")) return [{ deviceName: "/dev/xvda", ebs: ebs() }, { deviceName: "/dev/xvdb", ebs: ebs(diskSizeGb) }];
  return [{ deviceName: "/dev/xvda", ebs: ebs(diskSizeGb) }];
}

/** The launch template's inputs, pure. EKS refuses `diskSize` on a node group with a launch template: the size lives here. */
export function nodeLaunchTemplateArgs(amiType: string, diskSizeGb: number, tags: Record<string, string>) {
  return {
    metadataOptions: { ...NODE_METADATA_OPTIONS },
    blockDeviceMappings: nodeVolumes(amiType, diskSizeGb).map((m) => ({ deviceName: m.deviceName, ebs: { ...m.ebs } })),
    // Node groups follow the newest version: a changed template rolls the nodes.
    updateDefaultVersion: true,
    // The provider's default tags reach the template, not the volumes it launches: those take them here.
    ...(Object.keys(tags).length > 0 ? { tagSpecifications: [{ resourceType: "volume", tags: { ...tags } }] } : {}),
    tags: { ...tags },
  };
}

/** A node group's `launchTemplate` reference to the template's current version. */
export function nodeLaunchTemplate(name: string, amiType: string, diskSizeGb: number, tags: Record<string, string>, opts: pulumi.CustomResourceOptions) {
  const lt = new ec2.LaunchTemplate(name, nodeLaunchTemplateArgs(amiType, diskSizeGb, tags), opts);
  return { id: lt.id, version: lt.latestVersion.apply((v) => String(v)) };
}
