// Which Pulumi Cloud policy groups the governance stack declares: one per environment, each attaching
// the published pack to that environment's stacks — mandatory in prod (blocks updates), advisory in dev.
import { Env } from "../components/core/config";

export type GroupLevel = "mandatory" | "advisory";

/** Prod blocks updates that violate a policy; dev reports them. */
export const ENV_ENFORCEMENT: Record<Env, { level: GroupLevel; mode: "preventative" | "audit" }> = {
  prod: { level: "mandatory", mode: "preventative" },
  dev: { level: "advisory", mode: "audit" },
};

export interface TargetStack {
  name: string;
  env: Env;
}

export interface PackRef {
  /** Name the pack is published under (policy/package.json `name`). */
  name: string;
  /** Version tag of the published pack (policy/package.json `version`). */
  version: string;
}

export interface GroupSpec {
  env: Env;
  name: string;
  mode: "preventative" | "audit";
  stacks: { name: string; routingProject: string }[];
  policyPacks: { name: string; versionTag: string; config: Record<string, unknown> }[];
}

/**
 * The pack config of an environment with every enforcement level set to the group's: `all`, each
 * per-policy level string, and `enforcementLevel` inside per-policy objects (their other settings stay).
 */
export function enforcedConfig(config: Record<string, unknown>, level: GroupLevel): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    if (k === "all") continue;
    out[k] = typeof v === "string" ? level : v && typeof v === "object" && !Array.isArray(v) ? { ...v, enforcementLevel: level } : v;
  }
  return { all: level, ...out };
}

export function policyGroups(project: string, targets: readonly TargetStack[], pack: PackRef, packConfigs: Partial<Record<Env, Record<string, unknown>>>): GroupSpec[] {
  const envs = (Object.keys(ENV_ENFORCEMENT) as Env[]).filter((env) => targets.some((t) => t.env === env));
  return envs.map((env) => ({
    env,
    name: `${project}-${env}`,
    mode: ENV_ENFORCEMENT[env].mode,
    stacks: targets
      .filter((t) => t.env === env)
      .map((t) => ({ name: t.name, routingProject: project }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    policyPacks: [{ name: pack.name, versionTag: pack.version, config: enforcedConfig(packConfigs[env] ?? {}, ENV_ENFORCEMENT[env].level) }],
  }));
}
