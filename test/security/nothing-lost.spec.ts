// `pulumi destroy` loses nothing: every stateful or guard-rail resource of each bundled stack is
// protected and retained on delete, and every storage class the program creates keeps its volumes.
// Read from the plan records, by type and role, so a new resource of a listed kind is covered too.
import * as assert from "assert";
import { bundledStacks } from "../../tools/plan/stack-file";
import { ResourceRecord } from "../../tools/plan/records";
import { stackFacts } from "../../stacks/stack-facts";
import { plannedStack } from "../support/plans";

interface KeptKind {
  readonly role: string;
  readonly type: string;
  /** Narrows the type to the role (e.g. one namespace among several). @default every record of the type */
  readonly is?: (r: ResourceRecord) => boolean;
}

const KEPT: readonly KeptKind[] = [
  { role: "checkpoint bucket", type: "aws:s3/bucket:Bucket" },
  { role: "bucket versioning", type: "aws:s3/bucketVersioning:BucketVersioning" },
  { role: "bucket encryption", type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration" },
  { role: "bucket public-access block", type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock" },
  { role: "bucket TLS-only policy", type: "aws:s3/bucketPolicy:BucketPolicy" },
  { role: "bucket lifecycle", type: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration" },
  { role: "bucket replication", type: "aws:s3/bucketReplicationConfig:BucketReplicationConfig" },
  { role: "replication role", type: "aws:iam/role:Role", is: (r) => r.name.endsWith("-replication") },
  { role: "access log bucket", type: "aws:s3/bucket:Bucket", is: (r) => r.name === "checkpoints-logs-bucket" },
  { role: "bucket access logging", type: "aws:s3/bucketLogging:BucketLogging" },
  { role: "log bucket ownership controls", type: "aws:s3/bucketOwnershipControls:BucketOwnershipControls" },
  { role: "log bucket encryption", type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", is: (r) => r.name === "checkpoints-logs-sse" },
  { role: "log bucket public-access block", type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", is: (r) => r.name === "checkpoints-logs-public-access" },
  { role: "log bucket delivery policy", type: "aws:s3/bucketPolicy:BucketPolicy", is: (r) => r.name === "checkpoints-logs-policy" },
  { role: "log bucket lifecycle", type: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", is: (r) => r.name === "checkpoints-logs-lifecycle" },
  { role: "KMS key", type: "aws:kms/key:Key" },
  { role: "checkpoint key alias", type: "aws:kms/alias:Alias", is: (r) => r.name === "checkpoints-key-alias" },
  { role: "EKS control-plane (audit) log group", type: "aws:cloudwatch/logGroup:LogGroup" },
  { role: "storage account", type: "azure-native:storage:StorageAccount" },
  { role: "blob service properties", type: "azure-native:storage:BlobServiceProperties" },
  { role: "blob container", type: "azure-native:storage:BlobContainer" },
  { role: "graph namespace", type: "kubernetes:core/v1:Namespace", is: (r) => r.name === "graph-ns" },
  { role: "platform namespace (etcd/NATS claims)", type: "kubernetes:core/v1:Namespace", is: (r) => r.name === "dynamo-platform-ns" },
  { role: "checkpoint claim", type: "kubernetes:core/v1:PersistentVolumeClaim" },
  { role: "Route 53 health check", type: "aws:route53/healthCheck:HealthCheck" },
  { role: "Route 53 record", type: "aws:route53/record:Record" },
  { role: "Traffic Manager profile", type: "azure-native:trafficmanager:Profile" },
  { role: "Front Door profile", type: "azure-native:cdn:Profile" },
  { role: "Front Door endpoint", type: "azure-native:cdn:AFDEndpoint" },
  { role: "policy group", type: "pulumiservice:index:PolicyGroup" },
  // AKS: the audit trail, and what the cluster's etcd encryption cannot lose (key, vault, identity, grant).
  { role: "AKS log workspace", type: "azure-native:operationalinsights:Workspace" },
  { role: "AKS control-plane log setting", type: "azure-native:monitor:DiagnosticSetting" },
  { role: "etcd key vault", type: "azure-native:keyvault:Vault" },
  { role: "etcd key", type: "azure-native:keyvault:Key" },
  { role: "AKS control-plane identity", type: "azure-native:managedidentity:UserAssignedIdentity", is: (r) => r.name.endsWith("-identity") && String(r.inputs.resourceName).endsWith("-control-plane") },
  { role: "etcd key grant", type: "azure-native:authorization:RoleAssignment", is: (r) => r.name.endsWith("-kms-crypto-user") },
  // A storage account with a customer-managed key: the identity that unwraps it and its grant on the key.
  { role: "storage key identity", type: "azure-native:managedidentity:UserAssignedIdentity", is: (r) => r.name === "checkpoints-encryption" },
  { role: "storage key grant", type: "azure-native:authorization:RoleAssignment", is: (r) => r.name === "checkpoints-encryption-key-user" },
];

/** The roles each kind of bundled stack must have at least one of (the test fails if a role vanishes from the plans). */
function expectedRoles(stack: string): string[] {
  const f = stackFacts(stack);
  if (f.kind === "governance") return ["policy group"];
  if (f.kind === "global") return f.cloud === "aws" ? ["Route 53 health check", "Route 53 record"] : [];
  const k8s = ["graph namespace", "platform namespace (etcd/NATS claims)"];
  if (f.cloud === "aws") {
    return [
      ...k8s,
      "checkpoint bucket",
      "bucket versioning",
      "bucket encryption",
      "bucket public-access block",
      "bucket TLS-only policy",
      "bucket lifecycle",
      "KMS key",
      "checkpoint key alias",
      "EKS control-plane (audit) log group",
      "access log bucket",
      "bucket access logging",
      "log bucket ownership controls",
      "log bucket encryption",
      "log bucket public-access block",
      "log bucket delivery policy",
      "log bucket lifecycle",
    ];
  }
  const aksHardening = ["AKS log workspace", "AKS control-plane log setting", "etcd key vault", "etcd key", "AKS control-plane identity", "etcd key grant"];
  return [...k8s, "storage account", "blob service properties", "blob container", ...aksHardening];
}

function kept(records: readonly ResourceRecord[]): Map<string, ResourceRecord[]> {
  const out = new Map<string, ResourceRecord[]>();
  for (const k of KEPT) out.set(k.role, records.filter((r) => r.custom && r.type === k.type && (k.is ?? (() => true))(r)));
  return out;
}

describe("nothing lost: stateful and guard-rail resources are protected and retained", function () {
  this.timeout(60000);

  for (const stack of bundledStacks()) {
    it(`${stack}: every listed resource has protect and retainOnDelete`, async () => {
      const byRole = kept((await plannedStack(stack)).resources);
      for (const role of expectedRoles(stack)) assert.ok(byRole.get(role)!.length > 0, `${stack}: no ${role} in the plan`);
      const loose = [...byRole].flatMap(([role, rs]) => rs.filter((r) => !(r.protect && r.retainOnDelete)).map((r) => `${role} ${r.type} ${r.name} (protect ${r.protect}, retainOnDelete ${r.retainOnDelete})`));
      assert.deepStrictEqual(loose, [], `${stack}: lost on destroy`);
    });

    it(`${stack}: every storage class the program creates reclaims with Retain`, async () => {
      const classes = (await plannedStack(stack)).resources.filter((r) => r.type === "kubernetes:storage.k8s.io/v1:StorageClass");
      assert.deepStrictEqual(
        classes.filter((r) => r.inputs.reclaimPolicy !== "Retain").map((r) => `${r.name}: ${String(r.inputs.reclaimPolicy)}`),
        [],
      );
      if (stackFacts(stack).kind === "regional") assert.ok(classes.length > 0, `${stack}: no storage class planned`);
    });
  }
});
