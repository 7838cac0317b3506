// A plain value encoded as google.protobuf.Struct wire bytes directly: the same bytes as
// google-protobuf's `Struct.fromJavaScript(v).serializeBinary()` (keys sorted, as jspb.Map writes them),
// without a message object per value first (most of the client's CPU when it sends thousands of
// resources). Field numbers (struct.proto): Struct.fields=1 (entry key=1, value=2); Value null=1
// number=2 string=3 bool=4 struct=5 list=6; ListValue.values=1. Tested byte for byte against google-protobuf.

type Obj = Record<string, unknown>;

function varintSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

const keysOf = (o: Obj): string[] => Object.keys(o).sort();
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

// Sizes of nested lists and structs within one encode, so each is measured once however deep it sits.
type Sizes = Map<object, number>;

/** Byte size of a Value's fields (not its own tag and length). */
function valueSize(v: unknown, sizes: Sizes): number {
  if (v === null) return 2;
  switch (typeof v) {
    case "number":
      return 9;
    case "boolean":
      return 2;
    case "string": {
      const n = Buffer.byteLength(v);
      return 1 + varintSize(n) + n;
    }
    default: {
      const n = Array.isArray(v) ? listSize(v, sizes) : isObj(v) ? structSize(v, sizes) : unsupported(v);
      return 1 + varintSize(n) + n;
    }
  }
}

function unsupported(v: unknown): never {
  throw new Error(`Unexpected struct type: ${typeof v}`);
}

function listSize(a: readonly unknown[], sizes: Sizes): number {
  let size = sizes.get(a);
  if (size !== undefined) return size;
  size = 0;
  for (const x of a) {
    const n = valueSize(x, sizes);
    size += 1 + varintSize(n) + n;
  }
  sizes.set(a, size);
  return size;
}

function entrySize(k: string, v: unknown, sizes: Sizes): number {
  const kn = Buffer.byteLength(k);
  const vn = valueSize(v, sizes);
  return 1 + varintSize(kn) + kn + 1 + varintSize(vn) + vn;
}

function structSize(o: Obj, sizes: Sizes): number {
  let size = sizes.get(o);
  if (size !== undefined) return size;
  size = 0;
  for (const k of keysOf(o)) {
    const n = entrySize(k, o[k], sizes);
    size += 1 + varintSize(n) + n;
  }
  sizes.set(o, size);
  return size;
}

class Writer {
  pos = 0;
  constructor(
    readonly buf: Buffer,
    readonly sizes: Sizes = new Map(),
  ) {}
  byte(b: number): void {
    this.buf[this.pos++] = b;
  }
  varint(n: number): void {
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 128) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[this.pos++] = n;
  }
  string(tag: number, s: string): void {
    this.byte(tag);
    this.varint(Buffer.byteLength(s));
    this.pos += this.buf.write(s, this.pos, "utf8");
  }
}

function writeValue(w: Writer, v: unknown): void {
  if (v === null) {
    w.byte((1 << 3) | 0);
    w.byte(0);
    return;
  }
  switch (typeof v) {
    case "number":
      w.byte((2 << 3) | 1);
      w.pos = w.buf.writeDoubleLE(v, w.pos);
      return;
    case "boolean":
      w.byte((4 << 3) | 0);
      w.byte(v ? 1 : 0);
      return;
    case "string":
      w.string((3 << 3) | 2, v);
      return;
    default:
      if (Array.isArray(v)) {
        w.byte((6 << 3) | 2);
        w.varint(listSize(v, w.sizes));
        for (const x of v) {
          w.byte((1 << 3) | 2);
          w.varint(valueSize(x, w.sizes));
          writeValue(w, x);
        }
      } else if (isObj(v)) {
        w.byte((5 << 3) | 2);
        w.varint(structSize(v, w.sizes));
        writeStruct(w, v);
      } else unsupported(v);
  }
}

function writeStruct(w: Writer, o: Obj): void {
  for (const k of keysOf(o)) {
    const v = o[k];
    w.byte((1 << 3) | 2);
    w.varint(entrySize(k, v, w.sizes));
    w.string((1 << 3) | 2, k);
    w.byte((2 << 3) | 2);
    w.varint(valueSize(v, w.sizes));
    writeValue(w, v);
  }
}

/** The Struct bytes of a plain object whose values are null, numbers, strings, booleans, arrays and objects. */
export function encodeStruct(o: Obj): Buffer {
  const sizes: Sizes = new Map();
  const w = new Writer(Buffer.allocUnsafe(structSize(o, sizes)), sizes);
  writeStruct(w, o);
  if (w.pos !== w.buf.length) throw new Error(`struct encoding wrote ${w.pos} of ${w.buf.length} bytes`);
  return w.buf;
}

/** A length-delimited field `field` holding `bytes` (a message field appended to an encoded message). */
export function messageField(field: number, bytes: Uint8Array): Buffer {
  const tag = (field << 3) | 2;
  const w = new Writer(Buffer.allocUnsafe(varintSize(tag) + varintSize(bytes.length) + bytes.length));
  w.varint(tag);
  w.varint(bytes.length);
  w.buf.set(bytes, w.pos);
  return w.buf;
}
