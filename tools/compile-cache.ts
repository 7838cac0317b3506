// Imported first by every command: V8 keeps each module's compiled code on disk (Node ≥ 22.1,
// node:module enableCompileCache), so after the first run modules load without being compiled again
// (about half a second of every plan). A Node without it simply compiles as before.
import * as nodeModule from "module";

(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
