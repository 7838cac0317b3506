import { ORGANIZATION, STACK_NAME } from "../grammar";
import { bool, list, obj, str } from "../schema";

/** `dynamo-ha:governance` — attach the published policy pack to stacks on Pulumi Cloud. */
export const governanceSection = obj(
  {
    organization: str({ doc: "Pulumi Cloud organization.", grammar: ORGANIZATION }),
    protectPolicyGroups: bool({
      doc: "Protect the policy groups and retain them on delete, so `pulumi destroy` of this stack never leaves the governed stacks without the pack. Set false only to let destroy remove them.",
      default: true,
    }),
    stacks: list(str({ doc: "stack name", grammar: STACK_NAME }), { doc: "Stacks to attach the pack to.", defaultText: "every bundled stack in stacks/" }),
  },
  { doc: "Policy attachment as code." },
);
