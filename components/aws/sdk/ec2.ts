// The EC2 classes and lookups this package uses, each from its own file of the pinned @pulumi/aws:
// the service index (`@pulumi/aws/ec2`) also loads its enum and helper modules at import. Checked by
// test/aws/sdk-imports.spec.ts.
export { Eip } from "@pulumi/aws/ec2/eip";
export { getSubnetOutput } from "@pulumi/aws/ec2/getSubnet";
export { InternetGateway } from "@pulumi/aws/ec2/internetGateway";
export { LaunchTemplate } from "@pulumi/aws/ec2/launchTemplate";
export { NatGateway } from "@pulumi/aws/ec2/natGateway";
export { RouteTable } from "@pulumi/aws/ec2/routeTable";
export { RouteTableAssociation } from "@pulumi/aws/ec2/routeTableAssociation";
export { SecurityGroup } from "@pulumi/aws/ec2/securityGroup";
export { Subnet } from "@pulumi/aws/ec2/subnet";
export { Vpc } from "@pulumi/aws/ec2/vpc";
