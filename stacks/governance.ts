// The governance stack: the published CrossGuard pack attached to every regional and global stack on
// Pulumi Cloud, so no stack of this project deploys without it (even with a plain `pulumi up`).
import * as pulumi from "@pulumi/pulumi";
import { PolicyGroup } from "@pulumi/pulumiservice/policyGroup";
import * as fs from "fs";
import * as path from "path";
import { ConfigError, Env, GovernanceConfig, PROJECT } from "../components/core/config";
import { stackFacts } from "./stack-facts";
import { bundledStacks, STACKS_DIR } from "./stack-file";
import { PackRef, policyGroups, TargetStack } from "./governance-groups";
import { PROJECT_ROOT } from "./project-root";

const POLICY_DIR = path.join(PROJECT_ROOT, "policy");

/** Name and version the pack is published under (`pulumi policy publish policy` reads policy/package.json). */
export function publishedPack(dir = POLICY_DIR): PackRef {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
  if (!pkg.name || !pkg.version) throw new ConfigError(`policy/package.json: needs "name" and "version" to attach the published pack, got ${JSON.stringify({ name: pkg.name, version: pkg.version })}`);
  return { name: pkg.name, version: pkg.version };
}

/** policy/config/<env>.json, or {} when the pack has no config for that env. */
function packConfig(env: Env, dir = POLICY_DIR): Record<string, unknown> {
  const file = path.join(dir, "config", `${env}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>) : {};
}

/**
 * The stacks to govern: `dynamo-ha:governance.stacks`, or every bundled stack that is not itself a
 * governance stack. Each takes its env from its stack file; a listed stack with no file here (kept
 * elsewhere) is treated as prod, so an unknown stack gets the strict group.
 */
export function governedStacks(listed: readonly string[] | undefined, dir = STACKS_DIR): TargetStack[] {
  const bundled = new Set(bundledStacks(dir));
  const names = listed ?? [...bundled].filter((s) => stackFacts(s, dir).kind !== "governance");
  return names.map((name) => ({ name, env: bundled.has(name) ? stackFacts(name, dir).env : "prod" }));
}

export function governanceStack(c: GovernanceConfig): Record<string, unknown> {
  let targets: TargetStack[];
  let pack: PackRef;
  try {
    targets = governedStacks(c.governance.stacks);
    pack = publishedPack();
  } catch (e) {
    if (e instanceof ConfigError) throw new pulumi.RunError(e.message);
    throw e;
  }
  const groups = policyGroups(PROJECT, targets, pack, { prod: packConfig("prod"), dev: packConfig("dev") });
  // Deleting a group silently detaches the pack from every stack it governs: kept unless explicitly allowed.
  const keep = { protect: c.governance.protectPolicyGroups, retainOnDelete: c.governance.protectPolicyGroups };
  for (const g of groups) {
    new PolicyGroup(
      `policy-group-${g.env}`,
      {
        name: g.name,
        organizationName: c.governance.organization,
        entityType: "stacks",
        mode: g.mode,
        stacks: g.stacks,
        policyPacks: g.policyPacks,
      },
      keep,
    );
  }
  return {
    env: c.env,
    organization: c.governance.organization,
    pack,
    policyGroups: groups.map((g) => ({ name: g.name, env: g.env, mode: g.mode, stacks: g.stacks.map((s) => s.name) })),
  };
}
