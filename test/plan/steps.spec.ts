import * as assert from "assert";
import { plan } from "../../tools/plan/run";
import { terminalSteps } from "../../tools/plan/steps";

describe("progress lines for slow steps", () => {
  const sink = (isTTY: boolean) => {
    const lines: string[] = [];
    return { lines, stream: { isTTY, write: (s: string) => lines.push(s) } };
  };

  it("a terminal gets one line per step as it starts; a pipe gets nothing", () => {
    const tty = sink(true);
    terminalSteps(tty.stream)("planning eks-us-east-1");
    assert.deepStrictEqual(tty.lines, ["planning eks-us-east-1…\n"]);
    const pipe = sink(false);
    terminalSteps(pipe.stream)("planning eks-us-east-1");
    assert.deepStrictEqual(pipe.lines, []);
  });

  it("plan reports the planning step before the program runs, and the pack step only when the pack runs", async () => {
    const steps: string[] = [];
    let ranAfter = -1;
    await plan("eks-us-east-1", { policy: false, program: () => ((ranAfter = steps.length), {}), onStep: (s) => steps.push(s) });
    assert.deepStrictEqual(steps, ["planning eks-us-east-1"]);
    assert.strictEqual(ranAfter, 1);
  });
});
