// Mocha root hooks: after the last test, the ten slowest tests, so a slow suite is seen where it starts.
import type { Context } from "mocha";

const timings: { title: string; ms: number }[] = [];

export const mochaHooks = {
  afterEach(this: Context): void {
    const t = this.currentTest;
    if (t?.duration !== undefined) timings.push({ title: t.fullTitle(), ms: t.duration });
  },
  afterAll(): void {
    if (timings.length === 0) return;
    const top = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 10);
    process.stdout.write(`\n  10 slowest tests:\n${top.map((t) => `  ${(t.ms / 1000).toFixed(1).padStart(6)} s  ${t.title}`).join("\n")}\n`);
  },
};
