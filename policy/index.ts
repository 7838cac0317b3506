// The CrossGuard pack: `pulumi preview --policy-pack policy [--policy-pack-config policy/config/prod.json]`.
// Constructing PolicyPack starts the analyzer's gRPC server, so nothing else imports this file.
import { PolicyPack } from "@pulumi/policy";
import { decodePropertiesFromWire } from "./lib/fast-requests";
import { shareDeserializedProperties } from "./lib/shared-deserialize";
import { PACK_NAME, policies } from "./policies";

// Both before the server starts: requests decode properties from their bytes, each resource once.
decodePropertiesFromWire();
shareDeserializedProperties();

new PolicyPack(PACK_NAME, {
  description: "High availability of NVIDIA Dynamo on EKS and AKS: disruption budgets, zone spread, leader election, quorum stores, GPU pools across zones, retained data, frontend exposure, workload hardening.",
  enforcementLevel: "advisory",
  policies,
});
