// Moved to tools/verify/demo-support (shared with `npm run verify:demo`); the tests import it from here.
export * from "../../../tools/verify/demo-support/openai-stub";
