// Captured records → analyzer requests, the way the engine builds them for `Analyze` and `AnalyzeStack`.
import { COMPUTED, ResourceRecord, SECRET_PLACEHOLDER } from "../records";
import { analyzerPb, SECRET_SIG, SIG_KEY, Struct, UNKNOWN_WIRE } from "./proto";
import { encodeStruct, messageField } from "./struct-encode";

/** Plain captured inputs back to the wire: "<computed>" is unknown, "[secret]" a secret. */
export function toWire(v: unknown): unknown {
  if (v === COMPUTED) return UNKNOWN_WIRE;
  if (v === SECRET_PLACEHOLDER) return { [SIG_KEY]: SECRET_SIG, value: SECRET_PLACEHOLDER };
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : toWire(x)));
  if (v && typeof v === "object") {
    // Defined, not assigned: a `__proto__` key in a resource's inputs is data to send, not a prototype.
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) Object.defineProperty(out, k, { value: toWire(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  if (typeof v === "number" && !Number.isFinite(v)) return null;
  return v;
}

// Analyze and AnalyzeStack carry the same properties: build each record's struct once.
const structs = new WeakMap<object, ReturnType<typeof Struct.fromJavaScript>>();
export function struct(props: Record<string, unknown>) {
  let s = structs.get(props);
  if (!s) {
    s = Struct.fromJavaScript(toWire(props) as Record<string, never>);
    structs.set(props, s);
  }
  return s;
}

/**
 * A record's inputs as the wire field both requests carry. Analyze and AnalyzeStack send the same
 * bytes: a caller sending both encodes them once and passes them to each.
 */
export function propertiesField(props: Record<string, unknown>): Buffer {
  return messageField(PROPERTIES, encodeStruct(toWire(props) as Record<string, unknown>));
}
const PROPERTIES = 2; // AnalyzeRequest.properties, AnalyzerResource.properties (analyzer.proto)
const RESOURCES = 1; // AnalyzeStackRequest.resources

function options(r: ResourceRecord): analyzerPb.AnalyzerResourceOptions {
  const o = new analyzerPb.AnalyzerResourceOptions();
  // The protocol has no retainOnDelete field (pulumirpc.AnalyzerResourceOptions); the engine sends what it has.
  o.setProtect(r.protect);
  o.setIgnorechangesList(r.ignoreChanges ?? []);
  o.setDeletebeforereplacedefined(false);
  o.setAdditionalsecretoutputsList([]);
  o.setAliasesList([]);
  o.setCustomtimeouts(new analyzerPb.AnalyzerResourceOptions.CustomTimeouts());
  if (r.parent) o.setParent(r.parent);
  return o;
}

/** Provider references are `urn::id`; the provider's own record supplies its type, name and inputs. */
export function providerIndex(records: readonly ResourceRecord[]): (ref: string) => analyzerPb.AnalyzerProviderResource | undefined {
  const byUrn = new Map(records.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => [r.urn, r]));
  const cache = new Map<string, analyzerPb.AnalyzerProviderResource | undefined>();
  return (ref) => {
    if (!ref) return undefined;
    if (cache.has(ref)) return cache.get(ref);
    const urn = ref.slice(0, ref.lastIndexOf("::"));
    const p = byUrn.get(urn);
    let msg: analyzerPb.AnalyzerProviderResource | undefined;
    if (p) {
      msg = new analyzerPb.AnalyzerProviderResource();
      msg.setType(p.type);
      msg.setUrn(p.urn);
      msg.setName(p.name);
      msg.setProperties(struct(p.inputs));
    }
    cache.set(ref, msg);
    return msg;
  };
}

export type ProviderLookup = ReturnType<typeof providerIndex>;

export function analyzeRequest(r: ResourceRecord, provider: ProviderLookup, withProperties = true): analyzerPb.AnalyzeRequest {
  const req = new analyzerPb.AnalyzeRequest();
  req.setType(r.type);
  req.setUrn(r.urn);
  req.setName(r.name);
  if (withProperties) req.setProperties(struct(r.inputs));
  req.setOptions(options(r));
  const p = provider(r.provider);
  if (p) req.setProvider(p);
  return req;
}

export function analyzerResource(r: ResourceRecord, provider: ProviderLookup, withProperties = true): analyzerPb.AnalyzerResource {
  const res = new analyzerPb.AnalyzerResource();
  res.setType(r.type);
  res.setUrn(r.urn);
  res.setName(r.name);
  if (withProperties) res.setProperties(struct(r.inputs));
  res.setOptions(options(r));
  if (r.parent) res.setParent(r.parent);
  res.setDependenciesList(r.dependsOn ?? []);
  const deps = res.getPropertydependenciesMap();
  for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
    const d = new analyzerPb.AnalyzerPropertyDependencies();
    d.setUrnsList(urns);
    deps.set(k, d);
  }
  const p = provider(r.provider);
  if (p) res.setProvider(p);
  return res;
}

/**
 * The Analyze request as wire bytes: the other fields by the generated class, the properties encoded
 * directly (a field's position in a message does not matter on the wire).
 */
export function analyzeRequestBytes(r: ResourceRecord, provider: ProviderLookup, properties = propertiesField(r.inputs)): Buffer {
  return Buffer.concat([analyzeRequest(r, provider, false).serializeBinary(), properties]);
}

/** The AnalyzeStack request over `records` as wire bytes, built as analyzeRequestBytes is (`properties[i]` is records[i]'s). */
export function analyzeStackRequestBytes(records: readonly ResourceRecord[], provider: ProviderLookup, properties = records.map((r) => propertiesField(r.inputs))): Buffer {
  return Buffer.concat(records.map((r, i) => messageField(RESOURCES, Buffer.concat([analyzerResource(r, provider, false).serializeBinary(), properties[i]]))));
}

/** The engine analyzes every resource but providers. */
export function analyzable(records: readonly ResourceRecord[]): ResourceRecord[] {
  return records.filter((r) => !r.type.startsWith("pulumi:providers:"));
}
