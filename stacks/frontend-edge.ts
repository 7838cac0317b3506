// The public edge of a regional stack (`dynamo-ha:exposure.edge`): the frontend's side is set in
// ClusterFacts before the Kubernetes layer builds the Services; the edge itself is built after them
// and its host, port and protocol become the frontend outputs global routing reads.
/* eslint-disable @typescript-eslint/no-require-imports -- the other cloud's SDK is never loaded */
import type * as pulumi from "@pulumi/pulumi";
import type { ClusterFacts, FrontendOrigin, RegionLayer } from "../components/core/cluster-facts";
import { RegionalConfig } from "../components/core/config";
import { FRONTEND_URL_OUTPUT, REGIONAL_OUTPUTS } from "../components/core/regional-outputs";
import type { KubernetesLayer } from "../components/k8s/kubernetes-layer";

type AwsPlan = typeof import("../components/aws/frontend-edge-plan");
type AzurePlan = typeof import("../components/azure/frontend-edge-plan");

/** The frontend's side of the edge, from config; undefined without an edge. */
export function frontendOriginOf(c: RegionalConfig): FrontendOrigin | undefined {
  if (!c.exposure.edge.enabled) return undefined;
  if (c.cloud === "aws") return (require("../components/aws/frontend-edge-plan") as AwsPlan).awsFrontendOrigin(c.exposure.edge.aws.nodePort);
  return (require("../components/azure/frontend-edge-plan") as AzurePlan).azureFrontendOrigin(c.stack);
}

/** The cloud layer's facts with the frontend's side of the edge. */
export function withFrontendOrigin(c: RegionalConfig, facts: ClusterFacts): ClusterFacts {
  const origin = frontendOriginOf(c);
  return origin === undefined ? facts : { ...facts, frontendOrigin: origin };
}

/** Builds the edge after the frontend's Services; its outputs replace the in-cluster frontend's. */
export function buildFrontendEdge(c: RegionalConfig, region: RegionLayer, kube: KubernetesLayer): Record<string, pulumi.Input<unknown>> {
  const site = region.edgeSite;
  if (!c.exposure.edge.enabled || site === undefined || kube.frontend === undefined) return {};
  const e = c.exposure.edge;
  const common = { stack: c.stack, sourceRanges: e.sourceRanges, healthPath: c.dr.healthPath, protect: !c.storage.allowDataLoss, tags: { ...c.labels } };
  const providers = { providers: [region.cloudProvider] };
  let edge: { host: pulumi.Output<string>; port: number; protocol: string };
  let name: string;
  if (site.kind === "aws") {
    const { AwsFrontendEdge } = require("../components/aws/frontend-edge") as typeof import("../components/aws/frontend-edge");
    const plan = require("../components/aws/frontend-edge-plan") as AwsPlan;
    name = plan.AWS_EDGE;
    edge = new AwsFrontendEdge(
      `frontend-edge`,
      {
        ...common,
        vpcId: site.vpcId,
        publicSubnetIds: e.aws.publicSubnetIds.length > 0 ? [...e.aws.publicSubnetIds] : site.publicSubnetIds,
        nodeSecurityGroupId: site.nodeSecurityGroupId,
        targetAutoscalingGroupName: site.targetAutoscalingGroupName,
        nodePort: e.aws.nodePort,
        // Checked in config: set whenever the edge is on AWS.
        certificateArn: e.aws.certificateArn!,
        jwt: { issuer: e.aws.jwtIssuer!, jwksEndpoint: e.aws.jwksEndpoint!, audiences: e.aws.audiences, audienceFormat: e.aws.audienceFormat },
      },
      { ...providers, dependsOn: [...kube.frontend.services] },
    );
  } else {
    const { AzureFrontendEdge } = require("../components/azure/frontend-edge") as typeof import("../components/azure/frontend-edge");
    const { getClientConfigOutput } = require("@pulumi/azure-native/authorization") as typeof import("@pulumi/azure-native/authorization");
    const plan = require("../components/azure/frontend-edge-plan") as AzurePlan;
    name = plan.AZURE_EDGE;
    const subscriptionId = getClientConfigOutput({ provider: region.cloudProvider }).subscriptionId;
    const plsId = subscriptionId.apply((sub) => site.nodeResourceGroup.apply((rg) => plan.privateLinkServiceId(sub, rg, plan.privateLinkServiceName(c.stack))));
    edge = new AzureFrontendEdge(
      `frontend-edge`,
      {
        ...common,
        resourceGroupName: site.resourceGroupName,
        location: c.region,
        privateLinkServiceId: plsId,
        originHost: kube.frontend.host,
        originPort: kube.frontend.port,
        apiKeyHeader: e.azure.apiKeyHeader,
        // Checked in config: set whenever the edge is on Azure.
        apiKey: e.azure.apiKey!.reveal(),
        wafMode: e.azure.wafMode as "Prevention" | "Detection",
        frontDoorIds: e.azure.frontDoorIds,
        frontDoorBackendRanges: e.azure.frontDoorBackendRanges,
        dependsOn: kube.frontend.services,
      },
      providers,
    );
  }
  return {
    [REGIONAL_OUTPUTS.frontendHost]: edge.host,
    [REGIONAL_OUTPUTS.frontendPort]: edge.port,
    [REGIONAL_OUTPUTS.frontendProtocol]: edge.protocol,
    [FRONTEND_URL_OUTPUT]: edge.host.apply((h) => `https://${h}`),
    frontendEdge: name,
  };
}
