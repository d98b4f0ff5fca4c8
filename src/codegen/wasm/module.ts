/**
 * A small WebAssembly module emitter: function bodies (`Body`: locals and instructions) and
 * modules (`ModuleBuilder`: types, function imports, functions, one memory, exports), written
 * straight to the binary format. Only what the kernels need; no validation beyond what the
 * engine does when it compiles the bytes.
 *
 * @example
 * const m = new ModuleBuilder();
 * const f = m.declare([T.f64], [T.f64]);
 * const b = new Body([T.f64]);
 * b.get(0).get(0).op(OP.f64_mul);
 * m.define(f, b);
 * m.exportFunction('square', f);
 * new WebAssembly.Instance(new WebAssembly.Module(m.bytes())).exports.square(3) // 9
 */
import { ByteWriter } from './encoder.js';
import { OP, SIMD, T, VOID, type ValType } from './opcodes.js';

const laneBuffer = new ArrayBuffer(16);
const laneF64 = new Float64Array(laneBuffer);
const laneI64 = new BigInt64Array(laneBuffer);
const laneU32 = new Uint32Array(laneBuffer);

/** A function body under construction: its locals (after the parameters) and code. */
export class Body {
  readonly params: readonly ValType[];
  private readonly locals: ValType[] = [];
  readonly code = new ByteWriter();
  /** Code run before `code`: the hoisted constants. */
  private readonly prologue = new ByteWriter();
  private readonly constants = new Map<string, number>();
  private readonly splats = new Map<number, number>();
  /** The v128 constants in the order of `constantTable`, when they are loaded from memory. */
  private readonly table: number[] = [];
  private tableAt = -1;

  constructor(params: readonly ValType[]) {
    this.params = params;
  }

  /** A new local of type `t`; returns its index. */
  local(t: ValType): number {
    this.locals.push(t);
    return this.params.length + this.locals.length - 1;
  }

  op(code: number): this {
    this.code.byte(code);
    return this;
  }

  simd(code: number): this {
    this.code.byte(0xfd).u32(code);
    return this;
  }

  get(i: number): this {
    this.code.byte(OP.local_get).u32(i);
    return this;
  }

  set(i: number): this {
    this.code.byte(OP.local_set).u32(i);
    return this;
  }

  tee(i: number): this {
    this.code.byte(OP.local_tee).u32(i);
    return this;
  }

  i32(v: number): this {
    this.code.byte(OP.i32_const).s32(v);
    return this;
  }

  f64(v: number): this {
    this.code.byte(OP.f64_const).f64(v);
    return this;
  }

  /** `v128.const` with two float64 lanes. */
  f64x2(a: number, b: number = a): this {
    this.code.byte(0xfd).u32(SIMD.v128_const).f64(a).f64(b);
    return this;
  }

  /**
   * Loads the hoisted v128 constants from a table in memory at byte address `at` (see
   * `constantTable`) instead of building them with `v128.const`. An engine that sees a
   * constant may rebuild it at each use inside a loop (V8: three instructions) rather than
   * keep it in a register or reload it from the stack (one); a value loaded from memory is
   * not a constant to it. Call before the first constant.
   */
  constantsFrom(at: number): void {
    this.tableAt = at;
  }

  /** The table of constants `constantsFrom` loads from, 16 bytes each. */
  constantTable(): Uint8Array {
    return new Uint8Array(Uint32Array.from(this.table).buffer);
  }

  /**
   * A v128 local holding the constant of `lanes` (four 32-bit words, little-endian), set once
   * at the start of the function (engines rebuild a `v128.const` at every use; a local stays
   * in a register or one load away).
   */
  private constLocal(lanes: Uint32Array): number {
    const key = `${lanes[0]},${lanes[1]},${lanes[2]},${lanes[3]}`;
    let l = this.constants.get(key);
    if (l === undefined) {
      l = this.local(T.v128);
      this.constants.set(key, l);
      if (this.tableAt >= 0) {
        this.prologue.byte(OP.i32_const).s32(0).byte(0xfd).u32(SIMD.v128_load).u32(4).u32(this.tableAt + 4 * this.table.length);
        this.table.push(lanes[0]!, lanes[1]!, lanes[2]!, lanes[3]!);
      } else {
        this.prologue.byte(0xfd).u32(SIMD.v128_const).raw(new Uint8Array(lanes.buffer, lanes.byteOffset, 16));
      }
      this.prologue.byte(OP.local_set).u32(l);
    }
    return l;
  }

  /** The local of the hoisted f64x2 constant (a, b) (see `constLocal`). */
  f64x2Local(a: number, b: number = a): number {
    if (a === b && a !== 0) {
      // Splats of ordinary numbers, by value (0 and -0 differ, so they take the general path; NaN never equals itself).
      const hit = this.splats.get(a);
      if (hit !== undefined) return hit;
      laneF64[0] = a;
      laneF64[1] = a;
      const l = this.constLocal(laneU32);
      this.splats.set(a, l);
      return l;
    }
    laneF64[0] = a;
    laneF64[1] = b;
    return this.constLocal(laneU32);
  }

  /** The local of the hoisted i64x2 constant (a, b) (see `constLocal`). */
  i64x2Local(a: bigint, b: bigint = a): number {
    laneI64[0] = a;
    laneI64[1] = b;
    return this.constLocal(laneU32);
  }

  /** `v128.const` with two int64 lanes. */
  i64x2(a: bigint, b: bigint = a): this {
    const w = new DataView(new ArrayBuffer(16));
    w.setBigInt64(0, a, true);
    w.setBigInt64(8, b, true);
    this.code.byte(0xfd).u32(SIMD.v128_const).raw(new Uint8Array(w.buffer));
    return this;
  }

  /** A SIMD lane instruction (`extract_lane`, `replace_lane`) on lane `lane`. */
  lane(code: number, lane: number): this {
    this.code.byte(0xfd).u32(code).byte(lane);
    return this;
  }

  /** A memory access with its alignment (log2 of bytes) and constant offset. */
  mem(code: number, align: number, offset: number): this {
    this.code.byte(code).u32(align).u32(offset);
    return this;
  }

  simdMem(code: number, align: number, offset: number): this {
    this.code.byte(0xfd).u32(code).u32(align).u32(offset);
    return this;
  }

  call(f: number): this {
    this.code.byte(OP.call).u32(f);
    return this;
  }

  /** `block`, `loop` or `if` with no results, or with one result of type `t`. */
  begin(kind: number, t?: ValType): this {
    this.code.byte(kind).byte(t ?? VOID);
    return this;
  }

  end(): this {
    return this.op(OP.end);
  }

  br(depth: number): this {
    this.code.byte(OP.br).u32(depth);
    return this;
  }

  brIf(depth: number): this {
    this.code.byte(OP.br_if).u32(depth);
    return this;
  }

  /** The encoded body: locals grouped in runs of one type, the code, `end`. */
  encode(): ByteWriter {
    const runs: [number, ValType][] = [];
    for (const t of this.locals) {
      const last = runs[runs.length - 1];
      if (last && last[1] === t) last[0]++;
      else runs.push([1, t]);
    }
    const w = new ByteWriter();
    w.u32(runs.length);
    for (const [n, t] of runs) w.u32(n).byte(t);
    w.raw(this.prologue.bytes());
    w.raw(this.code.bytes());
    w.byte(OP.end);
    return w;
  }
}

interface FuncType {
  params: readonly ValType[];
  results: readonly ValType[];
}

/** A module: function imports first, then declared and defined functions, a memory, exports. */
export class ModuleBuilder {
  private readonly types: FuncType[] = [];
  private readonly typeIndex = new Map<string, number>();
  private readonly imports: { module: string; name: string; type: number }[] = [];
  private readonly funcs: { type: number; body: Body | null }[] = [];
  private readonly exports: { name: string; kind: number; index: number }[] = [];
  private memoryPages = -1;
  private readonly segments: { offset: number; bytes: Uint8Array }[] = [];

  private type(params: readonly ValType[], results: readonly ValType[]): number {
    const key = `${params.join(',')}:${results.join(',')}`;
    let i = this.typeIndex.get(key);
    if (i === undefined) {
      i = this.types.length;
      this.types.push({ params, results });
      this.typeIndex.set(key, i);
    }
    return i;
  }

  /** Imports a function; all imports come before the first declared function. */
  importFunction(module: string, name: string, params: readonly ValType[], results: readonly ValType[]): number {
    if (this.funcs.length > 0) throw new Error('imports must precede the module\'s own functions');
    this.imports.push({ module, name, type: this.type(params, results) });
    return this.imports.length - 1;
  }

  /** Declares a function (its index can be called before its body is defined). */
  declare(params: readonly ValType[], results: readonly ValType[]): number {
    this.funcs.push({ type: this.type(params, results), body: null });
    return this.imports.length + this.funcs.length - 1;
  }

  define(index: number, body: Body): void {
    this.funcs[index - this.imports.length]!.body = body;
  }

  /** One memory of at least `pages` 64 KiB pages, exported as `name`. */
  memory(pages: number, name: string): void {
    this.memoryPages = pages;
    this.exports.push({ name, kind: 2, index: 0 });
  }

  /** Bytes the memory holds from `offset` when the module is instantiated (an active data segment). */
  data(offset: number, bytes: Uint8Array): void {
    this.segments.push({ offset, bytes });
  }

  exportFunction(name: string, index: number): void {
    this.exports.push({ name, kind: 0, index });
  }

  bytes(): Uint8Array {
    const out = new ByteWriter();
    out.raw([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    const section = (id: number, fill: (w: ByteWriter) => void): void => {
      const w = new ByteWriter();
      fill(w);
      out.byte(id).sized(w);
    };
    section(1, (w) => {
      w.u32(this.types.length);
      for (const t of this.types) {
        w.byte(0x60).u32(t.params.length).raw(t.params).u32(t.results.length).raw(t.results);
      }
    });
    if (this.imports.length > 0) {
      section(2, (w) => {
        w.u32(this.imports.length);
        for (const im of this.imports) w.name(im.module).name(im.name).byte(0x00).u32(im.type);
      });
    }
    section(3, (w) => {
      w.u32(this.funcs.length);
      for (const f of this.funcs) w.u32(f.type);
    });
    if (this.memoryPages >= 0) section(5, (w) => w.u32(1).byte(0x00).u32(this.memoryPages));
    section(7, (w) => {
      w.u32(this.exports.length);
      for (const e of this.exports) w.name(e.name).byte(e.kind).u32(e.index);
    });
    section(10, (w) => {
      w.u32(this.funcs.length);
      this.funcs.forEach((f, i) => {
        if (f.body === null) throw new Error(`function ${i + this.imports.length} was declared but not defined`);
        w.sized(f.body.encode());
      });
    });
    if (this.segments.length > 0) {
      section(11, (w) => {
        w.u32(this.segments.length);
        for (const d of this.segments) w.byte(0x00).byte(OP.i32_const).s32(d.offset).byte(OP.end).u32(d.bytes.length).raw(d.bytes);
      });
    }
    return out.bytes();
  }
}
