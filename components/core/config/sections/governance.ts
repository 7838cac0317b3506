import { ORGANIZATION, STACK_NAME } from "../grammar";
import { list, obj, str } from "../schema";

/** `dynamo-ha:governance` — attach the published policy pack to stacks on Pulumi Cloud. */
export const governanceSection = obj(
  {
    organization: str({ doc: "Pulumi Cloud organization.", grammar: ORGANIZATION }),
    stacks: list(str({ doc: "stack name", grammar: STACK_NAME }), { doc: "Stacks to attach the pack to.", defaultText: "every bundled stack in stacks/" }),
  },
  { doc: "Policy attachment as code." },
);
