// What a stack file says about its stack: kind, env and cloud (the governance stack and the deploy tools read it). Read with the config schema,
// so a typo'd env fails here with the same one line the program would print.
import { Cloud, decodeRaw, Env, PROJECT, StackKind, TOP_LEVEL } from "../components/core/config";
import { loadStackFile, STACKS_DIR } from "./stack-file";

export interface StackFacts {
  stack: string;
  kind: StackKind;
  env: Env;
  /** The cloud the stack creates resources in: a regional stack's cloud, or the global stack's routing service's. */
  cloud?: Cloud;
}

export function stackFacts(stack: string, dir = STACKS_DIR): StackFacts {
  const values = decodeRaw(loadStackFile(stack, dir).config);
  const key = (k: string) => `${PROJECT}:${k}`;
  const kind = TOP_LEVEL.kind.parse(values.kind, key("kind"));
  const env = TOP_LEVEL.env.parse(values.env, key("env"));
  if (kind === "regional") return { stack, kind, env, cloud: TOP_LEVEL.cloud.parse(values.cloud, key("cloud")) };
  if (kind === "global") {
    const g = TOP_LEVEL.global.parse(values.global, key("global"));
    return { stack, kind, env, cloud: g && g.dnsProvider !== "route53" ? "azure" : "aws" };
  }
  return { stack, kind, env };
}
