// The suite's reporter: mocha's dot reporter, then the ten slowest tests (a slow suite is seen where it
// starts) and a plain closing line `N passed, N failed[, N skipped]`. Works in parallel mode too: the
// main process sees every test's events.
import * as Mocha from "mocha";

const { EVENT_RUN_END, EVENT_TEST_FAIL, EVENT_TEST_PASS } = Mocha.Runner.constants;

class SuiteReporter extends Mocha.reporters.Dot {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const timings: { title: string; ms: number }[] = [];
    const note = (t: Mocha.Test) => timings.push({ title: t.fullTitle(), ms: t.duration ?? 0 });
    runner.on(EVENT_TEST_PASS, note);
    runner.on(EVENT_TEST_FAIL, note);
    runner.once(EVENT_RUN_END, () => {
      const top = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 10);
      const lines = top.map((t) => `  ${(t.ms / 1000).toFixed(1).padStart(6)} s  ${t.title}`);
      const s = this.stats;
      process.stdout.write(`  10 slowest tests:\n${lines.join("\n")}\n\n${s.passes} passed, ${s.failures} failed${s.pending ? `, ${s.pending} skipped` : ""}\n`);
    });
  }
}

export = SuiteReporter;
