// Reads `stacks/Pulumi.<stack>.yaml` the way the Pulumi CLI would hand it to the program, offline:
// structured values JSON-encoded, `secure:` values replaced by a placeholder and marked secret.
import * as fs from "fs";
import * as path from "path";
import { parseDocument } from "yaml";
import { ConfigError } from "../../components/core/config";

/** Bundled stack files; `DYNAMO_HA_STACKS_DIR` points elsewhere (tests, a team's own stacks). */
export const STACKS_DIR = process.env.DYNAMO_HA_STACKS_DIR ?? path.resolve(__dirname, "..", "..", "stacks");
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
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = stripSecure(x);
      out[k] = p.value;
      secret ||= p.secret;
    }
    return { value: out, secret };
  }
  return { value: v, secret: false };
}

export function loadStackFile(stack: string, dir = STACKS_DIR): StackFile {
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) {
    throw new ConfigError(`--stack: a stack name has letters, digits, ".", "_" and "-" only, got ${JSON.stringify(stack)}`);
  }
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) {
    throw new ConfigError(`--stack: unknown stack ${JSON.stringify(stack)}: no ${path.relative(process.cwd(), file) || file} (bundled: ${bundledStacks(dir).join(", ") || "none"})`);
  }
  const doc = parseDocument(fs.readFileSync(file, "utf8"), { prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line;
    throw new ConfigError(`${path.basename(file)}: malformed YAML${line ? ` at line ${line}` : ""}: ${e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`);
  }
  const body = doc.toJS() as unknown;
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new ConfigError(`${path.basename(file)}: must be a mapping with a "config:" section, got ${JSON.stringify(body)}`);
  }
  const cfg = (body as { config?: unknown }).config ?? {};
  if (typeof cfg !== "object" || cfg === null || Array.isArray(cfg)) {
    throw new ConfigError(`${path.basename(file)}: config must be a mapping of keys to values, got ${JSON.stringify(cfg)}`);
  }
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, raw] of Object.entries(cfg)) {
    const { value, secret } = stripSecure(raw);
    if (secret) secretKeys.push(key);
    config[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { stack, file, config, secretKeys };
}
