/**
 * The WebAssembly emitter: LEB128 and float encodings (table of cases), modules built with
 * `ModuleBuilder` and run by the engine, and the statement scheduler (it keeps every
 * dependency: a random program computes the same values in the scheduled order).
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { ByteWriter } from '../src/codegen/wasm/encoder.js';
import { Body, ModuleBuilder } from '../src/codegen/wasm/module.js';
import { OP, SIMD, T } from '../src/codegen/wasm/opcodes.js';
import { StmtBuilder, schedule } from '../src/codegen/wasm/schedule.js';
import { enableRelaxedSimd } from './support/relaxed-simd.js';
import { wasmSimdSupported } from '../src/codegen/index.js';

const hex = (w: ByteWriter): string => Array.from(w.bytes(), (b) => b.toString(16).padStart(2, '0')).join(' ');

describe('encodings', () => {
  const u32: [number, string][] = [[0, '00'], [1, '01'], [127, '7f'], [128, '80 01'], [255, 'ff 01'], [624485, 'e5 8e 26'], [2 ** 32 - 1, 'ff ff ff ff 0f']];
  for (const [v, want] of u32) test(`u32 ${v}`, () => expect(hex(new ByteWriter().u32(v))).toBe(want));

  const s32: [number, string][] = [[0, '00'], [-1, '7f'], [63, '3f'], [64, 'c0 00'], [-64, '40'], [-65, 'bf 7f'], [-128, '80 7f'], [-123456, 'c0 bb 78'], [2 ** 31 - 1, 'ff ff ff ff 07'], [-(2 ** 31), '80 80 80 80 78']];
  for (const [v, want] of s32) test(`s32 ${v}`, () => expect(hex(new ByteWriter().s32(v))).toBe(want));

  test('s64, f64, names', () => {
    expect(hex(new ByteWriter().s64(-(2n ** 63n)))).toBe('80 80 80 80 80 80 80 80 80 7f');
    expect(hex(new ByteWriter().f64(1))).toBe('00 00 00 00 00 00 f0 3f');
    expect(hex(new ByteWriter().name('α'))).toBe('02 ce b1');
  });

  test('out-of-range integers are refused', () => {
    expect(() => new ByteWriter().u32(-1)).toThrow(RangeError);
    expect(() => new ByteWriter().u32(2 ** 32)).toThrow(RangeError);
    expect(() => new ByteWriter().s32(2 ** 31)).toThrow(RangeError);
  });

  test('the writer grows', () => {
    const w = new ByteWriter(2);
    for (let i = 0; i < 1000; i++) w.byte(i);
    expect(w.length).toBe(1000);
    expect(w.bytes()[999]).toBe(999 & 0xff);
  });
});

describe('modules', () => {
  test('the example of module.ts', () => {
    const m = new ModuleBuilder();
    const f = m.declare([T.f64], [T.f64]);
    const b = new Body([T.f64]);
    b.get(0).get(0).op(OP.f64_mul);
    m.define(f, b);
    m.exportFunction('square', f);
    const ex = new WebAssembly.Instance(new WebAssembly.Module(m.bytes())).exports as { square: (x: number) => number };
    expect(ex.square(3)).toBe(9);
  });

  test('imports, locals, loops, memory and multi-value results', () => {
    const m = new ModuleBuilder();
    const sin = m.importFunction('m', 'sin', [T.f64], [T.f64]);
    // sum(n): sum of sin(i) for i < n; pair(x): [x + 1, x * 2]; fill(n): memory[i] = i
    const sum = m.declare([T.i32], [T.f64]);
    const pair = m.declare([T.f64], [T.f64, T.f64]);
    const fill = m.declare([T.i32], []);
    {
      const b = new Body([T.i32]);
      const i = b.local(T.i32), acc = b.local(T.f64);
      b.begin(OP.block).get(0).op(OP.i32_eqz).brIf(0).begin(OP.loop);
      b.get(acc).get(i).op(OP.f64_convert_i32_u).call(sin).op(OP.f64_add).set(acc);
      b.get(i).i32(1).op(OP.i32_add).tee(i).get(0).op(OP.i32_lt_u).brIf(0);
      b.end().end().get(acc);
      m.define(sum, b);
    }
    {
      const b = new Body([T.f64]);
      b.get(0).f64(1).op(OP.f64_add).get(0).f64(2).op(OP.f64_mul);
      m.define(pair, b);
    }
    {
      const b = new Body([T.i32]);
      const i = b.local(T.i32);
      b.begin(OP.loop).get(i).i32(3).op(OP.i32_shl).get(i).op(OP.f64_convert_i32_u).mem(OP.f64_store, 3, 0);
      b.get(i).i32(1).op(OP.i32_add).tee(i).get(0).op(OP.i32_lt_u).brIf(0).end();
      m.define(fill, b);
    }
    m.exportFunction('sum', sum);
    m.exportFunction('pair', pair);
    m.exportFunction('fill', fill);
    m.memory(1, 'memory');
    const ex = new WebAssembly.Instance(new WebAssembly.Module(m.bytes()), { m: { sin: Math.sin } }).exports as {
      sum: (n: number) => number; pair: (x: number) => number[]; fill: (n: number) => void; memory: WebAssembly.Memory;
    };
    let want = 0;
    for (let i = 0; i < 10; i++) want += Math.sin(i);
    expect(ex.sum(10)).toBe(want);
    expect(ex.pair(3)).toEqual([4, 6]);
    ex.fill(5);
    expect(Array.from(new Float64Array(ex.memory.buffer, 0, 5))).toEqual([0, 1, 2, 3, 4]);
  });

  test('a function declared but not defined is an error; imports come first', () => {
    const m = new ModuleBuilder();
    m.declare([], []);
    expect(() => m.bytes()).toThrow(/declared but not defined/);
    expect(() => m.importFunction('m', 'f', [], [])).toThrow(/imports must precede/);
  });

  test('SIMD: hoisted constants and lane operations', () => {
    expect(wasmSimdSupported()).toBe(true);
    const m = new ModuleBuilder();
    const f = m.declare([T.f64, T.f64], [T.f64]);
    const b = new Body([T.f64, T.f64]);
    // (x, y) * (2, 3) + (1, 1), then lane 0 + lane 1
    const v = b.local(T.v128);
    b.get(0).simd(SIMD.f64x2_splat).get(1).lane(SIMD.f64x2_replace_lane, 1);
    b.get(b.f64x2Local(2, 3)).simd(SIMD.f64x2_mul).get(b.f64x2Local(1)).simd(SIMD.f64x2_add).set(v);
    b.get(v).lane(SIMD.f64x2_extract_lane, 0).get(v).lane(SIMD.f64x2_extract_lane, 1).op(OP.f64_add);
    expect(b.f64x2Local(2, 3)).toBe(b.f64x2Local(2, 3));
    m.define(f, b);
    m.exportFunction('f', f);
    const ex = new WebAssembly.Instance(new WebAssembly.Module(m.bytes())).exports as { f: (x: number, y: number) => number };
    expect(ex.f(10, 100)).toBe(21 + 301);
  });
});

describe('multiply-adds of StmtBuilder', () => {
  const relaxed = enableRelaxedSimd();

  /** A function of x returning (3x + 1, 1 - 3x, 1 + 2x + 3x^2) through `madd`, `nmadd` and `poly`. */
  function build(fma: boolean): Uint8Array {
    const m = new ModuleBuilder();
    const f = m.declare([T.f64], [T.f64, T.f64, T.f64]);
    const b = new Body([T.f64]);
    const s = new StmtBuilder(b, fma);
    const x = s.local(), u = s.local(), v = s.local(), w = s.local();
    s.get(0).simd(SIMD.f64x2_splat).set(x);
    s.madd(x, [3], [1]).set(u);
    s.nmadd(x, [3], [1]).set(v);
    s.poly(x, [1, 2, 3]).set(w);
    const live = s.emit([u, v, w]);
    for (const l of [u, v, w]) b.get(live.get(l)!).lane(SIMD.f64x2_extract_lane, 0);
    m.define(f, b);
    m.exportFunction('f', f);
    return m.bytes();
  }

  function run(bytes: Uint8Array, x: number): number[] {
    return (new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as { f: (x: number) => number[] }).f(x);
  }

  /** Whether the code has `f64x2.relaxed_madd` or `relaxed_nmadd` (0xfd, then 0x107 or 0x108 as LEB128). */
  function fused(bytes: Uint8Array): boolean {
    return bytes.some((byte, i) => byte === 0xfd && (bytes[i + 1] === 0x87 || bytes[i + 1] === 0x88) && bytes[i + 2] === 0x02);
  }

  test('without fma: a multiplication and an addition', () => {
    const bytes = build(false);
    expect(fused(bytes)).toBe(false);
    expect(run(bytes, 2)).toEqual([7, -5, 17]);
  });
  test.runIf(relaxed)('with fma: relaxed_madd and relaxed_nmadd, the same values', () => {
    const bytes = build(true);
    expect(fused(bytes)).toBe(true);
    expect(run(bytes, 2)).toEqual([7, -5, 17]);
    // One rounding instead of two: 3 fl(1/3) is 1 - 2^-54, which a product alone rounds to 1.
    expect(run(bytes, 1 / 3)[1]).toBe(2 ** -54);
    expect(run(build(false), 1 / 3)[1]).toBe(0);
  });
});

describe('the statement scheduler keeps every dependency', () => {
  /**
   * A random straight-line program over a few v128 locals (reused, so the scheduler must
   * respect reads after writes, writes after reads and writes after writes), run in the
   * original and in the scheduled order: the same results.
   */
  const program = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.constantFrom('add', 'mul', 'sub')), { minLength: 1, maxLength: 40 });

  function run(stmts: [number, number, number, string][], scheduled: boolean): number[] {
    const m = new ModuleBuilder();
    const f = m.declare([], new Array(6).fill(T.f64));
    const b = new Body([]);
    const s = new StmtBuilder(b);
    const locals = Array.from({ length: 6 }, () => s.local());
    locals.forEach((l, i) => s.k(i + 1.5).set(l));
    for (const [dst, a, c, op] of stmts) {
      s.get(locals[a]!).get(locals[c]!);
      if (op === 'add') s.add();
      else if (op === 'mul') s.mul();
      else s.sub();
      s.set(locals[dst]!);
    }
    const live = s.emit(locals, scheduled);
    for (const l of locals) b.get(live.get(l)!).lane(SIMD.f64x2_extract_lane, 0);
    m.define(f, b);
    m.exportFunction('f', f);
    const ex = new WebAssembly.Instance(new WebAssembly.Module(m.bytes())).exports as { f: () => number[] };
    return ex.f();
  }

  test('random programs', () => {
    fc.assert(fc.property(program, (p) => {
      expect(run(p, true)).toEqual(run(p, false));
    }), { seed: 5, numRuns: 150 });
  });

  test('independent chains are interleaved', () => {
    const b = new Body([]);
    const s = new StmtBuilder(b);
    const [a, c] = [s.local(), s.local()];
    for (const l of [a, c]) {
      s.k(1).set(l);
      for (let i = 0; i < 5; i++) s.get(l).get(l).mul().set(l);
    }
    const order = schedule(s.stmts).map((st) => s.stmts.indexOf(st));
    // The two chains (statements 0-5 and 6-11) alternate instead of running one after the other.
    expect(order.slice(0, 4).some((i) => i >= 6)).toBe(true);
    expect(order.filter((i) => i < 6)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
