// The pack's reading of untrusted properties: own properties only, prototype-named keys as data,
// exact integers, and values in messages quoted on one line.
import * as assert from "assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import { intOrPercent } from "../../policy/lib/budget";
import { demandOf, labelsOf, selects } from "../../policy/lib/selectors";
import { at, int, isUnknown, own, plain, strMap, text } from "../../policy/lib/values";
import { UNKNOWN_WIRE } from "./helpers";

const withOwn = (k: string, v: unknown): Record<string, unknown> => Object.defineProperty({}, k, { value: v, enumerable: true, writable: true, configurable: true });

describe("policy values: untrusted properties", () => {
  it("reads own properties only: Object.prototype members are not data", () => {
    assert.strictEqual(at({}, "constructor"), undefined);
    assert.strictEqual(at({ a: {} }, "a", "toString"), undefined);
    assert.strictEqual(own([], "length"), undefined);
    assert.strictEqual(at({ constructor: "x" }, "constructor"), "x");
    assert.strictEqual(at(["a"], 5), undefined);
    assert.strictEqual(at(["a"], -1), undefined);
  });

  it("copies a `__proto__` key as data, without touching any prototype", () => {
    const p = plain(unknownCheckingProxy(withOwn("__proto__", { matchLabels: { app: "web" } }))) as Record<string, unknown>;
    assert.strictEqual(Object.getPrototypeOf(p), null);
    assert.deepStrictEqual(Object.keys(p), ["__proto__"]);
    assert.strictEqual(at(p, "matchLabels"), undefined);
    assert.ok(at(p, "__proto__", "matchLabels"));
    const labels = labelsOf(withOwn("__proto__", "x"));
    assert.ok(!isUnknown(labels) && labels["__proto__"] === "x");
    assert.strictEqual(strMap({ toString: "y" }).toString, "y");
  });

  it("unwraps only real proxies: a data key named like the proxy hook is data", () => {
    const p = plain({ __getSpecialProxyTarget: { a: 1 }, b: 2 }) as Record<string, unknown>;
    assert.deepStrictEqual(Object.keys(p), ["__getSpecialProxyTarget", "b"]);
    assert.ok(isUnknown(at(plain(unknownCheckingProxy({ a: UNKNOWN_WIRE })), "a")));
  });

  it("integers and budgets are exact: no overflow, no floats, no hex", () => {
    for (const bad of [1.5, 2 ** 53, 1e308, "99999999999999999999", "9".repeat(400), "0x10", "1e3", "", " ", "NaN", {}, [], null]) assert.strictEqual(int(bad), undefined, JSON.stringify(bad));
    assert.strictEqual(int("-3"), -3);
    assert.strictEqual(int(" 7 "), 7);
    assert.deepStrictEqual(intOrPercent("34%"), { kind: "percent", percent: 34 });
    for (const bad of ["99999999999999999999%", `${"9".repeat(400)}%`, "-5%", "1.5%", -1, 1.5, "%", {}]) assert.strictEqual(intOrPercent(bad), undefined, JSON.stringify(bad));
  });

  it("selectors treat prototype-named label keys as ordinary keys", () => {
    assert.strictEqual(selects({ matchExpressions: [{ key: "constructor", operator: "Exists" }] }, labelsOf({ app: "web" })), false);
    assert.strictEqual(selects({ matchExpressions: [{ key: "toString", operator: "DoesNotExist" }] }, labelsOf({ app: "web" })), true);
    assert.strictEqual(selects({ matchLabels: { __proto__: "x" } }, labelsOf({})), true, "a literal __proto__ in matchLabels is no key");
    assert.strictEqual(selects({ matchLabels: withOwn("__proto__", "x") }, labelsOf({})), false);
    assert.strictEqual(selects({ matchLabels: withOwn("__proto__", "x") }, labelsOf(withOwn("__proto__", "x"))), true);
  });

  it("a selector's index demand never excludes a pod the selector may select", () => {
    assert.deepStrictEqual(demandOf({}), { kind: "all" });
    assert.deepStrictEqual(demandOf({ matchLabels: { app: 5 } }), { kind: "none" });
    assert.deepStrictEqual(demandOf({ matchExpressions: [{ key: "a", operator: "NotIn", values: ["x"] }] }), { kind: "open" });
    assert.deepStrictEqual(demandOf({ matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["a", "b"] }] }), { kind: "key", key: "app", values: ["web"] });
    assert.deepStrictEqual(demandOf(at(plain(unknownCheckingProxy({ s: { matchLabels: UNKNOWN_WIRE } })), "s")), { kind: "maybe" });
  });

  it("values in messages: safe ones as they are, the rest quoted on one line and cut", () => {
    assert.strictEqual(text("topology.kubernetes.io/zone"), "topology.kubernetes.io/zone");
    assert.strictEqual(text("a\nb"), '"a\\nb"');
    assert.strictEqual(text("a\u2028b\u202ec"), '"a\\u2028b\\u202ec"');
    assert.strictEqual(text({ toString: () => "x" }), "an object");
    assert.strictEqual(text(Object.create(null)), "an object");
    assert.strictEqual(text(["x"]), "an array");
    assert.strictEqual(text(null), "null");
    assert.strictEqual(text(undefined), "unset");
    const long = text("y".repeat(500));
    assert.ok(long.length < 90 && long.endsWith('…"'), long);
  });
});
