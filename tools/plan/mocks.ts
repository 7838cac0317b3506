// What the offline plan answers for cloud-computed values and data sources. Values it cannot know
// stay unknown (preview mode), exactly as `pulumi preview` shows them before the cloud answers.
import { CaptureMocks } from "./capture";

type StateFn = NonNullable<CaptureMocks["state"]>;
type CallFn = (inputs: Record<string, unknown>) => Record<string, unknown>;

/** Per-type extra state, merged over echoed inputs. */
export const STATE: Record<string, StateFn> = {
  // A remote component: under mocks it has no children; its `resources` output is empty.
  "kubernetes:helm.sh/v4:Chart": () => ({ resources: [] }),
};

/** Invoke results by token. */
export const CALLS: Record<string, CallFn> = {
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({ accountId: "123456789012", arn: "arn:aws:iam::123456789012:user/plan", userId: "plan" }),
  "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com" }),
};

export const planMocks: CaptureMocks = {
  state: (type, name, inputs) => STATE[type]?.(type, name, inputs),
  call: (token, inputs) => CALLS[token]?.(inputs),
};
