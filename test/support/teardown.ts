// What the run shares per process (the pack, the browser) registers here how to stop it; the root hook in
// pack.ts runs these after the last test of a serial run. A parallel worker ends them as it exits.
const steps: (() => Promise<void>)[] = [];

export function onTeardown(step: () => Promise<void>): void {
  steps.push(step);
}

export async function teardown(): Promise<void> {
  for (const step of steps.splice(0)) await step();
}
