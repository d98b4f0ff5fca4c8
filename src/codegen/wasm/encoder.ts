/**
 * Bytes of the WebAssembly binary format: a growable byte buffer with the encodings the
 * format uses (unsigned and signed LEB128, little-endian float64, UTF-8 names, vectors).
 *
 * @example
 * const w = new ByteWriter();
 * w.u32(624485);      // LEB128: e5 8e 26
 * w.bytes()           // Uint8Array [0xe5, 0x8e, 0x26]
 */

const scratch = new DataView(new ArrayBuffer(8));
const utf8 = new TextEncoder();

export class ByteWriter {
  private buf: Uint8Array;
  private len = 0;

  constructor(capacity = 64) {
    this.buf = new Uint8Array(capacity);
  }

  get length(): number {
    return this.len;
  }

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  byte(b: number): this {
    if (this.len === this.buf.length) this.room(1);
    this.buf[this.len++] = b & 0xff;
    return this;
  }

  raw(bytes: ArrayLike<number>): this {
    this.room(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    return this;
  }

  /** Unsigned LEB128 of a number in [0, 2^32). */
  u32(v: number): this {
    if (!(Number.isInteger(v) && v >= 0 && v < 2 ** 32)) throw new RangeError(`u32 out of range: ${v}`);
    do {
      let b = v & 0x7f;
      v = Math.floor(v / 128);
      if (v !== 0) b |= 0x80;
      this.byte(b);
    } while (v !== 0);
    return this;
  }

  /** Signed LEB128 of a 32-bit integer. */
  s32(v: number): this {
    if (!(Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31)) throw new RangeError(`s32 out of range: ${v}`);
    return this.s64(BigInt(v));
  }

  /** Signed LEB128 of a 64-bit integer. */
  s64(v: bigint): this {
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      const done = (v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0);
      this.byte(done ? b : b | 0x80);
      if (done) return this;
    }
  }

  /** A float64, little-endian. */
  f64(v: number): this {
    scratch.setFloat64(0, v, true);
    for (let i = 0; i < 8; i++) this.byte(scratch.getUint8(i));
    return this;
  }

  /** A name: its UTF-8 length, then the bytes. */
  name(s: string): this {
    const b = utf8.encode(s);
    return this.u32(b.length).raw(b);
  }

  /** The bytes of another writer, prefixed by their length (a section or function body). */
  sized(w: ByteWriter): this {
    return this.u32(w.length).raw(w.bytes());
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  /** The bytes written so far, without a copy (valid until the next write). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}
