// The IAM classes this package registers, each from its own file of the pinned @pulumi/aws: the
// service index (`@pulumi/aws/iam`) also loads its policy-document helpers and enums at import.
// Checked by test/aws/sdk-imports.spec.ts.
export { Policy } from "@pulumi/aws/iam/policy";
export { Role } from "@pulumi/aws/iam/role";
export { RolePolicy } from "@pulumi/aws/iam/rolePolicy";
export { RolePolicyAttachment } from "@pulumi/aws/iam/rolePolicyAttachment";
