// Reads `stacks/Pulumi.<stack>.yaml` the way the Pulumi CLI would hand it to the program, offline:
// structured values JSON-encoded, `secure:` values replaced by a placeholder and marked secret.
import * as fs from "fs";
import * as path from "path";
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { checkConfigNamespaces, childPath, ConfigError, PROJECT, safeText, show, TOP_LEVEL, unknownKey } from "../components/core/config";
import { keyText } from "../components/core/config/namespaces";
import { PROJECT_ROOT } from "./project-root";

/**
 * What a stack file may hold. A stack file is a few dozen lines of config: anything near these
 * limits is a mistake or an attack (an alias bomb expands a few lines into gigabytes).
 */
export const YAML_LIMITS = { maxBytes: 256 * 1024, maxAliasCount: 100, maxDepth: 32 } as const;

/** Top-level keys of a Pulumi stack file (`Pulumi.<stack>.yaml`). */
const STACK_FILE_KEYS = ["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"];

/** Bundled stack files; `DYNAMO_HA_STACKS_DIR` points elsewhere (tests, a team's own stacks). */
export const STACKS_DIR = process.env.DYNAMO_HA_STACKS_DIR ?? path.join(PROJECT_ROOT, "stacks");
export const DEFAULT_STACK = "eks-us-east-1";
/** What a `secure:` value becomes offline: only the Pulumi CLI can decrypt it. */
export const SECRET_VALUE = "offline-secret-placeholder";

export interface StackFile {
  stack: string;
  file: string;
  config: Record<string, string>;
  secretKeys: string[];
}

export function bundledStacks(dir = STACKS_DIR): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

function isSecure(v: unknown): boolean {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { secure?: unknown }).secure === "string";
}

/** Replaces every `{secure: …}` with the placeholder; reports whether any was found. */
function stripSecure(v: unknown): { value: unknown; secret: boolean } {
  if (isSecure(v)) return { value: SECRET_VALUE, secret: true };
  if (Array.isArray(v)) {
    const parts = v.map(stripSecure);
    return { value: parts.map((p) => p.value), secret: parts.some((p) => p.secret) };
  }
  if (v && typeof v === "object") {
    let secret = false;
    const out: [string, unknown][] = [];
    for (const [k, x] of Object.entries(v)) {
      const p = stripSecure(x);
      out.push([k, p.value]);
      secret ||= p.secret;
    }
    // fromEntries defines own properties: a "__proto__" key stays a key (and is refused as unknown).
    return { value: Object.fromEntries(out), secret };
  }
  return { value: v, secret: false };
}

export function loadStackFile(stack: string, dir = STACKS_DIR): StackFile {
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) {
    throw new ConfigError(`--stack: a stack name has letters, digits, ".", "_" and "-" only, got ${show(stack)}`);
  }
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) {
    throw new ConfigError(`--stack: unknown stack ${show(stack)}: no ${path.relative(process.cwd(), file) || file} (bundled: ${bundledStacks(dir).join(", ") || "none"})`);
  }
  const size = fs.statSync(file).size;
  if (size > YAML_LIMITS.maxBytes) {
    throw new ConfigError(`${path.basename(file)}: a stack file holds at most ${YAML_LIMITS.maxBytes / 1024} KiB of config, got ${size} bytes`);
  }
  return { stack, file, ...parseStackText(fs.readFileSync(file, "utf8"), path.basename(file)) };
}

/**
 * A stack file's text → the config the engine would hand the program. Every problem is one
 * ConfigError line naming the key (or, for YAML syntax, the file and line); nothing else escapes.
 */
export function parseStackText(text: string, fileName: string): { config: Record<string, string>; secretKeys: string[] } {
  const file = safeText(fileName);
  if (text.length > YAML_LIMITS.maxBytes) {
    throw new ConfigError(`${file}: a stack file holds at most ${YAML_LIMITS.maxBytes / 1024} KiB of config, got ${text.length} characters`);
  }
  const lines = new LineCounter();
  const lineOf = (offset: number | undefined) => (offset === undefined ? undefined : lines.linePos(offset).line);
  const at = (offset: number | undefined) => {
    const line = lineOf(offset);
    return line === undefined ? file : `${file} line ${line}`;
  };
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { prettyErrors: true, lineCounter: lines, uniqueKeys: true });
  } catch (e) {
    throw new ConfigError(`${file}: malformed YAML: ${safeText(firstLine(e))}`);
  }
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line;
    // The parser reports a nesting it cannot follow as a stack overflow: say what it means.
    const what = /call stack/i.test(e.message)
      ? `nested deeper than ${YAML_LIMITS.maxDepth} levels`
      : /multiple documents/i.test(e.message)
        ? "a stack file holds one YAML document (no `---` between documents)"
        : firstLine(e).replace(/ at line \d+, column \d+:?$/, "");
    throw new ConfigError(`${file}: malformed YAML${line ? ` at line ${line}` : ""}: ${safeText(what, 120)}`);
  }
  const firstAlias = checkNodes(doc.contents, at, file);
  let body: unknown;
  try {
    body = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      const line = lineOf(firstAlias);
      throw new ConfigError(`${file}: YAML aliases${line ? ` from line ${line} on` : ""} expand to too many values (at most ${YAML_LIMITS.maxAliasCount} alias uses; an alias bomb?)`);
    }
    throw new ConfigError(`${file}: malformed YAML: ${safeText(firstLine(e))}`);
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new ConfigError(`${file}: must be a mapping with a "config:" section, got ${show(body)}`);
  }
  for (const k of Object.keys(body)) {
    if (!STACK_FILE_KEYS.includes(k)) throw new ConfigError(`${file}: ${safeText(keyText(k))}: ${unknownKey(k, STACK_FILE_KEYS)}`);
  }
  const cfg = (body as { config?: unknown }).config ?? {};
  if (typeof cfg !== "object" || cfg === null || Array.isArray(cfg)) {
    throw new ConfigError(`${file}: config must be a mapping of keys to values, got ${show(cfg)}`);
  }
  checkConfigNamespaces(Object.keys(cfg), PROJECT, Object.keys(TOP_LEVEL));
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, raw] of Object.entries(cfg)) {
    checkDepth(key, raw, file);
    const { value, secret } = stripSecure(raw);
    if (secret) secretKeys.push(key);
    config[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { config, secretKeys };
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0];
}

interface Visit {
  node: unknown;
  depth: number;
  /** The config key path the node sits under (`dynamo-ha:gpuPool.instanceTypes[0]`); none outside `config:`. */
  key?: string;
  /** The top-level config key, named when the full path would be too long to be useful. */
  top?: string;
  isConfig?: boolean;
}

/**
 * One pass over the syntax tree before it becomes values: depth bounded, keys plain scalars, and no
 * `.inf` / `.nan` (JSON has no such numbers: they would turn into null and the key take its default).
 */
function checkNodes(root: unknown, at: (offset: number | undefined) => string, file: string): number | undefined {
  const offsetOf = (n: unknown) => (n as { range?: [number] } | null)?.range?.[0];
  let firstAlias: number | undefined;
  const todo: Visit[] = [{ node: root, depth: 0 }];
  while (todo.length > 0) {
    const v = todo.pop()!;
    const { node, depth } = v;
    if (depth > YAML_LIMITS.maxDepth) {
      throw new ConfigError(`${v.top ?? file}: must be nested at most ${YAML_LIMITS.maxDepth} levels deep (${at(offsetOf(node))})`);
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        const k = pair.key;
        if (!isScalar(k) || !["string", "number", "boolean"].includes(typeof k.value)) {
          throw new ConfigError(`${v.key ?? file}: keys must be plain names, not ${isAlias(k) ? "aliases" : k === null ? "empty" : "collections"} (${at(offsetOf(k) ?? offsetOf(pair.value))})`);
        }
        const name = String(k.value);
        if (v.isConfig) todo.push({ node: pair.value, depth: depth + 1, key: keyText(name), top: keyText(name) });
        else if (v.key !== undefined) todo.push({ node: pair.value, depth: depth + 1, key: childPath(v.key, name), top: v.top });
        else todo.push({ node: pair.value, depth: depth + 1, isConfig: depth === 0 && name === "config" });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => todo.push({ node: item, depth: depth + 1, key: v.key === undefined ? undefined : `${v.key}[${i}]`, top: v.top }));
    } else if (isScalar(node) && typeof node.value === "number" && !Number.isFinite(node.value)) {
      const source = safeText(node.source ?? String(node.value));
      throw new ConfigError(`${v.key ?? file}: must be a finite number (YAML .inf and .nan are not config values), got ${source} (${at(node.range?.[0])})`);
    } else if (isAlias(node)) {
      const offset = offsetOf(node);
      if (offset !== undefined && (firstAlias === undefined || offset < firstAlias)) firstAlias = offset;
    }
  }
  return firstAlias;
}

/** Depth of the values after aliases are expanded (an alias may nest a deep anchor deeper still). */
function checkDepth(key: string, value: unknown, file: string): void {
  const todo: [unknown, number][] = [[value, 1]];
  while (todo.length > 0) {
    const [v, d] = todo.pop()!;
    if (d > YAML_LIMITS.maxDepth) throw new ConfigError(`${keyText(key)}: must be nested at most ${YAML_LIMITS.maxDepth} levels deep (${file}, after expanding aliases)`);
    if (v !== null && typeof v === "object") for (const x of Object.values(v)) todo.push([x, d + 1]);
  }
}
