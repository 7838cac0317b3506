// Every field a provided component takes, in its args and in every nested arg type the schema reaches,
// documents its default (`@default`) in the source: the schema carries only the description, so the
// TypeScript docs are where a reader of any language's SDK source learns it.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { PROJECT_ROOT } from "../../stacks/project-root";
import { packageSchema, Prop, Schema } from "./schema";

/** The args interface of each provided component (AwsRegionArgs and AzureRegionArgs are RegionArgs). */
const ARGS: Record<string, string> = {
  AwsRegion: "RegionArgs",
  AzureRegion: "RegionArgs",
  DynamoPlatform: "DynamoPlatformArgs",
  HaGraph: "HaGraphArgs",
  Observability: "ObservabilityArgs",
  CheckpointStore: "CheckpointStoreArgs",
  CheckpointBucket: "CheckpointBucketArgs",
  CheckpointVolume: "CheckpointVolumeArgs",
  GlobalRouting: "GlobalRoutingArgs",
};

/** Every interface declared under components/, by name (a name declared twice is a schema clash). */
function interfaces(): Map<string, ts.InterfaceDeclaration[]> {
  const out = new Map<string, ts.InterfaceDeclaration[]>();
  const dir = path.join(PROJECT_ROOT, "components");
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((x) => x.endsWith(".ts") && !x.endsWith(".d.ts"))) {
    const src = ts.createSourceFile(f, fs.readFileSync(path.join(dir, f), "utf8"), ts.ScriptTarget.ES2022, true);
    src.forEachChild((n) => {
      if (ts.isInterfaceDeclaration(n)) out.set(n.name.text, [...(out.get(n.name.text) ?? []), n]);
    });
  }
  return out;
}

/** Names of the object types the schema reaches from a component's inputs. */
function nestedTypes(schema: Schema, token: string): Set<string> {
  const names = new Set<string>();
  const visit = (p: Prop) => {
    const ref = p.$ref ?? p.items?.$ref;
    if (!ref?.startsWith("#/types/")) return;
    const key = ref.slice("#/types/".length);
    const name = key.split(":")[2];
    const t = schema.types[key];
    if (names.has(name) || !t.properties) return;
    names.add(name);
    Object.values(t.properties).forEach(visit);
  };
  Object.values(schema.resources[token].inputProperties).forEach(visit);
  return names;
}

describe("component args document their defaults", function () {
  this.timeout(60000);
  let schema: Schema;
  const decls = interfaces();
  before(async () => {
    schema = await packageSchema();
  });

  it("finds every provided component's args", () => {
    assert.deepStrictEqual(Object.keys(schema.resources).map((t) => t.split(":")[2]).sort(), Object.keys(ARGS).sort());
  });

  for (const [component, args] of Object.entries(ARGS)) {
    it(`${component}: every field of ${args} and of each nested arg type has @default`, () => {
      for (const name of [args, ...nestedTypes(schema, `dynamo-ha:index:${component}`)]) {
        const found = decls.get(name) ?? [];
        assert.strictEqual(found.length, 1, `interface ${name} is declared ${found.length} times under components/`);
        const members = found[0].members.filter(ts.isPropertySignature);
        assert.ok(members.length > 0, name);
        for (const m of members) {
          const tags = ts.getJSDocTags(m).map((t) => t.tagName.text);
          assert.ok(tags.includes("default"), `${name}.${m.name.getText()} has no @default`);
        }
      }
    });
  }
});
