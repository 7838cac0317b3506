// Azure object replication from this region's storage account into the DR peer's: one policy on
// each account, with a rule per container (checkpoints, models).
//
// Order (Azure "Configure object replication"; azure-native storage.ObjectReplicationPolicy
// `objectReplicationPolicyId`): the policy is created on the DESTINATION account first, with policy
// ID "default"; Azure generates the policy ID and one rule ID per rule; the SOURCE account's policy
// then repeats those IDs. Both policies are declared here, in the primary's stack: the destination
// policy names the source account, which only the primary has, and the source policy needs the
// destination's generated IDs, so one `pulumi up` of the primary (after the peer) creates both in
// that order. The peer stack never declares object replication policies, so nothing fights over
// them. Both accounts are named by full resource ID, as Azure requires when cross-tenant
// replication is off (the StorageAccount default).
import { Provider as AzureProvider } from "@pulumi/azure-native/provider";
import * as storage from "@pulumi/azure-native/storage";
import * as pulumi from "@pulumi/pulumi";
import { ContainerPair, dataProtection, ruleIdFor } from "../core/storage-plan";
import { childDependsOn } from "../core/child-depends-on";

export interface ObjectReplicationArgs {
  /** This (source) account: resource ID, name and resource group. */
  readonly sourceAccountId: pulumi.Input<string>;
  readonly sourceAccountName: pulumi.Input<string>;
  readonly sourceResourceGroupName: pulumi.Input<string>;
  /** The DR peer's (destination) account, from the peer's stack outputs. */
  readonly destination: pulumi.Input<{
    readonly accountId: string;
    readonly accountName: string;
    readonly resourceGroup: string;
    readonly subscriptionId: string;
    readonly location: string;
  }>;
  /** One rule per pair: a container here and the peer's container it is copied into. */
  readonly rules: pulumi.Input<readonly ContainerPair[]>;
  /** Drop protect/retainOnDelete on both policies. @default false */
  readonly allowDataLoss?: boolean;
}

/** Copy every blob, not only those created after the policy. */
export const COPY_EXISTING_BLOBS = "1601-01-01T00:00:00Z";
const REPLACE_ON = ["rules", "sourceAccount", "destinationAccount"];

/**
 * Pass the region's azure-native provider as `providers: [provider]`; the peer's account gets its own.
 * The source policy waits for `opts.dependsOn` (the source containers and blob service settings).
 */
export class ObjectReplication extends pulumi.ComponentResource {
  public readonly destinationPolicy: storage.ObjectReplicationPolicy;
  public readonly sourcePolicy: storage.ObjectReplicationPolicy;

  constructor(name: string, args: ObjectReplicationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:azure:ObjectReplication", name, {}, opts);
    // Guard rails of the DR copy: deleting either policy stops replication without a word, so both are
    // protected. Not retained: a policy left behind in Azure keeps the peer's containers read-only and
    // blocks a new policy for the pair (one per source/destination pair), which failover and a changed
    // pair both need gone (docs/dr.md, failover).
    const keep = { parent: this, protect: dataProtection(args.allowDataLoss ?? false).protect };
    const dst = pulumi.output(args.destination);
    // Without minCreationTime Azure copies only blobs created after the policy; this date copies what the
    // containers already hold too (ObjectReplicationPolicyFilter.minCreationTime, "1601-01-01T00:00:00Z" = all).
    const rules = pulumi
      .output(args.rules)
      .apply((rs) => rs.map((r) => ({ sourceContainer: r.sourceContainer, destinationContainer: r.destinationContainer, filters: { minCreationTime: COPY_EXISTING_BLOBS } })));
    // The peer's account may be in another subscription: its policy goes through a provider for that one.
    const peer = new AzureProvider(`${name}-peer`, { subscriptionId: dst.subscriptionId, location: dst.location }, { parent: this });
    // Metrics on: the AzureObjectReplicationPending alert reads the pending-operations metric they enable.
    // Source: Azure "Object replication for block blobs", replication metrics.
    this.destinationPolicy = new storage.ObjectReplicationPolicy(
      `${name}-destination`,
      {
        accountName: dst.accountName,
        resourceGroupName: dst.resourceGroup,
        objectReplicationPolicyId: "default",
        sourceAccount: args.sourceAccountId,
        destinationAccount: dst.accountId,
        rules,
        metrics: { enabled: true },
      },
      // An update would PUT to ".../default" again (the provider rebuilds the id from its inputs) and lose
      // the generated policy id the source policy carries: a changed pair is replaced, old one first
      // (protect makes that an explicit step: `pulumi state unprotect`). Azure refuses a rule whose
      // containers do not exist yet: it waits for opts.dependsOn too.
      { ...keep, provider: peer, replaceOnChanges: REPLACE_ON, deleteBeforeReplace: true, dependsOn: childDependsOn(opts) },
    );
    const d = this.destinationPolicy;
    // Known only once Azure has answered the destination's PUT: unknown in a preview of a new pair.
    const generated = pulumi.all([d.policyId, d.rules]);
    this.sourcePolicy = new storage.ObjectReplicationPolicy(
      `${name}-source`,
      {
        accountName: args.sourceAccountName,
        resourceGroupName: args.sourceResourceGroupName,
        objectReplicationPolicyId: d.policyId,
        sourceAccount: args.sourceAccountId,
        destinationAccount: dst.accountId,
        rules: pulumi.all([rules, generated]).apply(([rs, [, returned]]) => rs.map((r) => ({ ...r, ruleId: generatedRuleId(r, returned) }))),
        metrics: { enabled: true },
      },
      { ...keep, dependsOn: childDependsOn(opts, d), replaceOnChanges: [...REPLACE_ON, "objectReplicationPolicyId"], deleteBeforeReplace: true },
    );
    this.registerOutputs({ policyId: d.policyId });
  }
}

/** The rule ID Azure generated for a container pair; a missing one fails the run with one line. */
function generatedRuleId(pair: ContainerPair, returned: Parameters<typeof ruleIdFor>[1]): string {
  try {
    return ruleIdFor(pair, returned);
  } catch (e) {
    throw new pulumi.RunError((e as Error).message);
  }
}
