// The S3 classes this package registers, each from its own file of the pinned @pulumi/aws (package.json).
// The service index (`@pulumi/aws/s3`) also loads the bucket event mixins, which pull in Lambda and
// CloudWatch Events: about 20 modules a plan never uses. test/aws/sdk-imports.spec.ts checks each
// name is the index's own class.
export { Bucket } from "@pulumi/aws/s3/bucket";
export { BucketLifecycleConfiguration } from "@pulumi/aws/s3/bucketLifecycleConfiguration";
export { BucketLogging } from "@pulumi/aws/s3/bucketLogging";
export { BucketOwnershipControls } from "@pulumi/aws/s3/bucketOwnershipControls";
export { BucketPolicy } from "@pulumi/aws/s3/bucketPolicy";
export { BucketPublicAccessBlock } from "@pulumi/aws/s3/bucketPublicAccessBlock";
export { BucketReplicationConfig } from "@pulumi/aws/s3/bucketReplicationConfig";
export { BucketServerSideEncryptionConfiguration } from "@pulumi/aws/s3/bucketServerSideEncryptionConfiguration";
export { BucketVersioning } from "@pulumi/aws/s3/bucketVersioning";
