// The pack decodes property Structs straight from the wire (policy/lib/struct-wire.ts) and the
// Analyze/AnalyzeStack requests around them (policy/lib/fast-requests.ts). Every case compares with
// what google-protobuf itself makes of the same bytes: values, key order, and errors.
import * as assert from "assert";
import * as path from "path";
import { inspect } from "util";
import type { BinaryWriter } from "google-protobuf";
import type { Struct as StructType } from "google-protobuf/google/protobuf/struct_pb";
import { decodePropertiesFromWire, libraryProtos, Protos } from "../../policy/lib/fast-requests";
import { libraryDecode, shareDeserializedProperties } from "../../policy/lib/shared-deserialize";
import { decodeStruct } from "../../policy/lib/struct-wire";
import { analyzable, analyzeRequest, analyzerResource, providerIndex, toWire } from "../../tools/plan/analyzer/wire";
import { analyzerPb } from "../../tools/plan/analyzer/proto";
import { randomRecords } from "./records";

// The google-protobuf copy the SDK's generated classes use (the SDK pins its own version).
const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jspb = require(require.resolve("google-protobuf", { paths: [sdkDir] })) as { BinaryWriter: new () => BinaryWriter };
const Struct = libraryProtos().structPb.Struct as unknown as typeof StructType;

/** What google-protobuf makes of `bytes`: the value, or the error it throws. */
function reference(bytes: Uint8Array): unknown {
  try {
    return Struct.deserializeBinary(bytes).toJavaScript();
  } catch (e) {
    return { threw: (e as Error).message };
  }
}
function ours(bytes: Uint8Array): unknown {
  try {
    const b = Buffer.from(bytes);
    return decodeStruct(b, 0, b.length);
  } catch (e) {
    return { threw: (e as Error).message };
  }
}
/** Equal values and equal key order at every level (deepStrictEqual ignores order). */
function assertSame(actual: unknown, expected: unknown, what: string): void {
  assert.deepStrictEqual(actual, expected, what);
  assert.strictEqual(JSON.stringify(actual), JSON.stringify(expected), `${what}: key order`);
}

// Hand-written wire messages for what an encoder from a JS object cannot produce.
const w = () => new jspb.BinaryWriter();
const bytesOf = (f: (x: BinaryWriter) => void) => {
  const x = w();
  f(x);
  return x.getResultBuffer();
};
const value = (f: (x: BinaryWriter) => void) => bytesOf(f);
const entry = (key: string | undefined, ...values: Uint8Array[]) =>
  bytesOf((x) => {
    if (key !== undefined) x.writeString(1, key);
    for (const v of values) x.writeBytes(2, v);
  });
const struct = (...entries: Uint8Array[]) => bytesOf((x) => entries.forEach((e) => x.writeBytes(1, e)));
const str = (s: string) => value((x) => x.writeString(3, s));
const num = (n: number) => value((x) => x.writeDouble(2, n));

describe("policy pack: property Structs decoded from the wire", () => {
  it("decodes every adversarial resource's properties as google-protobuf does (values and key order)", () => {
    let n = 0;
    for (const seed of [1, 2, 3]) {
      for (const r of randomRecords(seed, 300)) {
        const bytes = Struct.fromJavaScript(toWire(r.inputs) as never).serializeBinary();
        assertSame(ours(bytes), reference(bytes), `seed ${seed} ${r.urn}`);
        n++;
      }
    }
    assert.ok(n >= 900);
  });

  it("numbers, strings and nesting round-trip exactly (-0, extremes, astral and combining characters)", () => {
    const v = { a: -0, b: Number.MAX_VALUE, c: -Number.MIN_VALUE, d: "𝔘\u0301ñ\u0000\uFFFD", e: [[[]], {}, null, true, false], "10": 1, "2": 2, "": "" };
    const bytes = Struct.fromJavaScript(v as never).serializeBinary();
    assertSame(ours(bytes), reference(bytes), "mixed");
    assert.ok(Object.is((ours(bytes) as { a: number }).a, -0));
  });

  const cases: Record<string, Uint8Array> = {
    "keys written out of order come out sorted": struct(entry("b", num(1)), entry("a", num(2)), entry("B", num(3))),
    "a repeated key keeps its last value": struct(entry("k", str("first")), entry("j", num(1)), entry("k", str("last"))),
    "a __proto__ key is dropped": struct(entry("__proto__", value((x) => x.writeBytes(5, struct(entry("polluted", num(1)))))), entry("x", num(2))),
    "an entry's value fields merge, the last kind wins": struct(entry("k", str("s"), num(3))),
    "a later empty value chunk keeps the earlier kind": struct(entry("k", str("s"), new Uint8Array())),
    "an entry without a value throws": struct(entry("k")),
    "a value without a kind throws": struct(entry("k", new Uint8Array())),
    "an entry without a key is the empty key": struct(entry(undefined, num(4))),
    "unknown fields are skipped (varint, fixed32, fixed64, bytes)": bytesOf((x) => {
      x.writeUint64(7, 12345);
      x.writeFixed32(8, 9);
      x.writeDouble(9, 1.5);
      x.writeBytes(1, entry("k", bytesOf((y) => {
        y.writeString(15, "ignored");
        y.writeBool(4, true);
      })));
    }),
    "a repeated list_value field replaces the earlier list": struct(
      entry("l", value((x) => {
        x.writeBytes(6, bytesOf((y) => y.writeBytes(1, num(1))));
        x.writeBytes(6, bytesOf((y) => y.writeBytes(1, str("b"))));
      })),
    ),
    "null with any enum value is null": struct(entry("n", value((x) => x.writeEnum(1, 7)))),
  };
  for (const [name, bytes] of Object.entries(cases)) {
    it(`as google-protobuf: ${name}`, () => assertSame(ours(bytes), reference(bytes), name));
  }

  it("truncated or malformed bytes throw instead of reading past the end", () => {
    const good = Struct.fromJavaScript({ a: "x".repeat(50), b: [1, 2, { c: true }] } as never).serializeBinary();
    for (let cut = 1; cut < good.length; cut += 3) assert.throws(() => decodeStruct(Buffer.from(good.subarray(0, cut)), 0, cut), Error, `cut at ${cut}`);
    assert.throws(() => decodeStruct(Buffer.from([0x0f]), 0, 1), /wire type/);
    assert.throws(() => decodeStruct(Buffer.from(Array(11).fill(0xff)), 0, 11), /varint/);
  });
});

describe("policy pack: Analyze/AnalyzeStack requests decoded with wire properties", () => {
  // The real generated classes, a stand-in service object whose decoders get replaced.
  const real = libraryProtos();
  const original = { analyze: real.service.analyze.requestDeserialize, analyzeStack: real.service.analyzeStack.requestDeserialize };
  const service = { analyze: { ...real.service.analyze }, analyzeStack: { ...real.service.analyzeStack } } as Protos["service"];
  decodePropertiesFromWire({ ...real, service });
  decodePropertiesFromWire({ ...real, service }); // idempotent per service

  const records = randomRecords(11, 400);
  const provider = providerIndex(records);
  const todo = analyzable(records);

  type Res = { getProperties(): StructType | undefined; toObject(): Record<string, unknown> };
  const withoutProps = (r: Res) => ({ ...r.toObject(), properties: undefined });

  it("AnalyzeStack: every field as the generated decoder reads it, properties by toJavaScript", () => {
    const req = new analyzerPb.AnalyzeStackRequest();
    req.setResourcesList(todo.map((r) => analyzerResource(r, provider)));
    const bytes = Buffer.from(req.serializeBinary());
    const a = (service.analyzeStack.requestDeserialize(bytes) as analyzerPb.AnalyzeStackRequest).getResourcesList() as unknown as Res[];
    const b = (original.analyzeStack(bytes) as analyzerPb.AnalyzeStackRequest).getResourcesList() as unknown as Res[];
    assert.strictEqual(a.length, todo.length);
    assert.strictEqual(b.length, todo.length);
    for (let i = 0; i < a.length; i++) {
      assert.deepStrictEqual(withoutProps(a[i]), withoutProps(b[i]), todo[i].urn);
      assertSame(a[i].getProperties()?.toJavaScript(), b[i].getProperties()?.toJavaScript(), todo[i].urn);
    }
  });

  it("Analyze: the same for a single resource, and a request without properties has none", () => {
    for (const r of todo.slice(0, 100)) {
      const bytes = Buffer.from(analyzeRequest(r, provider).serializeBinary());
      const a = service.analyze.requestDeserialize(bytes) as Res;
      const b = original.analyze(bytes) as Res;
      assert.deepStrictEqual(withoutProps(a), withoutProps(b), r.urn);
      assertSame(a.getProperties()?.toJavaScript(), b.getProperties()?.toJavaScript(), r.urn);
    }
    const bare = new analyzerPb.AnalyzeRequest();
    bare.setType("t");
    assert.strictEqual((service.analyze.requestDeserialize(Buffer.from(bare.serializeBinary())) as Res).getProperties(), undefined);
  });

  it("a wire Struct is an ordinary Struct to any other reader (fields map, re-encoding)", () => {
    const r = todo.find((x) => Object.keys(x.inputs).length > 2)!;
    const bytes = Buffer.from(analyzeRequest(r, provider).serializeBinary());
    const a = service.analyze.requestDeserialize(bytes) as Res;
    const props = a.getProperties()!;
    assert.ok(props instanceof Struct);
    assert.deepStrictEqual(props.getFieldsMap().getEntryList().map(([k]) => k), Object.keys(props.toJavaScript()));
    assert.deepStrictEqual(Buffer.from((a as unknown as analyzerPb.AnalyzeRequest).serializeBinary()), Buffer.from((original.analyze(bytes) as analyzerPb.AnalyzeRequest).serializeBinary()));
  });

  it("the shared decode of a wire Struct equals the library's own, with and without secrets, assets and archives inside", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const library = require("@pulumi/policy/deserialize") as { deserializeProperties(s: object, proxySecrets: boolean): unknown };
    const before = libraryDecode;
    shareDeserializedProperties();
    assert.notStrictEqual(library.deserializeProperties, before);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const rpc = require("@pulumi/pulumi/runtime/rpc") as Record<string, string>;
    const sig = rpc.specialSigKey;
    const signed = [
      { a: { b: [{ [sig]: rpc.specialSecretSig, value: { deep: "s" } }] }, c: 1 },
      { file: { [sig]: rpc.specialAssetSig, text: "hello" }, arch: { [sig]: rpc.specialArchiveSig, assets: { x: { [sig]: rpc.specialAssetSig, text: "t" } } } },
      { falsy: { [sig]: "", kept: true } },
      { plain: { nested: [[{ k: "v" }], null, 2.5] } },
    ];
    for (const props of [...signed, ...todo.slice(0, 50).map((r) => toWire(r.inputs) as Record<string, unknown>)]) {
      const req = new analyzerPb.AnalyzeRequest();
      req.setProperties(Struct.fromJavaScript(props as never) as never);
      const bytes = Buffer.from(req.serializeBinary());
      const wire = (service.analyze.requestDeserialize(bytes) as Res).getProperties()!;
      const generated = (original.analyze(bytes) as Res).getProperties()!;
      // Assets hold promises (compared by identity in deepStrictEqual): compare what inspect shows, settled values included.
      const show = (v: unknown) => inspect(v, { depth: null, showProxy: false });
      assert.strictEqual(show(library.deserializeProperties(wire, false)), show(before(generated, false)), JSON.stringify(props).slice(0, 120));
      assert.strictEqual(show(library.deserializeProperties(wire, true)), show(before(generated, true)), "the secrets-preserving decode");
    }
  });
});
