// The analyzer's Analyze and AnalyzeStack requests decoded with their resources' property Structs kept
// as wire bytes, decoded straight to plain values when the library asks for them (struct-wire.ts).
// google-protobuf built one message object per Value first: for 10,000 resources most of an
// AnalyzeStack call was that decode and its garbage. Every other field goes through the generated
// classes as before, so the library sees the same request objects.
//
// @pulumi/policy 1.21 (server.js) reads a resource's properties only through
// `deserializeProperties(getProperties(), …)`, which calls Struct#toJavaScript; the Struct handed out
// here answers that from the bytes and becomes an ordinary decoded Struct for any other use.
import { createRequire } from "module";
import { Cursor, decodeStruct, decodeStructNoting } from "./struct-wire";

interface Message {
  setProperties(s: unknown): void;
}
interface MessageClass<T> {
  deserializeBinary(bytes: Uint8Array): T;
}
interface StructClass {
  new (): object;
  deserializeBinaryFromReader(msg: object, reader: unknown): object;
}
export interface Protos {
  analyzerPb: {
    AnalyzeRequest: MessageClass<Message>;
    AnalyzerResource: MessageClass<Message>;
    AnalyzeStackRequest: { new (): { setResourcesList(rs: Message[]): void } };
  };
  structPb: { Struct: StructClass };
  BinaryReader: new (bytes: Uint8Array) => unknown;
  service: Record<"analyze" | "analyzeStack", { requestDeserialize: (b: Buffer) => unknown }>;
}

const PROPERTIES = 2; // AnalyzeRequest.properties and AnalyzerResource.properties (analyzer.proto)
const RESOURCES = 1; // AnalyzeStackRequest.resources

/** The generated modules the library itself uses (resolved from @pulumi/policy, as its server.js does). */
export function libraryProtos(): Protos {
  const load = createRequire(require.resolve("@pulumi/policy/package.json"));
  const fromPulumi = createRequire(load.resolve("@pulumi/pulumi/package.json"));
  return {
    analyzerPb: load("@pulumi/pulumi/proto/analyzer_pb") as Protos["analyzerPb"],
    service: (load("@pulumi/pulumi/proto/analyzer_grpc_pb") as { AnalyzerService: Protos["service"] }).AnalyzerService,
    // The Struct class analyzer_pb.js itself requires, so `instanceof` and wrapper fields agree.
    structPb: fromPulumi("google-protobuf/google/protobuf/struct_pb.js") as Protos["structPb"],
    BinaryReader: (fromPulumi("google-protobuf") as { BinaryReader: Protos["BinaryReader"] }).BinaryReader,
  };
}

/** A Struct subclass holding its wire bytes: `toJavaScript` decodes them directly, anything else decodes them once the generated way. */
function wireStructClass(p: Protos) {
  const Struct = p.structPb.Struct as unknown as new () => { toJavaScript(): unknown };
  class WireStruct extends Struct {
    private bytes?: Buffer;
    static of(bytes: Buffer): WireStruct {
      const s = new WireStruct();
      s.bytes = bytes;
      return s;
    }
    toJavaScript(): unknown {
      const b = this.bytes;
      return b === undefined ? super.toJavaScript() : decodeStruct(b, 0, b.length);
    }
    /** toJavaScript(), or undefined when an object inside has the key `key` (shared-deserialize.ts). */
    plainWithout(key: string): Record<string, unknown> | undefined {
      const b = this.bytes;
      if (b === undefined) return undefined;
      const r = decodeStructNoting(b, 0, b.length, key);
      return r.met ? undefined : r.value;
    }
    /** Fills the message from the bytes the generated way, once, before any other accessor reads it. */
    materialize(): void {
      const b = this.bytes;
      if (b === undefined) return;
      this.bytes = undefined;
      p.structPb.Struct.deserializeBinaryFromReader(this, new p.BinaryReader(b));
    }
  }
  // Every other Struct method (getFieldsMap, serializeBinary, toObject, …) sees the decoded message.
  const proto = p.structPb.Struct.prototype as unknown as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const fn = proto[name];
    if (name === "constructor" || name === "toJavaScript" || typeof fn !== "function") continue;
    Object.defineProperty(WireStruct.prototype, name, {
      value(this: WireStruct, ...args: unknown[]) {
        this.materialize();
        return (fn as (...a: unknown[]) => unknown).apply(this, args);
      },
    });
  }
  return WireStruct;
}

/**
 * Decodes a message whose field 2 is a property Struct: the other fields by the generated class, the
 * last properties field (as the generated code keeps the last) as a WireStruct over its bytes.
 */
function splitDecoder<T extends Message>(cls: MessageClass<T>, wire: (b: Buffer) => unknown) {
  return (buf: Buffer): T => {
    const c = new Cursor(buf, 0, buf.length);
    const rest: Buffer[] = [];
    let props: Buffer | undefined;
    while (c.pos < buf.length) {
      const at = c.pos;
      const tag = c.varint();
      if (tag === ((PROPERTIES << 3) | 2)) {
        const a = c.len();
        props = buf.subarray(a, c.pos);
      } else {
        c.skip(tag & 7, tag >>> 3);
        rest.push(buf.subarray(at, c.pos));
      }
    }
    const msg = cls.deserializeBinary(rest.length === 1 ? rest[0] : Buffer.concat(rest));
    if (props !== undefined) msg.setProperties(wire(props));
    return msg;
  };
}

const installed = new WeakSet<object>();

/** Routes the service's Analyze/AnalyzeStack request decoding through the above; call before the PolicyPack starts its server. Idempotent. */
export function decodePropertiesFromWire(protos: Protos = libraryProtos()): void {
  if (installed.has(protos.service)) return;
  installed.add(protos.service);
  const WireStruct = wireStructClass(protos);
  const { analyzerPb, service } = protos;
  const resource = splitDecoder(analyzerPb.AnalyzerResource, WireStruct.of);
  service.analyze.requestDeserialize = splitDecoder(analyzerPb.AnalyzeRequest, WireStruct.of);
  service.analyzeStack.requestDeserialize = (buf: Buffer) => {
    const c = new Cursor(buf, 0, buf.length);
    const resources: Message[] = [];
    while (c.pos < buf.length) {
      const tag = c.varint();
      if (tag === ((RESOURCES << 3) | 2)) {
        const a = c.len();
        resources.push(resource(buf.subarray(a, c.pos)));
      } else c.skip(tag & 7, tag >>> 3);
    }
    const req = new analyzerPb.AnalyzeStackRequest();
    req.setResourcesList(resources);
    return req;
  };
}
