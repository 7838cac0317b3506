// One cold plan in a fresh process (what a user waits for, minus the policy pack, which both sides
// would pay alike): `full` runs the real program, `empty` a program that registers nothing.
import { plan } from "../plan/run";

const [stack, which] = process.argv.slice(2);
plan(stack, { policy: false, ...(which === "empty" ? { program: () => ({}) } : {}) }).then(
  (p) => {
    process.stdout.write(`${p.resources.length}\n`);
  },
  (e) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
