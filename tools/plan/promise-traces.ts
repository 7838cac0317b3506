// The SDK records a stack trace on every promise it makes (runtime/debuggable.ts, debuggablePromise),
// used only by its promise-leak report with PULUMI_DEBUG_PROMISE_LEAKS set. A plan makes thousands of
// them, and capturing and formatting those traces was over half of a plan's CPU. Unless that report is
// asked for, the SDK's promises get a trace with no frames; every other error keeps its whole stack.
// Internal SDK module (pinned SDK): its callers look `debuggablePromise` up on the module at each call.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
  debugPromiseLeaks: boolean;
  debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T>;
};

const UNTRACED = Symbol.for("dynamo-ha.untracedPromises");

/** `f` run with no stack frames captured by the errors it makes; the limit is restored after, even on a throw. */
export function withoutFrames<A extends unknown[], R>(f: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return f(...args);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
}

/** Whether the SDK's promises are made without traces in this process. */
export function promisesUntraced(): boolean {
  return (debuggable as { [UNTRACED]?: true })[UNTRACED] === true;
}

/** Installs the frame-free `debuggablePromise` once per process; a no-op when leak debugging is on. */
export function untracePromises(): void {
  if (debuggable.debugPromiseLeaks || promisesUntraced()) return;
  debuggable.debuggablePromise = withoutFrames(debuggable.debuggablePromise);
  (debuggable as { [UNTRACED]?: true })[UNTRACED] = true;
}
