// Every policy of the pack, in report order. Tests import this module; only ../index.ts starts the pack.
import { Policies } from "@pulumi/policy";
import { name as packageName } from "../package.json";
import { dataRetained } from "./data-retained";
import { frontendExposure } from "./frontend-exposure";
import { gpuPoolsAcrossZones } from "./gpu-pools-across-zones";
import { leaderElectionPolicy } from "./leader-election";
import { pdbAllowsDrain } from "./pdb-allows-drain";
import { pdbAllowsZoneDrain } from "./pdb-allows-zone-drain";
import { pdbRequired } from "./pdb-required";
import { quorumStores } from "./quorum-stores";
import { workloadHardening } from "./workload-hardening";
import { zoneSpreadPolicy } from "./zone-spread";

export { dataRetained, frontendExposure, gpuPoolsAcrossZones, leaderElectionPolicy, pdbAllowsDrain, pdbAllowsZoneDrain, pdbRequired, quorumStores, workloadHardening, zoneSpreadPolicy };

/** The published name: `pulumi policy publish` and the governance stack both use package.json's. */
export const PACK_NAME: string = packageName;

export const policies: Policies = [pdbRequired, pdbAllowsDrain, zoneSpreadPolicy, leaderElectionPolicy, pdbAllowsZoneDrain, quorumStores, gpuPoolsAcrossZones, dataRetained, frontendExposure, workloadHardening];
