// The CloudWatch class this package registers, from its own file of the pinned @pulumi/aws: the service
// index (`@pulumi/aws/cloudwatch`) also loads the event and log mixins, which pull in Lambda (about 20
// modules). Checked by test/aws/sdk-imports.spec.ts.
export { LogGroup } from "@pulumi/aws/cloudwatch/logGroup";
