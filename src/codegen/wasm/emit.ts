/**
 * The WebAssembly back end: IR to a module with
 * - `k(x0, x1, ...)`: the scalar kernel (one f64 result per output, multi-value for several);
 * - `batch(n, in0, ..., out)`: the scalar loop over n points, reading argument j from the
 *   byte address `in_j` onwards (8 bytes a point) and writing the m outputs of each point,
 *   interleaved, from the address `out` (output j of point i at `out + (i*m + j)*8`);
 * - `simd(n, in0, ..., out)`: the same with f64x2 SIMD, four points at a time (two f64x2
 *   pairs): one straight-line block of statements (`schedule.ts`) with exp, log, sin, cos and
 *   tan vectorised (`simd-math.ts`) and other functions called lane by lane through their
 *   scalar imports. A block where a vectorised function was outside its fast range, and the
 *   last points, are computed by `batch`;
 * - `memory`: the SIMD loop's constants (a data segment at address 0, after the table of
 *   `expTable` when the program has an exp), a scratch area of `chunk` points per argument
 *   and output (`layout`) through which batches copy ordinary arrays, and above it a heap
 *   for arrays that batches use in place (`memory.ts`).
 *
 * `Math` functions are imported from JS (module "m", by their `Math` names) for the scalar
 * paths; operators without a native form through their float functions (module "e").
 *
 * @example
 * const mod = emitWasm(lowerWith(termOps, [parse('sin(x)*y')], ['x', 'y']), { simd: true });
 * mod.layout.chunk // points per chunk of the scratch area
 */
import { K, MATH, type Instr, type Program } from '../ir.js';
import { Body, ModuleBuilder } from './module.js';
import { OP, SIMD, T, type ValType } from './opcodes.js';
import { emitSimdMath, EXP_TABLE_AT, EXP_TABLE_BYTES, expTable, laneCall, SIMD_MATH, type SimdMathName } from './simd-math.js';
import { StmtBuilder } from './schedule.js';

export interface WasmLayout {
  /** Points per chunk of the scratch area. */
  chunk: number;
  /** Byte address of the scratch area: input j of a chunk at `inBase + j * chunk * 8`. */
  inBase: number;
  /** Byte address of the outputs of a chunk (after the inputs). */
  outBase: number;
  /** End of the scratch area, where the heap begins. */
  end: number;
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
export function emitWasm(p: Program, opts: { simd: boolean; fma?: boolean }): WasmModuleParts {
  const arity = p.arity, m = p.outputs.length;
  const chunk = chunkSize(arity + m);
  let tableBytes = 0;
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
  // batch and simd: (n, address of input 0, ..., address of input arity-1, address of the output)
  const loopParams = new Array<ValType>(arity + 2).fill(T.i32);
  const batchIndex = mod.declare(loopParams, []);
  const simdIndex = opts.simd ? mod.declare(loopParams, []) : -1;
  const n = 0, inAt = (j: number): number => 1 + j, outAt = arity + 1;
  /** Advances the address parameters by `points` points. */
  const advance = (b: Body, points: number): void => {
    for (let j = 0; j < arity; j++) b.get(inAt(j)).i32(8 * points).op(OP.i32_add).set(inAt(j));
    b.get(outAt).i32(8 * points * m).op(OP.i32_add).set(outAt);
  };

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

  // batch(n, ...): one point per iteration.
  {
    const b = new Body(loopParams);
    const i = b.local(T.i32);
    const args = Array.from({ length: arity }, () => b.local(T.f64));
    b.begin(OP.block).get(n).op(OP.i32_eqz).brIf(0);
    b.begin(OP.loop);
    args.forEach((l, j) => b.get(inAt(j)).mem(OP.f64_load, 3, 0).set(l));
    const local = emitScalarValues(b, p, (j) => args[j]!, mathImport, externImport);
    p.outputs.forEach((o, j) => {
      b.get(outAt);
      const ins = p.instrs[o]!;
      if (ins.kind === K.CONST) b.f64(ins.value);
      else b.get(local[o]!);
      b.mem(OP.f64_store, 3, j * 8);
    });
    advance(b, 1);
    b.get(i).i32(1).op(OP.i32_add).tee(i).get(n).op(OP.i32_lt_u).brIf(0);
    b.end().end();
    mod.define(batchIndex, b);
  }

  // simd(n, ...): 2*UNROLL points per iteration as one block of statements. Where every
  // vectorised function was in its fast range the block's outputs are stored; otherwise the
  // loop exits to compute the block again with `batch` (the stores come after the check, so
  // an output array may be one of the inputs) and comes back: the call stays out of the hot
  // loop, whose addresses and counters the engine may then keep in registers. The last
  // points, fewer than 2*UNROLL, go to `batch` too.
  if (opts.simd) {
    const b = new Body(loopParams);
    // The exp table (when the program has an exp), then the constants.
    const expAt = p.instrs.some((i) => i.kind === K.MATH && MATH[i.fn] === 'exp') ? EXP_TABLE_AT + EXP_TABLE_BYTES : 0;
    b.constantsFrom(expAt);
    const per = 2 * UNROLL;
    const i = b.local(T.i32), blocks = b.local(T.i32);
    const s = new StmtBuilder(b, opts.fma === true);
    const oks: number[] = [];
    const outputs: number[][] = [];
    for (let u = 0; u < UNROLL; u++) {
      const args = Array.from({ length: arity }, (_, j) => {
        const l = s.local();
        s.load(inAt(j), u * 16).set(l);
        return l;
      });
      const { local, oks: unitOks } = emitSimdValues(s, p, args, mathImport, externImport);
      oks.push(...unitOks);
      outputs.push(p.outputs.map((o) => {
        const ins = p.instrs[o]!;
        return ins.kind === K.CONST ? b.f64x2Local(ins.value) : local[o]!;
      }));
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
    const checked = ok >= 0;
    const callBatch = (count: () => void): void => {
      count();
      for (let j = 0; j < arity; j++) b.get(inAt(j));
      b.get(outAt).call(batchIndex);
    };
    b.get(n).i32(-per).op(OP.i32_and).set(blocks);
    b.begin(OP.block); // exit
    if (checked) b.begin(OP.loop).get(i).get(blocks).op(OP.i32_ge_u).brIf(1).begin(OP.block); // again, fail
    else b.get(blocks).op(OP.i32_eqz).brIf(0);
    b.begin(OP.loop);
    const live = s.emit([...(checked ? [ok] : []), ...outputs.flat()]);
    const real = (l: number): number => live.get(l) ?? l;
    if (checked) b.get(real(ok)).simd(SIMD.i64x2_all_true).op(OP.i32_eqz).brIf(1);
    outputs.forEach((values, u) => values.forEach((v, j) => {
      if (m === 1) b.get(outAt).get(real(v)).simdMem(SIMD.v128_store, 4, u * 16);
      else {
        for (const lane of [0, 1]) b.get(outAt).get(real(v)).lane(SIMD.f64x2_extract_lane, lane).mem(OP.f64_store, 3, ((2 * u + lane) * m + j) * 8);
      }
    }));
    advance(b, per);
    b.get(i).i32(per).op(OP.i32_add).tee(i).get(blocks).op(OP.i32_lt_u).brIf(0);
    b.end(); // loop
    if (checked) {
      b.br(2).end(); // fail: some lane out of range, the block again by the scalar loop
      callBatch(() => b.i32(per));
      advance(b, per);
      b.get(i).i32(per).op(OP.i32_add).set(i).br(0).end(); // again
    }
    b.end(); // exit
    // The last points (the addresses have moved past the blocks).
    b.get(i).get(n).op(OP.i32_lt_u).begin(OP.if);
    callBatch(() => b.get(n).get(i).op(OP.i32_sub));
    b.end();
    mod.define(simdIndex, b);
    mod.exportFunction('simd', simdIndex);
    const table = b.constantTable();
    if (expAt > 0) mod.data(EXP_TABLE_AT, expTable());
    if (table.length > 0) mod.data(expAt, table);
    tableBytes = expAt + table.length;
  }

  mod.exportFunction('k', kIndex);
  mod.exportFunction('batch', batchIndex);
  const inBase = Math.ceil(tableBytes / 64) * 64;
  const outBase = inBase + arity * chunk * 8;
  const end = outBase + m * chunk * 8;
  mod.memory(Math.max(1, Math.ceil(end / 65536)), 'memory');
  return { bytes: mod.bytes(), layout: { chunk, inBase, outBase, end }, imports: { m: mathImports, e: externImports } };
}
