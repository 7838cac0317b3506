// The analyzer client encodes properties directly (tools/plan/analyzer/struct-encode.ts): the same
// bytes as google-protobuf, and whole requests that the generated classes read back field for field.
import * as assert from "assert";
import { encodeStruct } from "../../tools/plan/analyzer/struct-encode";
import { analyzable, analyzeRequest, analyzeRequestBytes, analyzerResource, analyzeStackRequestBytes, providerIndex, toWire } from "../../tools/plan/analyzer/wire";
import { analyzerPb, Struct } from "../../tools/plan/analyzer/proto";
import { randomRecords } from "./records";

describe("analyzer client: properties encoded directly", () => {
  it("the same bytes as google-protobuf for every adversarial resource's properties", () => {
    let n = 0;
    for (const seed of [4, 5]) {
      for (const r of randomRecords(seed, 300)) {
        const v = toWire(r.inputs) as Record<string, unknown>;
        // google-protobuf drops a `__proto__` key (its map is a plain object); the direct encoder sends it as data.
        const hasProto = JSON.stringify(v).includes('"__proto__"');
        const ours = encodeStruct(v);
        if (!hasProto) assert.deepStrictEqual(ours, Buffer.from(Struct.fromJavaScript(v as never).serializeBinary()), r.urn);
        assert.deepStrictEqual(Struct.deserializeBinary(ours).toJavaScript(), Struct.fromJavaScript(v as never).toJavaScript(), r.urn);
        n++;
      }
    }
    assert.ok(n >= 600);
  });

  it("an object changed after it was encoded encodes as it is now, nested parts included", () => {
    const v = { a: { b: ["x"] }, c: 1 };
    encodeStruct(v);
    v.a.b.push("a longer string than before");
    assert.deepStrictEqual(encodeStruct(v), Buffer.from(Struct.fromJavaScript(v as never).serializeBinary()));
  });

  it("multi-byte lengths, unicode, -0 and extremes", () => {
    const v = { long: "x".repeat(70_000), u: "𝔘\u0301ñ€", n: [-0, Number.MAX_VALUE, -Number.MIN_VALUE, 1e-300], deep: { a: { b: { c: [[], {}, null, true, false] } } } };
    assert.deepStrictEqual(encodeStruct(v), Buffer.from(Struct.fromJavaScript(v as never).serializeBinary()));
    assert.throws(() => encodeStruct({ f: () => 1 }), /Unexpected struct type/);
  });

  it("Analyze and AnalyzeStack requests read back as the generated encoder's", () => {
    const records = randomRecords(6, 200);
    const provider = providerIndex(records);
    const todo = analyzable(records);
    const obj = (m: { toObject(): unknown }) => m.toObject();
    for (const r of todo.slice(0, 60)) {
      const ours = analyzerPb.AnalyzeRequest.deserializeBinary(analyzeRequestBytes(r, provider));
      assert.deepStrictEqual(obj(ours), obj(analyzerPb.AnalyzeRequest.deserializeBinary(analyzeRequest(r, provider).serializeBinary())), r.urn);
    }
    const stack = analyzerPb.AnalyzeStackRequest.deserializeBinary(analyzeStackRequestBytes(todo, provider));
    const generated = new analyzerPb.AnalyzeStackRequest();
    generated.setResourcesList(todo.map((r) => analyzerResource(r, provider)));
    assert.deepStrictEqual(obj(stack), obj(analyzerPb.AnalyzeStackRequest.deserializeBinary(generated.serializeBinary())));
    assert.strictEqual(stack.getResourcesList().length, todo.length);
  });
});
