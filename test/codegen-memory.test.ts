/**
 * Arrays in a kernel's memory: `kernel.alloc(n)` and batches that use such arrays in place
 * (the same values as batches over ordinary arrays, in place when the output is an input,
 * copies when arrays overlap otherwise), growth of the memory (earlier arrays detached, their
 * data kept and reachable again through the `KernelArrays` object), freeing and reuse, and the
 * heap of `wasm/memory.ts` on its own.
 */
import { describe, expect, test } from 'vitest';
import { parse, EquateError } from '../src/index.js';
import { compile, type Kernel } from '../src/codegen/index.js';
import { KernelMemory } from '../src/codegen/wasm/memory.js';

const TARGETS = [
  { name: 'js', opts: { target: 'js' } },
  { name: 'wasm', opts: { target: 'wasm', simd: false } },
  { name: 'wasm simd', opts: { target: 'wasm', simd: true } },
] as const;

/** Seeded points with special values mixed in (they take the scalar path of the SIMD loop). */
function points(n: number, seed: number, specials = true): number[] {
  let s = seed >>> 0;
  const rnd = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
  const odd = [NaN, Infinity, -Infinity, 0, -0, 1e300, -800, 2e6, 5e-324];
  return Array.from({ length: n }, () => (specials && rnd() < 0.05 ? odd[Math.floor(rnd() * odd.length)]! : 6 * rnd() - 3));
}

function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!(Object.is(a[i], b[i]) || (Number.isNaN(a[i]) && Number.isNaN(b[i])))) return false;
  return true;
}

const ONE = parse('sin(x)*cos(y) + x^2*y - exp(x/(1 + y))');
const TWO = [parse('sin(x) + log(y)'), parse('exp(x)*tan(y)')];

describe('the examples', () => {
  test('kernel.ts', () => {
    const w = compile(parse('sin(x)*cos(y)'), { args: ['x', 'y'], target: 'wasm' });
    const a = w.alloc(1_000_000);
    a.inputs[0]!.fill(0.5);
    a.inputs[1]!.fill(2);
    w.batch(a.inputs, a.output);
    expect(a.output[999_999]).toBeCloseTo(Math.sin(0.5) * Math.cos(2), 14);
    a.free();
  });

  test('wasm/memory.ts', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const heap = new KernelMemory(memory, 1024);
    const at = heap.alloc(8000);
    new Float64Array(heap.buffer, at, 1000).fill(1);
    expect(heap.view[at / 8 + 999]).toBe(1);
    heap.free(at);
    expect(heap.allocated).toBe(0);
  });
});

describe('batches over arrays from alloc', () => {
  for (const { name, opts } of TARGETS) {
    test(`${name}: the same values as over ordinary arrays, one and two outputs, any length`, () => {
      for (const [terms, m] of [[ONE, 1], [TWO, 2]] as const) {
        const k = compile(terms as never, { args: ['x', 'y'], ...opts }) as Kernel<unknown>;
        for (const n of [0, 1, 3, 4, 5, 15, 16, 17, 64, 1001]) {
          const xs = Float64Array.from(points(n, n + 1)), ys = Float64Array.from(points(n, n + 7));
          const want = k.batch([xs, ys]);
          const a = k.alloc(n);
          expect(a.n).toBe(n);
          expect(a.inputs.length).toBe(2);
          expect(a.output.length).toBe(n * m);
          a.inputs[0]!.set(xs);
          a.inputs[1]!.set(ys);
          expect(k.batch(a.inputs, a.output)).toBe(a.output);
          expect(same(a.output, want), `${name}, ${m} outputs, n = ${n}`).toBe(true);
          a.free();
        }
      }
    });
  }

  test('WebAssembly arrays live in the kernel memory, JS arrays are ordinary', () => {
    const w = compile(ONE, { args: ['x', 'y'], target: 'wasm' });
    const a = w.alloc(10);
    expect(a.inputs[0]!.buffer).toBe(a.output.buffer);
    expect(a.inputs[1]!.buffer).toBe(a.output.buffer);
    expect(a.inputs[0]!.byteOffset % 16).toBe(0);
    const j = compile(ONE, { args: ['x', 'y'] });
    const b = j.alloc(10);
    expect(b.inputs[0]!.buffer).not.toBe(b.output.buffer);
  });

  for (const simd of [true, false]) {
    test(`in place: the output may be an input of a one-output kernel (simd ${simd})`, () => {
      const k = compile(ONE, { args: ['x', 'y'], target: 'wasm', simd });
      const n = 1003;
      const xs = Float64Array.from(points(n, 3)), ys = Float64Array.from(points(n, 4));
      const want = k.batch([xs, ys]);
      for (const j of [0, 1]) {
        const a = k.alloc(n);
        a.inputs[0]!.set(xs);
        a.inputs[1]!.set(ys);
        k.batch(a.inputs, a.inputs[j]);
        expect(same(a.inputs[j]!, want)).toBe(true);
        a.free();
      }
    });
  }

  test('some arrays in memory, others not; views of part of an array', () => {
    const k = compile(ONE, { args: ['x', 'y'], target: 'wasm' });
    const n = 5000;
    const xs = Float64Array.from(points(n, 11)), ys = Float64Array.from(points(n, 12));
    const want = k.batch([xs, ys]);
    const a = k.alloc(n);
    a.inputs[0]!.set(xs);
    a.inputs[1]!.set(ys);
    expect(same(k.batch([a.inputs[0]!, ys]), want)).toBe(true);
    const out = k.batch([xs, a.inputs[1]!], a.output);
    expect(out).toBe(a.output);
    expect(same(out, want)).toBe(true);
    a.output.fill(0);
    const part = k.batch([a.inputs[0]!.subarray(100, 4100), a.inputs[1]!.subarray(100, 4100)], a.output.subarray(7, 4007));
    expect(same(part, want.subarray(100, 4100))).toBe(true);
    a.free();
  });

  test('an output overlapping an input otherwise is computed as over ordinary arrays (chunk by chunk)', () => {
    const k = compile(TWO, { args: ['x', 'y'], target: 'wasm' });
    const n = 9000;
    const xs = points(n, 21, false), ys = points(n, 22, false).map(Math.abs);
    // The same layout twice: in a plain buffer and in the kernel's memory.
    const layout = (buffer: ArrayBuffer, at: number): [Float64Array[], Float64Array] => {
      const x = new Float64Array(buffer, at, n), y = new Float64Array(buffer, at + 8 * n, n);
      x.set(xs);
      y.set(ys);
      return [[x, y], new Float64Array(buffer, at + 8 * 1000, 2 * n)];
    };
    const [plainIn, plainOut] = layout(new ArrayBuffer(8 * 4 * n), 0);
    const want = Array.from(k.batch(plainIn, plainOut));
    const a = k.alloc(2 * n);
    const [memIn, memOut] = layout(a.output.buffer as ArrayBuffer, a.inputs[0]!.byteOffset);
    expect(Array.from(k.batch(memIn, memOut))).toEqual(want);
    a.free();
  });

  test('growing the memory detaches earlier arrays; the object gives fresh views of the same data', () => {
    const k = compile(ONE, { args: ['x', 'y'], target: 'wasm' });
    const a = k.alloc(100);
    const early = a.inputs[0]!;
    a.inputs[0]!.fill(0.25);
    a.inputs[1]!.fill(0.5);
    const big = k.alloc(2_000_000);
    expect(early.length).toBe(0);
    expect(a.inputs[0]!.length).toBe(100);
    expect(a.inputs[0]![99]).toBe(0.25);
    k.batch(a.inputs, a.output);
    expect(a.output[42]).toBe(k(0.25, 0.5));
    big.inputs[0]!.fill(1);
    big.inputs[1]!.fill(2);
    k.batch(big.inputs, big.output);
    expect(big.output[1_999_999]).toBe(k(1, 2));
    big.free();
    a.free();
  });

  test('freeing: arrays gone, double free harmless, memory reused', () => {
    const k = compile(ONE, { args: ['x', 'y'], target: 'wasm' });
    const a = k.alloc(1000);
    const at = a.inputs[0]!.byteOffset;
    a.free();
    a.free();
    expect(() => a.inputs).toThrow(EquateError);
    expect(() => a.output).toThrow(/freed/);
    const b = k.alloc(1000);
    expect(b.inputs[0]!.byteOffset).toBe(at);
    b.free();
  });

  test("views of the kernel's own part of its memory are refused", () => {
    const k = compile(ONE, { args: ['x', 'y'], target: 'wasm' });
    const a = k.alloc(100);
    const own = new Float64Array(a.output.buffer, 0, 100);
    expect(() => k.batch([own, a.inputs[1]!], a.output)).toThrow(/must come from its alloc/);
    expect(() => k.batch(a.inputs, own)).toThrow(EquateError);
    a.free();
  });

  test('the number of points is checked', () => {
    const k = compile(ONE, { args: ['x', 'y'], target: 'wasm' });
    for (const bad of [-1, 1.5, NaN, Infinity, '3', 2 ** 53]) {
      expect(() => k.alloc(bad as number)).toThrow(EquateError);
    }
    expect(() => k.alloc(2 ** 31)).toThrow(/4 GiB/);
    expect(() => compile(ONE, { args: ['x', 'y'] }).alloc(-2)).toThrow(EquateError);
  });

  test('kernels without arguments and with constant outputs', () => {
    const k = compile([parse('2'), parse('3')], { args: [], target: 'wasm' });
    const a = k.alloc(20);
    expect(a.inputs.length).toBe(0);
    expect(Array.from(k.batch(a.inputs, a.output))).toEqual(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 2 : 3)));
  });
});

describe('the heap', () => {
  const heap = (pages: number, start: number): KernelMemory => new KernelMemory(new WebAssembly.Memory({ initial: pages }), start);

  test('blocks are aligned, disjoint, and start above the scratch area', () => {
    const h = heap(1, 1000);
    const blocks = [1, 8, 100, 16, 3000].map((bytes) => ({ at: h.alloc(bytes), bytes }));
    for (const b of blocks) {
      expect(b.at % 16).toBe(0);
      expect(b.at).toBeGreaterThanOrEqual(1000);
    }
    const sorted = [...blocks].sort((x, y) => x.at - y.at);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.at).toBeGreaterThanOrEqual(sorted[i - 1]!.at + sorted[i - 1]!.bytes);
  });

  test('freed neighbours merge, so a larger block fits where smaller ones were', () => {
    const h = heap(1, 0);
    const a = h.alloc(1024), b = h.alloc(1024), c = h.alloc(1024);
    h.alloc(1024);
    h.free(b);
    h.free(a);
    h.free(c);
    expect(h.alloc(3072)).toBe(a);
    h.free(12345);
    expect(h.allocated).toBe(4096);
  });

  test('growth keeps the data and replaces the buffer', () => {
    const h = heap(1, 0);
    const a = h.alloc(60000);
    const old = h.view;
    old[10] = 7;
    const b = h.alloc(200000);
    expect(old.length).toBe(0);
    expect(h.view[10]).toBe(7);
    expect(b).toBeGreaterThanOrEqual(a + 60000);
    expect(h.buffer.byteLength).toBeGreaterThanOrEqual(b + 200000);
  });

  test('a free range at the end is extended rather than skipped', () => {
    const h = heap(1, 0);
    const a = h.alloc(65536 - 1024);
    const b = h.alloc(4096);
    expect(b).toBe(a + 65536 - 1024);
    expect(h.buffer.byteLength).toBe(2 * 65536);
  });
});
