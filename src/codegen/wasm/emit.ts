/**
 * The WebAssembly back end: IR to a module with
 * - `k(x0, x1, ...)`: the scalar kernel (one f64 result per output, multi-value for several);
 * - `batch(start, end)`: the scalar loop over points `start .. end` of the chunk in memory;
 * - `simd(n)`: the loop over the first n points of the chunk, four at a time (two f64x2
 *   pairs): one straight-line block of statements, scheduled (`schedule.ts`), with exp, log,
 *   sin, cos and tan vectorised (`simd-math.ts`) and other functions called lane by lane
 *   through their scalar imports. A block where a vectorised function was outside its fast
 *   range, and the last points, are computed by `batch`;
 * - `memory`: one chunk of `chunk` points per argument, then the outputs of the chunk,
 *   interleaved (output j of point i at `out[i*m + j]`).
 *
 * `Math` functions are imported from JS (module "m", by their `Math` names) for the scalar
 * paths; operators without a native form through their float functions (module "e").
 *
 * @example
 * const mod = emitWasm(lowerWith(termOps, [parse('sin(x)*y')], ['x', 'y']), { simd: true });
 * mod.layout.chunk // points per chunk
 */
import { K, MATH, type Instr, type Program } from '../ir.js';
import { Body, ModuleBuilder } from './module.js';
import { OP, SIMD, T, type ValType } from './opcodes.js';
import { emitSimdMath, laneCall, SIMD_MATH, type SimdMathName } from './simd-math.js';
import { StmtBuilder } from './schedule.js';

export interface WasmLayout {
  /** Points per chunk. */
  chunk: number;
  /** Byte offset of input j: `j * chunk * 8`; of the outputs: `outBase`. */
  outBase: number;
}

export interface WasmModuleParts {
  bytes: Uint8Array;
  layout: WasmLayout;
  /** Import object for `new WebAssembly.Instance`: module name, then field name. */
  imports: Record<string, Record<string, (...xs: number[]) => number>>;
}

/** The points per chunk for `slots` arrays (inputs plus outputs): at most 512 KiB of memory. */
function chunkSize(slots: number): number {
  const c = Math.floor((1 << 19) / (slots * 8));
  return Math.max(16, Math.min(4096, c & ~1));
}

const F64_OPS: Partial<Record<number, number>> = {
  [K.ADD]: OP.f64_add, [K.SUB]: OP.f64_sub, [K.MUL]: OP.f64_mul, [K.DIV]: OP.f64_div,
  [K.NEG]: OP.f64_neg, [K.SQRT]: OP.f64_sqrt, [K.ABS]: OP.f64_abs,
};
const F64X2_OPS: Partial<Record<number, number>> = {
  [K.ADD]: SIMD.f64x2_add, [K.SUB]: SIMD.f64x2_sub, [K.MUL]: SIMD.f64x2_mul, [K.DIV]: SIMD.f64x2_div,
  [K.NEG]: SIMD.f64x2_neg, [K.SQRT]: SIMD.f64x2_sqrt, [K.ABS]: SIMD.f64x2_abs,
};
const F64_CMP = [OP.f64_lt, OP.f64_le, OP.f64_gt, OP.f64_ge, OP.f64_eq, OP.f64_ne];
const F64X2_CMP = [SIMD.f64x2_lt, SIMD.f64x2_le, SIMD.f64x2_gt, SIMD.f64x2_ge, SIMD.f64x2_eq, SIMD.f64x2_ne];

/**
 * Emits the values of `p` into `b` as f64 locals: `arg(j)` is the local holding argument j;
 * returns the local of every value (-1 for constants). A value's local is reused once its
 * last reader has run (outputs stay).
 */
function emitScalarValues(b: Body, p: Program, arg: (j: number) => number, mathImport: (fn: number) => number, externImport: (i: number) => number): number[] {
  const local = new Array<number>(p.instrs.length).fill(-1);
  const lastUse = new Array<number>(p.instrs.length).fill(-1);
  p.instrs.forEach((i, v) => {
    for (const a of i.args) lastUse[a] = v;
  });
  for (const o of p.outputs) lastUse[o] = Infinity;
  const dying: number[][] = p.instrs.map(() => []);
  lastUse.forEach((u, v) => {
    if (u >= 0 && u !== Infinity && p.instrs[v]!.kind !== K.ARG) dying[u]!.push(v);
  });
  const free: number[] = [];
  const push = (v: number): void => {
    const i = p.instrs[v]!;
    if (i.kind === K.CONST) b.f64(i.value);
    else b.get(local[v]!);
  };
  p.instrs.forEach((i: Instr, v) => {
    if (i.kind === K.CONST) return;
    if (i.kind === K.ARG) {
      local[v] = arg(i.fn);
      return;
    }
    for (const a of i.args) push(a);
    const simple = F64_OPS[i.kind];
    if (simple !== undefined) b.op(simple);
    else if (i.kind === K.CMP) b.op(F64_CMP[i.fn]!).op(OP.f64_convert_i32_u);
    else if (i.kind === K.MATH) b.call(mathImport(i.fn));
    else if (i.kind === K.EXTERN) b.call(externImport(i.fn));
    else throw new RangeError(`unknown instruction kind ${i.kind}`);
    for (const d of dying[v]!) if (local[d]! >= 0) free.push(local[d]!);
    local[v] = free.length > 0 ? free.pop()! : b.local(T.f64);
    b.set(local[v]!);
  });
  return local;
}

/**
 * Emits the values of `p` on two points as statements of `s` (v128 locals): exp, log, sin,
 * cos and tan vectorised, other functions lane by lane. Returns the local of every value and
 * the masks of lanes the vectorised functions got right.
 */
function emitSimdValues(s: StmtBuilder, p: Program, args: readonly number[], mathImport: (fn: number) => number, externImport: (i: number) => number): { local: number[]; oks: number[] } {
  const local = new Array<number>(p.instrs.length).fill(-1);
  const oks: number[] = [];
  const ref = (v: number): number => {
    const i = p.instrs[v]!;
    return i.kind === K.CONST ? s.body.f64x2Local(i.value) : local[v]!;
  };
  p.instrs.forEach((i: Instr, v) => {
    if (i.kind === K.CONST) return;
    if (i.kind === K.ARG) {
      local[v] = args[i.fn]!;
      return;
    }
    if (i.kind === K.MATH && SIMD_MATH.includes(MATH[i.fn] as SimdMathName)) {
      const r = emitSimdMath(s, MATH[i.fn] as SimdMathName, ref(i.args[0]!));
      local[v] = r.value;
      oks.push(r.ok);
      return;
    }
    if (i.kind === K.MATH || i.kind === K.EXTERN) {
      local[v] = laneCall(s, i.kind === K.MATH ? mathImport(i.fn) : externImport(i.fn), i.args.map(ref));
      return;
    }
    for (const a of i.args) s.get(ref(a));
    const simple = F64X2_OPS[i.kind];
    if (simple !== undefined) s.simd(simple);
    else if (i.kind === K.CMP) s.simd(F64X2_CMP[i.fn]!).k(1).simd(SIMD.v128_and);
    else throw new RangeError(`unknown instruction kind ${i.kind}`);
    local[v] = s.local();
    s.set(local[v]!);
  });
  return { local, oks };
}

/** Pairs of points per iteration of the SIMD loop (independent chains for the scheduler). */
const UNROLL = 2;

/**
 * Emits the module of `p`; `simd` adds the f64x2 loop.
 * @example new WebAssembly.Module(emitWasm(p, { simd: false }).bytes)
 */
export function emitWasm(p: Program, opts: { simd: boolean }): WasmModuleParts {
  const arity = p.arity, m = p.outputs.length;
  const chunk = chunkSize(arity + m);
  const outBase = arity * chunk * 8;
  const mod = new ModuleBuilder();

  // Imports: the Math functions and externs the program calls.
  const mathFns = new Map<number, number>();
  const externFns = new Map<number, number>();
  const mathImports: Record<string, (...xs: number[]) => number> = {};
  const externImports: Record<string, (...xs: number[]) => number> = {};
  for (const i of p.instrs) {
    const f64s = (n: number): ValType[] => new Array<ValType>(n).fill(T.f64);
    if (i.kind === K.MATH && !mathFns.has(i.fn)) {
      const name = MATH[i.fn]!;
      mathFns.set(i.fn, mod.importFunction('m', name, f64s(i.args.length), [T.f64]));
      mathImports[name] = Math[name];
    } else if (i.kind === K.EXTERN && !externFns.has(i.fn)) {
      externFns.set(i.fn, mod.importFunction('e', String(i.fn), f64s(i.args.length), [T.f64]));
      externImports[String(i.fn)] = p.externs[i.fn]!.float!;
    }
  }
  const mathImport = (fn: number): number => mathFns.get(fn)!;
  const externImport = (i: number): number => externFns.get(i)!;

  const f64Params = new Array<ValType>(arity).fill(T.f64);
  const kIndex = mod.declare(f64Params, new Array<ValType>(m).fill(T.f64));
  const batchIndex = mod.declare([T.i32, T.i32], []);
  const simdIndex = opts.simd ? mod.declare([T.i32], []) : -1;

  // k(x0, x1, ...)
  {
    const b = new Body(f64Params);
    const local = emitScalarValues(b, p, (j) => j, mathImport, externImport);
    for (const o of p.outputs) {
      const i = p.instrs[o]!;
      if (i.kind === K.CONST) b.f64(i.value);
      else b.get(local[o]!);
    }
    mod.define(kIndex, b);
  }

  // batch(start, end): byte offset p = i*8 runs from start*8 to end*8.
  {
    const b = new Body([T.i32, T.i32]);
    const ptr = 0, end = 1;
    const q = m > 1 ? b.local(T.i32) : ptr;
    const args = Array.from({ length: arity }, () => b.local(T.f64));
    b.get(ptr).i32(3).op(OP.i32_shl).set(ptr);
    b.get(end).i32(3).op(OP.i32_shl).set(end);
    b.begin(OP.block).get(ptr).get(end).op(OP.i32_ge_u).brIf(0);
    b.begin(OP.loop);
    args.forEach((l, j) => b.get(ptr).mem(OP.f64_load, 3, j * chunk * 8).set(l));
    const local = emitScalarValues(b, p, (j) => args[j]!, mathImport, externImport);
    if (m > 1) b.get(ptr).i32(m).op(OP.i32_mul).set(q);
    p.outputs.forEach((o, j) => {
      b.get(q);
      const i = p.instrs[o]!;
      if (i.kind === K.CONST) b.f64(i.value);
      else b.get(local[o]!);
      b.mem(OP.f64_store, 3, outBase + j * 8);
    });
    b.get(ptr).i32(8).op(OP.i32_add).tee(ptr).get(end).op(OP.i32_lt_u).brIf(0);
    b.end().end();
    mod.define(batchIndex, b);
  }

  // simd(n): 2*UNROLL points per iteration, scheduled as one block; a block where a
  // vectorised function left its fast range is recomputed by `batch`, as are the last points.
  if (opts.simd) {
    const b = new Body([T.i32]);
    const n = 0;
    const per = 2 * UNROLL;
    const ptr = b.local(T.i32), end = b.local(T.i32), at = b.local(T.i32);
    const q = m > 1 ? b.local(T.i32) : ptr;
    b.get(n).i32(-per).op(OP.i32_and).i32(3).op(OP.i32_shl).set(end);
    b.begin(OP.block).get(ptr).get(end).op(OP.i32_ge_u).brIf(0);
    b.begin(OP.loop);
    if (m > 1) b.get(ptr).i32(m).op(OP.i32_mul).set(q);
    const s = new StmtBuilder(b);
    const oks: number[] = [];
    for (let u = 0; u < UNROLL; u++) {
      const args = Array.from({ length: arity }, (_, j) => {
        const l = s.local();
        s.load(ptr, j * chunk * 8 + u * 16).set(l);
        return l;
      });
      const { local, oks: unitOks } = emitSimdValues(s, p, args, mathImport, externImport);
      oks.push(...unitOks);
      p.outputs.forEach((o, j) => {
        const i = p.instrs[o]!;
        const value = i.kind === K.CONST ? b.f64x2Local(i.value) : local[o]!;
        if (m === 1) {
          s.get(ptr).get(value).effect((w) => w.byte(0xfd).u32(SIMD.v128_store).u32(4).u32(outBase + u * 16));
        } else {
          for (const lane of [0, 1]) {
            s.get(q).get(value).effect((w) => {
              w.byte(0xfd).u32(SIMD.f64x2_extract_lane).byte(lane);
              w.byte(OP.f64_store).u32(3).u32(outBase + ((2 * u + lane) * m + j) * 8);
            });
          }
        }
      });
    }
    let ok = -1;
    for (const o of oks) {
      if (ok < 0) ok = o;
      else {
        const both = s.local();
        s.get(ok).get(o).simd(SIMD.v128_and).set(both);
        ok = both;
      }
    }
    const live = s.emit(ok >= 0 ? [ok] : []);
    if (ok >= 0) {
      // Any lane out of range: the whole block again, by the scalar loop.
      b.get(live.get(ok)!).simd(SIMD.i64x2_all_true).op(OP.i32_eqz).begin(OP.if);
      b.get(ptr).i32(3).op(OP.i32_shr_u).tee(at).get(at).i32(per).op(OP.i32_add).call(batchIndex);
      b.end();
    }
    b.get(ptr).i32(8 * per).op(OP.i32_add).tee(ptr).get(end).op(OP.i32_lt_u).brIf(0);
    b.end().end();
    // The last points (fewer than 2*UNROLL).
    b.get(end).i32(3).op(OP.i32_shr_u).tee(at).get(n).op(OP.i32_lt_u).begin(OP.if).get(at).get(n).call(batchIndex).end();
    mod.define(simdIndex, b);
    mod.exportFunction('simd', simdIndex);
  }

  mod.exportFunction('k', kIndex);
  mod.exportFunction('batch', batchIndex);
  const pages = Math.max(1, Math.ceil(((arity + m) * chunk * 8) / 65536));
  mod.memory(pages, 'memory');
  return { bytes: mod.bytes(), layout: { chunk, outBase }, imports: { m: mathImports, e: externImports } };
}
