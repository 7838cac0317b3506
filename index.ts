// Pulumi entry point: `pulumi up -s <stack>` runs this with the stack's config from stacks/.
import { runProgram } from "./stacks/main";

export = runProgram();
