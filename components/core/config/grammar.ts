// The real grammars of the strings config hands to Kubernetes, the clouds and Pulumi: a value that
// reaches a name, a message or a resource input is checked here, before anything is registered.
// Each grammar carries the text that completes "must be …" in an error and the type in the docs.

import { isRegion } from "../regions";

export interface Grammar {
  /** What is allowed, e.g. `a DNS-1123 label (≤ 63 …)`; completes "must be …". */
  readonly text: string;
  test(value: string): boolean;
}

const grammar = (text: string, test: (s: string) => boolean): Grammar => ({ text, test });
const re = (text: string, pattern: RegExp, maxLength: number): Grammar => grammar(text, (s) => s.length <= maxLength && pattern.test(s));

// Kubernetes names (kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go,
// commit 03014f486c86dbe8a7fbe275fe14250854aab219): dns1123LabelFmt, dns1123SubdomainFmt, qualifiedNameFmt,
// labelValueFmt and their 63 / 253 length limits.
const LABEL_FMT = "[a-z0-9](?:[-a-z0-9]*[a-z0-9])?";
const SUBDOMAIN = new RegExp(`^${LABEL_FMT}(?:\\.${LABEL_FMT})*$`);
const QUALIFIED = /^(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Namespaces, Helm releases, graph names: RFC 1123 labels. */
export const DNS_LABEL = re("a DNS-1123 label (≤ 63 lowercase letters, digits and '-', starting and ending alphanumeric)", new RegExp(`^${LABEL_FMT}$`), 63);
/** Object names (Secrets, StorageClasses, …): RFC 1123 subdomains. */
export const DNS_SUBDOMAIN = re("a DNS-1123 subdomain (≤ 253 lowercase letters, digits, '-' and '.', starting and ending alphanumeric)", SUBDOMAIN, 253);

/** Kubernetes label key: a qualified name (≤ 63) with an optional DNS-subdomain prefix (≤ 253) and "/". */
export function isQualifiedName(s: string): boolean {
  const parts = s.split("/");
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (parts.length === 2 && !DNS_SUBDOMAIN.test(parts[0])) return false;
  return name.length <= 63 && QUALIFIED.test(name);
}

/**
 * Label keys become Kubernetes-style labels and cloud tags: a qualified name, and at most 128
 * characters, the AWS tag-key limit (the shorter of the clouds').
 */
export const LABEL_KEY = grammar(
  "a label key: a name of ≤ 63 letters, digits, '-', '_' and '.' (starting and ending alphanumeric), optionally after a DNS subdomain and '/', ≤ 128 in all",
  (s) => s.length <= 128 && isQualifiedName(s),
);
export const LABEL_VALUE = re("a label value: ≤ 63 letters, digits, '-', '_' and '.', starting and ending alphanumeric", QUALIFIED, 63);

// Quantities (kubernetes/apimachinery pkg/api/resource/quantity.go, commit
// 357557a670d84c30ef3b5355f02c11d8aba5a941): <signedNumber><suffix>, suffix a binary SI (Ki … Ei),
// a decimal SI (n u m "" k M G T P E) or a decimal exponent (e/E and an integer).
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
const SUFFIX: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** The value of a Kubernetes quantity (approximate: a float), or undefined when it is not one. */
export function quantityValue(s: string): number | undefined {
  const m = QUANTITY.exec(s);
  if (!m || s.length > 64) return undefined;
  const n = Number(m[1].endsWith(".") ? m[1].slice(0, -1) : m[1]);
  const suffix = m[2] ?? "";
  if (suffix === "") return n;
  if (/^[eE]/.test(suffix)) return n * 10 ** Number(suffix.slice(1));
  return n * SUFFIX[suffix];
}

/** A storage size: a Kubernetes quantity above zero. */
export const SIZE = grammar("a Kubernetes quantity above zero like 10Gi or 1Ti", (s) => (quantityValue(s) ?? 0) > 0);

/** An absolute URL path: "/" then RFC 3986 path characters (pchar), no query or fragment; ≤ 255 (the Route 53 limit). */
export const URL_PATH = re("a URL path: '/' then letters, digits and -._~!$&'()*+,;=:@/ or %XX escapes, ≤ 255 characters", /^\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/, 255);

/**
 * The base of a runbook link: an http(s) URL or a relative path, RFC 3986 characters only; the
 * alert's `#anchor` is appended, so it has no fragment of its own.
 */
export const LINK_BASE = grammar("an http(s) URL or a relative path without spaces or '#', ≤ 2048 characters", (s) => {
  if (s.length > 2048 || !/^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})+$/.test(s)) return false;
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(s)) return true;
  try {
    const u = new URL(s);
    return (u.protocol === "https:" || u.protocol === "http:") && u.hostname.length > 0;
  } catch {
    return false;
  }
});

const OCTET = "(0|[1-9]\\d{0,2})";
const CIDR = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}\\/(0|[1-9]\\d?)$`);

/** An IPv4 CIDR: four octets ≤ 255 (no leading zeros) and a prefix ≤ 32; host bits are checked where a network is meant. */
export function isIpv4Cidr(s: string): boolean {
  const m = CIDR.exec(s);
  return m !== null && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
}
export const IPV4_CIDR = grammar('an IPv4 CIDR like "10.40.0.0/16" (octets ≤ 255, prefix ≤ 32)', isIpv4Cidr);

/** An IPv4 network in CIDR notation: four octets ≤ 255 (no leading zeros), a prefix ≤ 32, host bits clear. */
export function isNetworkCidr(s: string): boolean {
  const m = CIDR.exec(s);
  if (!m || !isIpv4Cidr(s)) return false;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  const base = octets.reduce((a, o) => a * 256 + o, 0);
  return base % 2 ** (32 - prefix) === 0;
}
export const NETWORK_CIDR = grammar('an IPv4 network CIDR like "10.40.0.0/16" (octets ≤ 255, prefix ≤ 32, host bits clear)', isNetworkCidr);

/** The 128-bit value of an IPv6 address in RFC 4291 text form (hex groups, one "::"), or undefined; no embedded IPv4. */
export function ipv6Value(s: string): bigint | undefined {
  if (!/^[0-9A-Fa-f:]{2,39}$/.test(s)) return undefined;
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const groups = halves.map((h) => (h === "" ? [] : h.split(":")));
  if (groups.some((g) => g.some((x) => !/^[0-9A-Fa-f]{1,4}$/.test(x)))) return undefined;
  const n = groups.reduce((a, g) => a + g.length, 0);
  if (halves.length === 1 ? n !== 8 : n > 7) return undefined;
  const all = halves.length === 1 ? groups[0] : [...groups[0], ...Array<string>(8 - n).fill("0"), ...groups[1]];
  return all.reduce((a, x) => (a << 16n) + BigInt(parseInt(x, 16)), 0n);
}

/** An IPv6 network in CIDR notation: an RFC 4291 address, a prefix ≤ 128 (no leading zeros), host bits clear. */
export function isIpv6NetworkCidr(s: string): boolean {
  const m = /^([^/]+)\/(0|[1-9]\d{0,2})$/.exec(s);
  if (!m || Number(m[2]) > 128) return false;
  const v = ipv6Value(m[1]);
  return v !== undefined && v % 2n ** BigInt(128 - Number(m[2])) === 0n;
}
export const IP_NETWORK_CIDR = grammar(
  'an IPv4 or IPv6 network CIDR like "147.243.0.0/16" or "2a01:111:2050::/44" (host bits clear)',
  (s) => isNetworkCidr(s) || isIpv6NetworkCidr(s),
);

/**
 * Hugging Face repo ids (huggingface/huggingface_hub src/huggingface_hub/utils/_validators.py,
 * validate_repo_id): `[namespace/]name`, word characters, '-' and '.', name ≤ 96, no "--" or "..".
 */
export const MODEL_ID = grammar("a Hugging Face model id like Qwen/Qwen3-0.6B (letters, digits, '-', '_', '.'; name ≤ 96; no '--' or '..')", (s) => {
  if (s.length > 200 || s.includes("--") || s.includes("..") || s.endsWith(".git")) return false;
  return /^(?:[A-Za-z0-9](?:[\w.-]*[A-Za-z0-9])?\/)?[A-Za-z0-9](?:[\w.-]{0,94}[A-Za-z0-9])?$/.test(s);
});

// Image references (distribution/reference regexp.go, commit 727f80d42224f6696b8e1ad16b06aadf2c6b833b):
// [domain[:port]/]path[:tag][@digest], lowercase path components, names ≤ 255 characters.
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const REFERENCE = new RegExp(`^(${NAME})(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,})?$`);
export const IMAGE_REFERENCE = grammar("an image reference like nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.5.1", (s) => {
  if (s.length > 512) return false;
  const m = REFERENCE.exec(s);
  return m !== null && m[1].length <= 255;
});

/** Helm release names: DNS-1123 labels of at most 53 characters (Helm's own limit). */
export const HELM_RELEASE = re("a Helm release name (a DNS-1123 label of ≤ 53 characters)", new RegExp(`^${LABEL_FMT}$`), 53);

/** Azure locations this project knows (components/core/regions.ts). */
export const AZURE_LOCATION = grammar("an Azure location like eastus (see components/core/regions.ts)", (s) => isRegion("azure", s));

/** Pulumi stack, project and organization names: letters, digits, '-', '_' and '.', ≤ 100 characters. */
export const STACK_NAME = re("a stack name of ≤ 100 letters, digits, '-', '_' and '.'", /^[A-Za-z0-9_.-]+$/, 100);
export const ORGANIZATION = re("an organization name of ≤ 100 letters, digits, '-', '_' and '.'", /^[A-Za-z0-9_.-]+$/, 100);
const SEGMENT = /^[A-Za-z0-9_.-]{1,100}$/;
export const STACK_REFERENCE = grammar("a stack reference like org/dynamo-ha/eks-us-east-1 (1–3 '/'-separated names of letters, digits, '-', '_', '.')", (s) => {
  const parts = s.split("/");
  return parts.length <= 3 && parts.every((p) => SEGMENT.test(p));
});

/** A DNS name (a hosted zone): labels of ≤ 63 letters, digits, '-' and '_', ≤ 253 in all, optional final dot. */
const DNS_LABEL_ANY = "[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?";
export const DNS_NAME = re("a DNS name like example.com (labels of ≤ 63 letters, digits, '-', '_')", new RegExp(`^${DNS_LABEL_ANY}(?:\\.${DNS_LABEL_ANY})*\\.?$`), 254);
/** A record name relative to its zone: one or more DNS labels. */
export const DNS_RECORD = re("a record name like llm (DNS labels of ≤ 63 letters, digits, '-', '_')", new RegExp(`^${DNS_LABEL_ANY}(?:\\.${DNS_LABEL_ANY})*$`), 253);
/** Azure resource group: ≤ 90 letters, digits, '-', '_', '.', '(' and ')', not ending in '.' (ASCII only here). */
export const AZURE_RESOURCE_GROUP = re("an Azure resource group name (≤ 90 letters, digits, -_.() not ending in '.')", /^[-\w.()]*[-\w()]$/, 90);

/** S3 bucket names: 3–63 lowercase letters, digits, '-' and '.', no "..", not an IP address. */
export const S3_BUCKET = grammar("an S3 bucket name (3–63 lowercase letters, digits, '.' or '-', no '..', not an IP address)", (s) =>
  /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(s) && !s.includes("..") && !/^\d+\.\d+\.\d+\.\d+$/.test(s),
);

/** EC2 instance types: `<family>.<size>` like g6e.2xlarge or p6-b200.48xlarge. */
export const EC2_INSTANCE_TYPE = re('an EC2 instance type like "g6e.2xlarge"', /^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 64);
/** Azure VM sizes: `Standard_<name>` like Standard_NC24ads_A100_v4 (constrained sizes have a '-'). */
export const AZURE_VM_SIZE = re('an Azure VM size like "Standard_NC24ads_A100_v4"', /^(?:Standard|Basic)_[A-Za-z0-9][A-Za-z0-9_-]*$/, 64);
