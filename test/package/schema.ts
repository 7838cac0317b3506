// The package schema, built in-process the way `pulumi package add` builds it (the SDK's component
// provider analyzes the components' TypeScript sources).
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { PACKAGE_NAME, PROVIDED_COMPONENTS, PROVIDER_DIR } from "../../provider/components";

export interface Prop {
  type?: string;
  $ref?: string;
  description?: string;
  items?: Prop;
}
export interface Schema {
  name: string;
  version: string;
  resources: Record<string, { isComponent: boolean; description?: string; inputProperties: Record<string, Prop>; requiredInputs: string[]; properties: Record<string, Prop> }>;
  types: Record<string, { properties: Record<string, Prop>; required?: string[] }>;
}

let cached: Promise<Schema> | undefined;
/** The schema, built once per process (the analyzer type-checks the components' sources: seconds). */
export function packageSchema(): Promise<Schema> {
  cached ??= new ComponentProvider({ name: PACKAGE_NAME, components: PROVIDED_COMPONENTS, dirname: PROVIDER_DIR }).getSchema().then((s) => JSON.parse(s) as Schema);
  return cached;
}
