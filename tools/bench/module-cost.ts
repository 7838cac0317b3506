// `npm run bench:modules -- [--stack NAME]`: what loading costs before the program registers anything.
// Times every require (inclusive of what it pulls in) while one plan runs, then prints the costliest
// packages and project modules by their own time (inclusive minus their children's).
import Module from "module";
import { performance } from "perf_hooks";

interface Frame {
  id: string;
  start: number;
  child: number;
}

const own = new Map<string, number>();
const stack: Frame[] = [];
const mod = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown; _resolveFilename(r: string, p: unknown): string };
const load = mod._load;

/** A package name for node_modules paths, a project-relative path otherwise. */
export function moduleKey(file: string, root: string): string {
  const i = file.lastIndexOf("node_modules/");
  if (i >= 0) {
    const rest = file.slice(i + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  return file.startsWith(root) ? file.slice(root.length + 1) : file;
}

function install(root: string): void {
  mod._load = function (request: string, parent: unknown, isMain: boolean) {
    let file: string;
    try {
      file = mod._resolveFilename(request, parent);
    } catch {
      return load.call(this, request, parent, isMain);
    }
    const frame: Frame = { id: moduleKey(file, root), start: performance.now(), child: 0 };
    stack.push(frame);
    try {
      return load.call(this, request, parent, isMain);
    } finally {
      stack.pop();
      const total = performance.now() - frame.start;
      own.set(frame.id, (own.get(frame.id) ?? 0) + total - frame.child);
      if (stack.length) stack[stack.length - 1].child += total;
    }
  };
}

async function main(): Promise<void> {
  const i = process.argv.indexOf("--stack");
  const stackName = i >= 0 ? process.argv[i + 1] : "eks-us-east-1";
  const t0 = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PROJECT_ROOT } = require("../../stacks/project-root") as typeof import("../../stacks/project-root");
  install(PROJECT_ROOT);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { plan } = require("../plan/run") as typeof import("../plan/run");
  const p = await plan(stackName, { policy: false });
  const total = performance.now() - t0;
  const loads = [...own.values()].reduce((a, b) => a + b, 0);
  console.log(`${stackName}: ${p.resources.length} resources in ${total.toFixed(0)} ms, of which module loading ${loads.toFixed(0)} ms`);
  for (const [id, ms] of [...own.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${id}`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`bench:modules: ${(e as Error).message}`);
    process.exitCode = 1;
  });
}
