// The package schema, built in-process the way `pulumi package add` builds it (the SDK's component
// provider analyzes the components' TypeScript sources).
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { PROJECT_ROOT } from "../../stacks/project-root";
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
  cached ??= (async () => {
    const file = path.join(PROJECT_ROOT, "dist", ".cache", `schema-${sourcesKey()}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // One process builds, the others wait for its file (parallel workers would each spend the seconds).
    const lock = `${file}.lock`;
    for (let waited = 0; !fs.existsSync(file); waited += POLL_MS) {
      if (claim(lock)) {
        try {
          const text = await new ComponentProvider({ name: PACKAGE_NAME, components: PROVIDED_COMPONENTS, dirname: PROVIDER_DIR }).getSchema();
          // Written whole, then renamed: another process never reads half a file.
          fs.writeFileSync(`${file}.${process.pid}`, text);
          fs.renameSync(`${file}.${process.pid}`, file);
        } finally {
          fs.rmSync(lock, { force: true });
        }
        break;
      }
      if (waited > BUILD_WAIT_MS) throw new Error(`waited ${BUILD_WAIT_MS / 1000} s for another process to build ${file} (remove ${lock} if none is running)`);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    return JSON.parse(fs.readFileSync(file, "utf8")) as Schema;
  })();
  return cached;
}

const POLL_MS = 200;
const BUILD_WAIT_MS = 120_000;

/** Creates the lock file if nobody holds it; a lock left by a process that is gone is taken over. */
function claim(lock: string): boolean {
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
    return true;
  } catch {
    const owner = Number(fs.readFileSync(lock, { encoding: "utf8", flag: "r" }) || 0);
    if (owner && !alive(owner)) {
      fs.rmSync(lock, { force: true });
      return claim(lock);
    }
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
