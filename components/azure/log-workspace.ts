// The Log Analytics workspace of the cluster's control-plane and audit logs, which Defender reports to
// as well. It holds the audit trail, so it is protected and retained unless the stack allows data loss.
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as pulumi from "@pulumi/pulumi";
import { dataProtection } from "../core/storage-plan";

export interface AksLogWorkspaceArgs {
  readonly location: string;
  readonly resourceGroupName: pulumi.Input<string>;
  /** Workspace name (naming.ts logWorkspaceName). */
  readonly workspaceName: string;
  /**
   * Days to keep the logs (30–730, checked in checks/azure.ts).
   * @default 90
   */
  readonly retentionInDays?: number;
  /**
   * Tags on the workspace.
   * @default {}
   */
  readonly tags?: Record<string, string>;
  /**
   * Let `pulumi destroy` delete the workspace and its logs.
   * @default false
   */
  readonly allowDataLoss?: boolean;
}

export class AksLogWorkspace extends pulumi.ComponentResource {
  readonly workspace: operationalinsights.Workspace;

  constructor(name: string, args: AksLogWorkspaceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dynamo-ha:azure:LogWorkspace", name, {}, opts);
    this.workspace = new operationalinsights.Workspace(
      `${name}-workspace`,
      {
        resourceGroupName: args.resourceGroupName,
        workspaceName: args.workspaceName,
        location: args.location,
        // Pay-as-you-go per GB; a commitment tier is a cost decision for the workspace owner.
        sku: { name: "PerGB2018" },
        retentionInDays: args.retentionInDays ?? 90,
        tags: args.tags ?? {},
      },
      { parent: this, ...dataProtection(args.allowDataLoss ?? false) },
    );
    this.registerOutputs({ workspaceId: this.workspace.id });
  }
}
