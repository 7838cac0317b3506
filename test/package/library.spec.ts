// The public entry: `import … from "dynamo-ha"` gives every public component and declares nothing.
import * as assert from "assert";
import * as path from "path";
import { capture } from "../../tools/plan/capture";
import { planMocks } from "../../tools/plan/mocks";

// Resolved from this file, so the compiled suite loads the compiled entry and ts-node the source one.
const ENTRY = require.resolve("../../components");
const COMPONENTS_DIR = path.dirname(ENTRY);

describe("library entry (components/index.ts)", function () {
  this.timeout(60000);

  it("exports every public component class", () => {
    const lib = require(ENTRY) as Record<string, unknown>; // eslint-disable-line @typescript-eslint/no-require-imports
    const expected = ["AwsRegion", "AzureRegion", "DynamoPlatform", "HaGraph", "Observability", "CheckpointStore", "CheckpointBucket", "CheckpointVolume", "Route53Routing", "FrontDoorRouting", "TrafficManagerRouting", "GpuSoftware", "FrontendExposure"];
    for (const name of expected) assert.strictEqual(typeof lib[name], "function", name);
  });

  it("registers no resource when imported", async () => {
    // A fresh load of the entry and of every component module under the mocks, so nothing hides in the
    // module cache; the cache is put back after, so other specs keep the classes they hold.
    const mine = (k: string) => k.startsWith(COMPONENTS_DIR + path.sep);
    const saved = Object.fromEntries(Object.entries(require.cache).filter(([k]) => mine(k)));
    for (const k of Object.keys(saved)) delete require.cache[k];
    try {
      const cap = await capture(
        () => {
          require(ENTRY); // eslint-disable-line @typescript-eslint/no-require-imports
          return {};
        },
        { project: "dynamo-ha", stack: "import-only", config: {}, mocks: planMocks },
      );
      assert.deepStrictEqual(cap.resources, []);
    } finally {
      for (const k of Object.keys(require.cache)) if (mine(k)) delete require.cache[k];
      Object.assign(require.cache, saved);
    }
  });
});
