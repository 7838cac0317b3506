import * as assert from "assert";
import { toWire } from "../../tools/plan/analyzer/wire";
import { COMPUTED } from "../../tools/plan/records";

describe("records on the analyzer wire", () => {
  it("keeps prototype-named keys as data and marks unknowns", () => {
    const inputs = JSON.parse('{"metadata":{"labels":{"__proto__":"x","constructor":"y"}},"spec":"<computed>"}') as Record<string, unknown>;
    const wire = toWire(inputs) as { metadata: { labels: Record<string, unknown> }; spec: unknown };
    assert.deepStrictEqual(Object.keys(wire.metadata.labels), ["__proto__", "constructor"]);
    assert.strictEqual(Object.getOwnPropertyDescriptor(wire.metadata.labels, "__proto__")?.value, "x");
    assert.notStrictEqual(wire.spec, COMPUTED);
  });
});
