// The SDK's generated analyzer/engine stubs and the protobuf runtime they were built against (the SDK
// keeps its own google-protobuf copy; messages must come from that copy to serialise).
import * as path from "path";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as enginePb from "@pulumi/pulumi/proto/engine_pb";
import * as engineGrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import type { Struct as StructT } from "google-protobuf/google/protobuf/struct_pb";

const protoDir = path.dirname(require.resolve("@pulumi/pulumi/proto/analyzer_pb"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const structPb = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [protoDir] })) as { Struct: typeof StructT };

export const Struct = structPb.Struct;
export { analyzerPb, analyzerGrpc, enginePb, engineGrpc };

/** The engine's wire forms (sdk/nodejs/runtime/rpc.ts): unknowns and secrets inside property structs. */
export const UNKNOWN_WIRE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
