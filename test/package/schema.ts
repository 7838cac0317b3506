// The package schema, built in-process the way `pulumi package add` builds it (the SDK's component
// provider analyzes the components' TypeScript sources).
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { PROJECT_ROOT } from "../../stacks/project-root";
import { PACKAGE_NAME, PROVIDED_COMPONENTS, PROVIDER_DIR } from "../../provider/components";
import { builtOnce } from "../support/built-once";

export interface Prop {
  type?: string;
  $ref?: string;
  description?: string;
  items?: Prop;
}
export interface Schema {
  name: string;
  version: string;
  resources: Record<string, { isComponent: boolean; description?: string; inputProperties: Record<string, Prop>; requiredInputs: string[]; properties: Record<string, Prop>; required?: string[] }>;
  types: Record<string, { properties: Record<string, Prop>; required?: string[] }>;
}

/**
 * A key for exactly what the schema is built from: every source file the analyzer reads (components/,
 * provider/), the package manifest and the SDK's. The same sources always give the same schema.
 */
function sourcesKey(): string {
  const h = createHash("sha256").update(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"))).update(fs.readFileSync(require.resolve("@pulumi/pulumi/package.json")));
  for (const dir of ["components", "provider"]) {
    const files = fs.readdirSync(path.join(PROJECT_ROOT, dir), { recursive: true, encoding: "utf8" }).filter((f) => /\.(ts|json)$/.test(f)).sort();
    for (const f of files) h.update(`${dir}/${f}\0`).update(fs.readFileSync(path.join(PROJECT_ROOT, dir, f)));
  }
  return h.digest("hex").slice(0, 16);
}

let cached: Promise<Schema> | undefined;
/**
 * The schema, built once per set of sources: the analyzer type-checks the components' sources, which
 * takes seconds, so a built schema is kept under dist/ keyed by a hash of those sources and reused by
 * every test process (parallel workers included) until a source changes.
 */
export function packageSchema(): Promise<Schema> {
  cached ??= builtOnce(path.join(PROJECT_ROOT, "dist", ".cache", `schema-${sourcesKey()}.json`), () =>
    new ComponentProvider({ name: PACKAGE_NAME, components: PROVIDED_COMPONENTS, dirname: PROVIDER_DIR }).getSchema(),
  ).then((text) => JSON.parse(text) as Schema);
  return cached;
}
