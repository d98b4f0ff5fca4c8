/**
 * Straight-line vector code as statements, and their scheduling.
 *
 * The SIMD loop body is built as statements, each a short stack expression that ends by
 * setting one local (`get a; get b; f64x2.mul; set t`). `StmtBuilder` records them with the
 * locals they read and write and an estimate of their latency; `schedule` then orders them
 * by list scheduling: a statement may start once the statements it depends on (through its
 * locals: read after write, write after read, write after write) have produced their values,
 * and among those that may start, the one on the longest remaining path goes first. This
 * interleaves independent chains (the sin of one argument with the exp of another, two pairs
 * of points of an unrolled loop) for an engine that emits code in the order it is given
 * (V8's baseline compiler, Liftoff). V8's optimising compiler, TurboFan, orders the pure
 * instructions of a block itself: for it only the order of loads and stores matters (the
 * loads come first here), and which block an instruction's users are in.
 *
 * @example
 * const s = new StmtBuilder(body);
 * const t = s.local();
 * s.get(x).get(x).mul().set(t);   // one statement
 * s.emit(body);                  // the statements, scheduled, into the body's code
 */
import { ByteWriter } from './encoder.js';
import { Body } from './module.js';
import { OP, SIMD, T } from './opcodes.js';

/** An operand of `madd` and `nmadd`: a local, or a constant as `[value]`. */
export type Operand = number | readonly [number];

export interface Stmt {
  /** The statement's bytes: `[start, end)` of its builder's code. */
  readonly start: number;
  readonly end: number;
  /** Where the statement refers to virtual locals: offsets of 5-byte placeholders, and the locals. */
  readonly refAt: readonly number[];
  readonly refs: readonly number[];
  /** The local written, or -1. */
  readonly def: number;
  readonly uses: readonly number[];
  /** Instructions other than local accesses (issue slots). */
  readonly ops: number;
  /** Estimated cycles from the first instruction to the value. */
  readonly latency: number;
}

/** Latency estimates in cycles (a current x86-64 core); unlisted SIMD instructions: 1. */
const LATENCY: Partial<Record<number, number>> = {
  [SIMD.f64x2_add]: 3, [SIMD.f64x2_sub]: 3, [SIMD.f64x2_mul]: 3, [SIMD.f64x2_div]: 13, [SIMD.f64x2_sqrt]: 15,
  [SIMD.f64x2_eq]: 3, [SIMD.f64x2_ne]: 3, [SIMD.f64x2_lt]: 3, [SIMD.f64x2_gt]: 3, [SIMD.f64x2_le]: 3, [SIMD.f64x2_ge]: 3,
  [SIMD.f64x2_nearest]: 3, [SIMD.v128_bitselect]: 2, [SIMD.f64x2_relaxed_madd]: 4, [SIMD.f64x2_relaxed_nmadd]: 4,
};
const CALL_LATENCY = 30;

/** Locals from `StmtBuilder.local` are virtual: numbered from here, given real locals by `emit`. */
const VIRTUAL = 1 << 24;

/**
 * Records statements of v128 code for `body` (whose locals and hoisted constants it uses).
 * The statements' own values live in virtual locals, which `emit` maps to the body's locals
 * after scheduling, reusing a local once its value is dead (a function may have at most
 * 50,000 locals).
 */
export class StmtBuilder {
  readonly body: Body;
  readonly stmts: Stmt[] = [];
  /** The code of every statement, one after the other. */
  readonly w = new ByteWriter(4096);
  private start = 0;
  private uses: number[] = [];
  private refAt: number[] = [];
  private refs: number[] = [];
  private ops = 0;
  private latency = 0;
  private virtuals = 0;

  /**
   * Whether `madd`, `nmadd` and `poly` use relaxed SIMD's `f64x2.relaxed_madd` and
   * `relaxed_nmadd` (one instruction, fused where the machine has FMA) instead of a
   * multiplication and an addition.
   */
  readonly fma: boolean;

  constructor(body: Body, fma = false) {
    this.body = body;
    this.fma = fma;
  }

  /** A new v128 local (virtual until `emit`). */
  local(): number {
    return VIRTUAL + this.virtuals++;
  }

  /** A local index: a body local as is, a virtual one as a placeholder patched by `emit`. */
  private ref(l: number): void {
    if (l < VIRTUAL) {
      this.w.u32(l);
      return;
    }
    this.refAt.push(this.w.length);
    this.refs.push(l);
    this.w.raw(PLACEHOLDER);
  }

  get(l: number): this {
    this.w.byte(OP.local_get);
    this.ref(l);
    this.uses.push(l);
    return this;
  }

  /** The f64x2 constant (v, v), from a local set before the loop. */
  k(v: number): this {
    this.w.byte(OP.local_get).u32(this.body.f64x2Local(v));
    return this;
  }

  /** The i64x2 constant (v, v), from a local set before the loop. */
  ki(v: bigint): this {
    this.w.byte(OP.local_get).u32(this.body.i64x2Local(v));
    return this;
  }

  simd(code: number, latency = LATENCY[code] ?? 1): this {
    this.w.byte(0xfd).u32(code);
    this.ops++;
    this.latency += latency;
    return this;
  }

  i32(v: number): this {
    this.w.byte(OP.i32_const).s32(v);
    return this;
  }

  lane(code: number, lane: number): this {
    this.w.byte(0xfd).u32(code).byte(lane);
    this.ops++;
    this.latency += 1;
    return this;
  }

  call(f: number): this {
    this.w.byte(OP.call).u32(f);
    this.ops += 4;
    this.latency += CALL_LATENCY;
    return this;
  }

  add(): this { return this.simd(SIMD.f64x2_add); }
  sub(): this { return this.simd(SIMD.f64x2_sub); }
  mul(): this { return this.simd(SIMD.f64x2_mul); }
  div(): this { return this.simd(SIMD.f64x2_div); }

  /** Pushes an operand: a local, or a constant given as `[value]`. */
  private operand(o: Operand): this {
    return typeof o === 'number' ? this.get(o) : this.k(o[0]);
  }

  /**
   * a*b + c of the operands (locals, or constants as `[value]`): fused with `fma`, else a
   * multiplication and an addition in that order.
   * @example s.madd(x, [INVLN2], [TOINT]).set(t)
   */
  madd(a: Operand, b: Operand, c: Operand): this {
    this.operand(a).operand(b);
    if (this.fma) return this.operand(c).simd(SIMD.f64x2_relaxed_madd, 4);
    return this.mul().operand(c).add();
  }

  /**
   * c - a*b of the operands (see `madd`): fused with `fma`, else c, then a*b, subtracted.
   * @example s.nmadd(h, [PI1], x).set(r)
   */
  nmadd(a: Operand, b: Operand, c: Operand): this {
    if (this.fma) return this.operand(a).operand(b).operand(c).simd(SIMD.f64x2_relaxed_nmadd, 4);
    return this.operand(c).operand(a).operand(b).mul().sub();
  }

  /**
   * Horner's scheme: c[0] + z*(c[1] + z*(... + z*c[n-1])) with z in local `z`, each step a
   * fused multiply-add with `fma`.
   */
  poly(z: number, c: readonly number[]): this {
    this.k(c[c.length - 1]!);
    for (let i = c.length - 2; i >= 0; i--) {
      if (this.fma) this.get(z).k(c[i]!).simd(SIMD.f64x2_relaxed_madd, 4);
      else this.get(z).mul().k(c[i]!).add();
    }
    return this;
  }

  /** Ends the statement: the value on the stack goes to local `l`. */
  set(l: number): this {
    this.w.byte(OP.local_set);
    this.ref(l);
    return this.end(l, 0);
  }

  private end(def: number, extraOps: number): this {
    this.stmts.push({
      start: this.start, end: this.w.length, refAt: this.refAt, refs: this.refs, def, uses: this.uses,
      ops: this.ops + extraOps, latency: this.latency + extraOps,
    });
    this.start = this.w.length;
    this.uses = [];
    this.refAt = [];
    this.refs = [];
    this.ops = 0;
    this.latency = 0;
    return this;
  }

  /**
   * Writes the statements into the body's code, scheduled (unless `scheduled` is false), with
   * body locals for the virtual ones; returns the body locals of `liveOut` (virtual locals
   * read after the statements).
   */
  emit(liveOut: readonly number[] = [], scheduled = true): Map<number, number> {
    const order = scheduled ? schedule(this.stmts) : this.stmts;
    // Each definition of a virtual local is a value; find where each value is read last.
    const current = new Map<number, number>();
    const lastUse: number[] = [];
    const valueOfRef: number[][] = order.map(() => []);
    const defValue = new Int32Array(order.length).fill(-1);
    order.forEach((st, p) => {
      const vals = valueOfRef[p]!;
      // The last reference of a statement with a result is its own definition.
      const reads = st.def >= VIRTUAL ? st.refs.length - 1 : st.refs.length;
      for (let r = 0; r < reads; r++) {
        const value = current.get(st.refs[r]!);
        if (value === undefined) throw new Error('statement reads a virtual local before its definition');
        lastUse[value] = p;
        vals.push(value);
      }
      if (st.def >= VIRTUAL) {
        const value = lastUse.length;
        lastUse.push(-1);
        current.set(st.def, value);
        defValue[p] = value;
        vals.push(value);
      }
    });
    for (const l of liveOut) {
      const value = current.get(l);
      if (value !== undefined) lastUse[value] = Infinity;
    }
    // Linear scan: a value's local is free again after its last reader.
    const local = new Int32Array(lastUse.length).fill(-1);
    const free: number[] = [];
    const dyingAt: number[][] = order.map(() => []);
    lastUse.forEach((p, value) => {
      if (p >= 0 && p !== Infinity) dyingAt[p]!.push(value);
    });
    const all = this.w.view();
    const code = this.body.code;
    order.forEach((st, p) => {
      for (const value of dyingAt[p]!) free.push(local[value]!);
      const d = defValue[p]!;
      if (d >= 0) {
        local[d] = free.length > 0 ? free.pop()! : this.body.local(T.v128);
        // A value nobody reads frees its local at once.
        if (lastUse[d] === -1) free.push(local[d]!);
      }
      const vals = valueOfRef[p]!;
      let at = st.start;
      st.refAt.forEach((offset, r) => {
        code.raw(all.subarray(at, offset));
        code.u32(local[vals[r]!]!);
        at = offset + PLACEHOLDER.length;
      });
      code.raw(all.subarray(at, st.end));
    });
    const out = new Map<number, number>();
    for (const l of liveOut) {
      const value = current.get(l);
      if (value !== undefined) out.set(l, local[value]!);
    }
    return out;
  }

  /** A SIMD memory access (`v128.load`, ...) on the address on the stack, with its alignment (log2 of bytes) and offset. */
  simdMem(code: number, align: number, offset: number): this {
    this.w.byte(0xfd).u32(code).u32(align).u32(offset);
    this.ops++;
    this.latency += 4;
    return this;
  }

  /** A SIMD lane memory access (`v128.load64_lane`, ...) with its alignment, offset and lane. */
  simdMemLane(code: number, align: number, offset: number, lane: number): this {
    this.w.byte(0xfd).u32(code).u32(align).u32(offset).byte(lane);
    this.ops++;
    this.latency += 4;
    return this;
  }

  /** `v128.load` from the address in the i32 local `ptr` plus `offset`. */
  load(ptr: number, offset: number): this {
    this.get(ptr);
    this.w.byte(0xfd).u32(SIMD.v128_load).u32(4).u32(offset);
    this.ops++;
    this.latency += 4;
    return this;
  }
}

/** A local index of 5 bytes (padded LEB128), patched by `emit`. */
const PLACEHOLDER = new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x00]);

/** Issue slots per cycle assumed by the scheduler. */
const WIDTH = 2;

/**
 * The statements in a new order that keeps every dependency and interleaves independent
 * chains (see the header). Statements without a result (stores) keep their order among
 * themselves.
 * @example schedule(builder.stmts).map((s) => [s.start, s.end])
 */
export function schedule(stmts: readonly Stmt[]): Stmt[] {
  const n = stmts.length;
  const preds: number[][] = stmts.map(() => []);
  const succs: number[][] = stmts.map(() => []);
  const dense = new Map<number, number>();
  const id = (l: number): number => {
    let d = dense.get(l);
    if (d === undefined) dense.set(l, (d = dense.size));
    return d;
  };
  const defs = stmts.map((st) => (st.def >= 0 ? id(st.def) : -1));
  const uses = stmts.map((st) => st.uses.map(id));
  const locals = dense.size;
  const lastDef = new Int32Array(locals).fill(-1);
  const readsSinceDef: number[][] = Array.from({ length: locals }, () => []);
  let lastEffect = -1;
  const edge = (a: number, b: number): void => {
    preds[b]!.push(a);
    succs[a]!.push(b);
  };
  stmts.forEach((_, i) => {
    for (const u of uses[i]!) {
      const d = lastDef[u]!;
      if (d >= 0) edge(d, i);
      readsSinceDef[u]!.push(i);
    }
    const def = defs[i]!;
    if (def >= 0) {
      const d = lastDef[def]!;
      if (d >= 0) edge(d, i);
      for (const r of readsSinceDef[def]!) if (r !== i) edge(r, i);
      readsSinceDef[def] = [];
      lastDef[def] = i;
    } else {
      if (lastEffect >= 0) edge(lastEffect, i);
      lastEffect = i;
    }
  });
  // Longest latency path from each statement to the end.
  const rank = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let best = 0;
    for (const s of succs[i]!) if (rank[s]! > best) best = rank[s]!;
    rank[i] = best + stmts[i]!.latency;
  }
  const waiting = preds.map((p) => p.length);
  const readyAt = new Float64Array(n);
  // Statements whose inputs are done: `pending` by the time they may start, `available`
  // (may start now) by the length of their path to the end.
  const pending = new Heap((a, b) => readyAt[a]! < readyAt[b]! || (readyAt[a] === readyAt[b] && a < b));
  const available = new Heap((a, b) => rank[a]! > rank[b]! || (rank[a] === rank[b] && a < b));
  for (let i = 0; i < n; i++) if (waiting[i] === 0) available.push(i);
  const out: Stmt[] = [];
  let clock = 0;
  while (available.size > 0 || pending.size > 0) {
    if (available.size === 0) clock = Math.max(clock, readyAt[pending.peek()]!);
    while (pending.size > 0 && readyAt[pending.peek()]! <= clock) available.push(pending.pop());
    const i = available.pop();
    const s = stmts[i]!;
    out.push(s);
    const start = clock;
    clock += s.ops / WIDTH;
    const done = start + s.latency;
    for (const j of succs[i]!) {
      if (readyAt[j]! < done) readyAt[j] = done;
      if (--waiting[j]! === 0) pending.push(j);
    }
  }
  if (out.length !== n) throw new Error('schedule: dependency cycle');
  return out;
}

/** A binary heap of statement indices; `before(a, b)` says a comes out first. */
class Heap {
  private readonly items: number[] = [];
  constructor(private readonly before: (a: number, b: number) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): number {
    return this.items[0]!;
  }

  push(x: number): void {
    const a = this.items;
    let i = a.length;
    a.push(x);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }

  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < a.length && this.before(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}
