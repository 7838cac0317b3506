// The aliases a stack's program registers, read from the register requests (the capture's records
// leave them out): the program runs under the plan's mocks with a hook in front of the mock monitor.
import { GlobalConfig, loadStackConfig, RegionalConfig } from "../../components/core/config";
import { cloudLayer } from "../../stacks/cloud-layer";
import { globalStack } from "../../stacks/global";
import { capture } from "../../tools/plan/capture";
import { planMocks } from "../../tools/plan/mocks";
import { loadStackFile } from "../../tools/plan/stack-file";

export interface AliasSeen {
  urn?: string;
  name?: string;
  type?: string;
  /** The alias says "no parent": the resource used to sit at the stack root. */
  noParent?: boolean;
  parentUrn?: string;
}

export interface Registered {
  type: string;
  name: string;
  aliases: AliasSeen[];
}

interface AliasSpec {
  getName(): string;
  getType(): string;
  getNoparent(): boolean;
  getParenturn(): string;
}
interface Alias {
  getUrn(): string;
  getSpec(): AliasSpec | undefined;
}
interface Request {
  getType(): string;
  getName(): string;
  getAliasesList(): Alias[];
}

// The pinned SDK's monitor (the same internal module the capture hooks).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { getMonitor(): { registerResource(req: Request, cb: unknown): unknown } };

export async function registeredAliases(stack: string): Promise<Registered[]> {
  const file = loadStackFile(stack);
  const seen: Registered[] = [];
  await capture(
    () => {
      const monitor = settings.getMonitor();
      const next = monitor.registerResource.bind(monitor);
      monitor.registerResource = (req, cb) => {
        const aliases = req.getAliasesList().map((a): AliasSeen => {
          const s = a.getSpec();
          if (a.getUrn()) return { urn: a.getUrn() };
          return { name: s?.getName() || undefined, type: s?.getType() || undefined, noParent: s?.getNoparent() === true, parentUrn: s?.getParenturn() || undefined };
        });
        seen.push({ type: req.getType(), name: req.getName(), aliases });
        return next(req, cb);
      };
      const c = loadStackConfig(file.config, stack, file.secretKeys);
      // A regional stack's moves are in its cloud layer; the global stack's in its routing.
      if (c.kind === "global") globalStack(c as GlobalConfig);
      else cloudLayer(c as RegionalConfig);
      return {};
    },
    { project: "dynamo-ha", stack, config: file.config, secretKeys: file.secretKeys, mocks: planMocks },
  );
  return seen;
}
