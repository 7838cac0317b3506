// google.protobuf.Struct decoded straight from its wire bytes to the plain value that google-protobuf's
// `Struct.deserializeBinary(bytes).toJavaScript()` returns, without building a message object per Value
// first (that decode was most of an AnalyzeStack over thousands of resources).
//
// Same result as the google-protobuf the SDK pins (3.21.4: jspb.Map, google/protobuf/struct_pb.js),
// checked case by case against it in test/policy/struct-wire.spec.ts:
// - a Struct's keys come out sorted (jspb.Map#forEach sorts them); a repeated key keeps its last value;
//   a `__proto__` key is dropped (jspb.Map keeps entries in a plain object, where it is not an own key);
// - a map entry's value fields merge into one Value, so the last `kind` set wins; a missing value or one
//   with no kind throws "Unexpected struct type", as Value#toJavaScript does;
// - a repeated struct_value/list_value field replaces the earlier one; unknown fields are skipped.
// Wire format: https://protobuf.dev/programming-guides/encoding/ ; struct.proto field numbers:
// Struct.fields=1 (entry key=1, value=2); Value null=1 number=2 string=3 bool=4 struct=5 list=6;
// ListValue.values=1.

export type PlainValue = null | number | string | boolean | PlainValue[] | { [k: string]: PlainValue };

const VARINT = 0;
const I64 = 1;
const LEN = 2;
const SGROUP = 3;
const EGROUP = 4;
const I32 = 5;

class WireError extends Error {}

/** A cursor over `buf[pos, end)`. */
export class Cursor {
  constructor(
    readonly buf: Buffer,
    public pos: number,
    readonly end: number,
  ) {}

  varint(): number {
    const { buf } = this;
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new WireError("truncated varint");
      const b = buf[this.pos++];
      // Above 2^53 precision is lost, as in any JavaScript number; only tags, lengths, enums and bools
      // are read as varints here, and lengths are bounded by the buffer.
      if (shift < 49) result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) return result;
    }
    throw new WireError("varint longer than 10 bytes");
  }

  /** Skips the value of a field with wire type `wt` (`field` for the group's end tag). */
  skip(wt: number, field: number): void {
    switch (wt) {
      case VARINT:
        this.varint();
        return;
      case I64:
        this.advance(8);
        return;
      case LEN:
        this.advance(this.varint());
        return;
      case I32:
        this.advance(4);
        return;
      case SGROUP:
        for (;;) {
          const tag = this.varint();
          if ((tag & 7) === EGROUP) {
            if (tag >>> 3 !== field) throw new WireError("unmatched end group");
            return;
          }
          this.skip(tag & 7, tag >>> 3);
        }
      default:
        throw new WireError(`invalid wire type ${wt}`);
    }
  }

  advance(n: number): void {
    if (n > this.end - this.pos) throw new WireError("truncated field");
    this.pos += n;
  }

  /** Steps over a length-delimited value; returns where it starts (it ends at the new `pos`). */
  len(): number {
    const n = this.varint();
    const start = this.pos;
    this.advance(n);
    return start;
  }
}

const KIND_NOT_SET = 0;

/** One Value's state while its fields (possibly from several chunks) are applied in order. */
interface ValueState {
  kind: number;
  value: PlainValue;
}

/** UTF-8 text of `buf[a, b)`; short ASCII (most keys and values) without a call into the runtime. */
function text(buf: Buffer, a: number, b: number): string {
  if (b - a <= 32) {
    let s = "";
    for (let i = a; i < b; i++) {
      const ch = buf[i];
      if (ch >= 0x80) return buf.toString("utf8", a, b);
      s += String.fromCharCode(ch);
    }
    return s;
  }
  return buf.toString("utf8", a, b);
}

function applyValue(buf: Buffer, start: number, end: number, s: ValueState, note?: Note): void {
  const c = new Cursor(buf, start, end);
  while (c.pos < end) {
    const tag = c.varint();
    const field = tag >>> 3;
    const wt = tag & 7;
    if (field === 1 && wt === VARINT) {
      c.varint();
      s.kind = 1;
      s.value = null;
    } else if (field === 2 && wt === I64) {
      c.advance(8);
      s.kind = 2;
      s.value = buf.readDoubleLE(c.pos - 8);
    } else if (wt === LEN && field >= 3 && field <= 6 && field !== 4) {
      const a = c.len();
      const b = c.pos;
      s.kind = field;
      s.value = field === 3 ? text(buf, a, b) : field === 5 ? decodeStruct(buf, a, b, note) : decodeList(buf, a, b, note);
    } else if (field === 4 && wt === VARINT) {
      s.kind = 4;
      s.value = c.varint() !== 0;
    } else {
      c.skip(wt, field);
    }
  }
}

function finish(s: ValueState): PlainValue {
  if (s.kind === KIND_NOT_SET) throw new Error("Unexpected struct type");
  return s.value;
}

function decodeList(buf: Buffer, start: number, end: number, note?: Note): PlainValue[] {
  const out: PlainValue[] = [];
  const c = new Cursor(buf, start, end);
  while (c.pos < end) {
    const tag = c.varint();
    if (tag === ((1 << 3) | LEN)) {
      const a = c.len();
      const s: ValueState = { kind: KIND_NOT_SET, value: null };
      applyValue(buf, a, c.pos, s, note);
      out.push(finish(s));
    } else c.skip(tag & 7, tag >>> 3);
  }
  return out;
}

/** A key to look out for while decoding, and whether an object inside had it. */
interface Note {
  key: string;
  met: boolean;
}

/** decodeStruct, and whether any object inside (at any depth) has the key `key`. */
export function decodeStructNoting(buf: Buffer, start: number, end: number, key: string): { value: { [k: string]: PlainValue }; met: boolean } {
  const note: Note = { key, met: false };
  const value = decodeStruct(buf, start, end, note);
  return { value, met: note.met };
}

/** Decodes the Struct in `buf[start, end)` to the plain object `toJavaScript` would return. */
export function decodeStruct(buf: Buffer, start: number, end: number, note?: Note): { [k: string]: PlainValue } {
  const keys: string[] = [];
  const states: ValueState[] = [];
  let ascending = true; // encoders write map keys sorted: then no re-sorting is needed
  const c = new Cursor(buf, start, end);
  while (c.pos < end) {
    const tag = c.varint();
    if (tag !== ((1 << 3) | LEN)) {
      c.skip(tag & 7, tag >>> 3);
      continue;
    }
    const a = c.len();
    const e = new Cursor(buf, a, c.pos);
    let key = "";
    const s: ValueState = { kind: KIND_NOT_SET, value: null };
    while (e.pos < e.end) {
      const t = e.varint();
      if (t === ((1 << 3) | LEN)) {
        const ka = e.len();
        key = text(buf, ka, e.pos);
      } else if (t === ((2 << 3) | LEN)) {
        const va = e.len();
        applyValue(buf, va, e.pos, s, note);
      } else e.skip(t & 7, t >>> 3);
    }
    if (key === "__proto__") continue;
    if (note && key === note.key) note.met = true;
    if (keys.length > 0 && !(keys[keys.length - 1] < key)) ascending = false;
    keys.push(key);
    states.push(s);
  }
  const out: { [k: string]: PlainValue } = {};
  if (ascending) {
    for (let i = 0; i < keys.length; i++) out[keys[i]] = finish(states[i]);
    return out;
  }
  const last = new Map<string, ValueState>();
  for (let i = 0; i < keys.length; i++) last.set(keys[i], states[i]);
  for (const k of [...last.keys()].sort()) out[k] = finish(last.get(k) as ValueState);
  return out;
}
