// AnalyzeStack decodes every resource once per stack policy (@pulumi/policy 1.21 server.js,
// makeAnalyzeStackRpcFun: `deserializeProperties(r.getProperties(), false)` inside the loop over
// policies), so a stack of 10,000 resources paid the whole decode once for each of our stack policies.
// A request's property Structs are the same objects for every policy (protobuf caches wrapper fields on
// the message), so the pack decodes each one once and every policy reads the same plain values; each
// still gets its own unknown-checking proxy from the library. Policies only read what they are given.
// Remediation (secrets-preserving decode) is left to the library as it is.
//
// A Struct decoded from the wire (fast-requests.ts) whose data holds no object with the SDK's signature
// key (secrets, assets, archives, resource references) needs no second pass: the library's
// deserializeProperty would only copy it object by object into the same shape (@pulumi/policy
// deserialize.js), so the decoded value is used as it is.
type Decode = (struct: object, proxySecrets: boolean) => Record<string, unknown>;

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's wire constant, as the library reads it
const { specialSigKey } = require("@pulumi/pulumi/runtime/rpc") as { specialSigKey: string };
interface WireDecoded {
  plainWithout(key: string): Record<string, unknown> | undefined;
}
const isWireDecoded = (s: object): s is WireDecoded => typeof (s as Partial<WireDecoded>).plainWithout === "function";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the library's own module object, whose export server.js calls
const library = require("@pulumi/policy/deserialize") as { deserializeProperties: Decode };
const original = library.deserializeProperties;
const decoded = new WeakMap<object, Record<string, unknown>>();
let decodes = 0;

const shared: Decode = (struct, proxySecrets) => {
  if (proxySecrets) return original(struct, proxySecrets);
  let props = decoded.get(struct);
  if (props === undefined) {
    decodes++;
    props = (isWireDecoded(struct) ? struct.plainWithout(specialSigKey) : undefined) ?? original(struct, false);
    decoded.set(struct, props);
  }
  return props;
};

/** Routes the library's analysis decode through the per-Struct memo; idempotent. */
export function shareDeserializedProperties(): void {
  library.deserializeProperties = shared;
}

/** The library's own decode, as it was before sharing (tests compare with it). */
export const libraryDecode: Decode = original;

/** Structs decoded for analysis since the process started (tests: one per resource, not per policy). */
export const decodeCount = (): number => decodes;
