// The pack decodes each resource of an AnalyzeStack request once, not once per stack policy: the
// library's own AnalyzeStack handler runs in-process over a request decoded from its wire bytes (as
// the pack's server receives it), and the decode count is compared with the resource count.
import * as assert from "assert";
import { analyzable, analyzerResource, providerIndex } from "../../tools/plan/analyzer/wire";
import { analyzerPb } from "../../tools/plan/analyzer/proto";
import { decodeCount, shareDeserializedProperties } from "../../policy/lib/shared-deserialize";
import { policies } from "../../policy/policies";
import { randomRecords } from "./records";

type Handler = (call: { request: analyzerPb.AnalyzeStackRequest }, cb: (e: Error | null, r?: analyzerPb.AnalyzeResponse) => void) => Promise<void>;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the library's internal handler, the one its server registers
const server = require("@pulumi/policy/server") as { makeAnalyzeStackRpcFun: (name: string, version: string, level: string, ps: unknown) => Handler };

/** The request as the pack receives it: encoded by the engine, decoded by the server. */
function wireRequest(n: number, seed: number): analyzerPb.AnalyzeStackRequest {
  const records = randomRecords(seed, n);
  const req = new analyzerPb.AnalyzeStackRequest();
  req.setResourcesList(analyzable(records).map((r) => analyzerResource(r, providerIndex(records))));
  return analyzerPb.AnalyzeStackRequest.deserializeBinary(req.serializeBinary());
}

async function analyzeStack(req: analyzerPb.AnalyzeStackRequest): Promise<string[]> {
  const handler = server.makeAnalyzeStackRpcFun("dynamo-ha", "0.0.0", "advisory", policies);
  const res = await new Promise<analyzerPb.AnalyzeResponse>((resolve, reject) => void handler({ request: req }, (e, r) => (e ? reject(e) : resolve(r!))));
  return res.getDiagnosticsList().map((d) => `${d.getPolicyname()} ${d.getUrn()} ${d.getMessage()}`).sort();
}

describe("policy pack: one decode per resource in AnalyzeStack", function () {
  this.timeout(60_000);

  it("the pack has several stack policies (else there is nothing to share)", () => {
    const stackPolicies = policies.filter((p) => "validateStack" in p);
    assert.ok(stackPolicies.length >= 5, String(stackPolicies.length));
  });

  it("decodes each resource once whatever the number of stack policies, and reports what an unshared decode reports", async () => {
    const before = await analyzeStack(wireRequest(400, 7));
    shareDeserializedProperties();
    shareDeserializedProperties(); // idempotent
    const req = wireRequest(400, 7);
    const n = req.getResourcesList().length;
    const start = decodeCount();
    const after = await analyzeStack(req);
    assert.strictEqual(decodeCount() - start, n, "decodes per AnalyzeStack call");
    assert.ok(after.length > 0, "the random stack draws violations");
    assert.deepStrictEqual(after, before);
  });
});
