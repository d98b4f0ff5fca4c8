/**
 * Accuracy of the vectorised functions of the WebAssembly SIMD loop (exp, log, sin, cos,
 * tan), in ulps against the correctly rounded value: decimal.js at 40 digits at each float
 * input's exact value (tan as sin/cos, which decimal.js computes more accurately near its
 * poles). Seeded points on each tested range; the bound is 4 ulp. The table printed is the
 * README's. Special values take the scalar path and are exactly `Math`'s. Both forms of the
 * SIMD loop are measured: plain f64x2, and with relaxed SIMD's fused multiply-adds.
 */
import { describe, expect, test } from 'vitest';
import { Decimal } from 'decimal.js';
import { parse } from '../src/index.js';
import { compile, exactDecimal, ulpError } from '../src/codegen/index.js';
import { SIN_POLY } from '../src/codegen/wasm/simd-math.js';
import { enableRelaxedSimd } from './support/relaxed-simd.js';

const FMA = enableRelaxedSimd() ? [false, true] : [false];

const D = Decimal.clone({ precision: 40 });
const BOUND = 4;
const POINTS = 400;

const reference: Record<string, (x: Decimal) => Decimal> = {
  exp: (x) => x.exp(),
  log: (x) => x.ln(),
  sin: (x) => x.sin(),
  cos: (x) => x.cos(),
  tan: (x) => x.sin().div(x.cos()),
};

function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
}

/** Points uniform on [lo, hi], or log-uniform when `log`. */
function points(lo: number, hi: number, seed: number, log = false): number[] {
  const rnd = generator(seed);
  return Array.from({ length: POINTS }, () => (log ? Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rnd()) : lo + (hi - lo) * rnd()));
}

/** Floats nearest to k pi/2 for k = 1 .. count (where the reduction cancels most). */
function nearHalfPi(count: number): number[] {
  const halfPi = D.acos(-1).div(2);
  return Array.from({ length: count }, (_, k) => halfPi.times(k + 1).toNumber());
}

/** Floats within 1e-7 .. 1e-2 of k pi/2, k up to 1000: the reduction cancels up to about 30 bits. */
function closeToHalfPi(seed: number): number[] {
  const rnd = generator(seed);
  const halfPi = D.acos(-1).div(2);
  return Array.from({ length: POINTS }, () => {
    const delta = Math.exp(Math.log(1e-7) + (Math.log(1e-2) - Math.log(1e-7)) * rnd()) * (rnd() < 0.5 ? -1 : 1);
    return halfPi.times(1 + Math.floor(rnd() * 1000)).plus(delta).toNumber();
  });
}

interface Row { fn: string; range: string; fma: boolean; max: number; mean: number; at: number; mathMax: number }
const rows: Row[] = [];

function measure(fn: string, range: string, xs: number[], fma: boolean): Row {
  const k = compile(parse(`${fn}(x)`), { args: ['x'], target: 'wasm', fma });
  expect(k.simd && k.fma === fma).toBe(true);
  const got = k.batch([Float64Array.from(xs)]);
  const f = reference[fn]!;
  const math = (Math as unknown as Record<string, (x: number) => number>)[fn]!;
  let max = 0, sum = 0, at = 0, mathMax = 0;
  xs.forEach((x, i) => {
    const exact = f(exactDecimal(x, D));
    const e = ulpError(got[i]!, exact);
    sum += e;
    if (e > max) {
      max = e;
      at = x;
    }
    mathMax = Math.max(mathMax, ulpError(math(x), exact));
  });
  const row = { fn, range, fma, max, mean: sum / xs.length, at, mathMax };
  rows.push(row);
  return row;
}

describe(`SIMD functions within ${BOUND} ulp of the correctly rounded value`, () => {
  const cases: [string, string, () => number[]][] = [
    ['exp', '[-1, 1]', () => points(-1, 1, 1)],
    ['exp', '[-708, 708]', () => points(-708, 708, 2)],
    ['log', '[0.5, 2]', () => points(0.5, 2, 3)],
    ['log', '1 +- 1e-6', () => points(1 - 1e-6, 1 + 1e-6, 4)],
    ['log', '[1e-300, 1e300], log-uniform', () => points(1e-300, 1e300, 5, true)],
    ['sin', '[-pi, pi]', () => points(-Math.PI, Math.PI, 6)],
    ['sin', '[-1e5, 1e5]', () => points(-1e5, 1e5, 7)],
    ['sin', '[-1.5e6, 1.5e6]', () => points(-1.5e6, 1.5e6, 12)],
    ['sin', 'k pi/2, k = 1..400', () => nearHalfPi(POINTS)],
    ['sin', 'k pi/2 + 1e-7..1e-2, k < 1000', () => closeToHalfPi(14)],
    ['cos', '[-pi, pi]', () => points(-Math.PI, Math.PI, 8)],
    ['cos', '[-1e5, 1e5]', () => points(-1e5, 1e5, 9)],
    ['cos', '[-1.5e6, 1.5e6]', () => points(-1.5e6, 1.5e6, 13)],
    ['cos', 'k pi/2, k = 1..400', () => nearHalfPi(POINTS)],
    ['cos', 'k pi/2 + 1e-7..1e-2, k < 1000', () => closeToHalfPi(15)],
    ['tan', '[-pi/2, pi/2]', () => points(-Math.PI / 2, Math.PI / 2, 10)],
    ['tan', '[-1e5, 1e5]', () => points(-1e5, 1e5, 11)],
    ['tan', 'k pi/2 + 1e-7..1e-2, k < 1000', () => closeToHalfPi(16)],
  ];
  for (const [fn, range, xs] of cases) {
    for (const fma of FMA) {
      test(`${fn} on ${range}${fma ? ', fused multiply-adds' : ''}`, () => {
        const row = measure(fn, range, xs(), fma);
        expect(row.max, `worst at x = ${row.at}`).toBeLessThanOrEqual(BOUND);
      });
    }
  }

  test('the table', () => {
    const lines = ['| function | range | max ulp | mean ulp | with FMA: max ulp | mean ulp | Math (V8) max ulp |', '|---|---|---|---|---|---|---|'];
    for (const r of rows.filter((row) => !row.fma)) {
      const f = rows.find((row) => row.fma && row.fn === r.fn && row.range === r.range);
      const fused = f === undefined ? '| - | - ' : `| ${f.max.toFixed(2)} | ${f.mean.toFixed(3)} `;
      lines.push(`| ${r.fn} | ${r.range} | ${r.max.toFixed(2)} | ${r.mean.toFixed(3)} ${fused}| ${r.mathMax.toFixed(2)} |`);
    }
    console.log(lines.join('\n'));
    expect(rows.length).toBe(18 * FMA.length);
  });
});

describe('fused multiply-adds', () => {
  test('are used by default once the engine has relaxed SIMD', () => {
    expect(compile(parse('sin(x)'), { args: ['x'], target: 'wasm' }).fma).toBe(FMA.length === 2);
  });
});

describe('the polynomials', () => {
  test('sin(d) = d + d z q(z), z = d^2: relative error below 2^-55 on [-pi/2, pi/2] in exact arithmetic', () => {
    const rnd = generator(17);
    const halfPi = D.acos(-1).div(2).plus('1e-9');
    let worst = 0;
    for (let i = 1; i <= 300; i++) {
      // Uniform and log-uniform points, and the end of the range.
      const d = i === 300 ? halfPi : i % 2 === 0 ? halfPi.times(rnd()) : halfPi.times(Math.exp(-30 * rnd()));
      const z = d.times(d);
      let q = new D(0);
      for (let k = SIN_POLY.length - 1; k >= 0; k--) q = q.times(z).plus(exactDecimal(SIN_POLY[k]!, D));
      const sin = d.sin();
      worst = Math.max(worst, d.plus(d.times(z).times(q)).minus(sin).div(sin).abs().toNumber());
    }
    expect(worst).toBeLessThan(2 ** -55);
  });
});

describe('special values take the scalar path: exactly Math', () => {
  const specials = [NaN, Infinity, -Infinity, 0, -0, 5e-324, -5e-324, 2.2250738585072014e-308, 1e-310, -1, 709.7, 709.8, -745, -746, 800,
    1e6, 1.6e6, 1e22, 1e300, -1e300, Math.PI / 2, 3 * Math.PI / 2];
  for (const [fn, fma] of ['exp', 'log', 'sin', 'cos', 'tan'].flatMap((f) => FMA.map((m) => [f, m] as const))) {
    test(`${fn}${fma ? ', fused multiply-adds' : ''}`, () => {
      const k = compile(parse(`${fn}(x)`), { args: ['x'], target: 'wasm', fma });
      const xs = Float64Array.from(specials);
      const out = k.batch([xs]);
      const math = (Math as unknown as Record<string, (x: number) => number>)[fn]!;
      specials.forEach((x, i) => {
        const want = math(x);
        const same = Object.is(out[i], want) || (Number.isNaN(out[i]) && Number.isNaN(want));
        // Points in the fast range (pi/2, 1e6) are the vectorised function's, within the bound.
        expect(same || ulpError(out[i]!, reference[fn]!(exactDecimal(x, D))) <= BOUND, `${fn}(${x}) = ${out[i]}, Math: ${want}`).toBe(true);
        if (!Number.isFinite(x) || x === 0 || Math.abs(x) > 1.5e6 || (fn === 'log' && x < 2.3e-308) || (fn === 'exp' && Math.abs(x) > 708)) {
          expect(same, `${fn}(${x})`).toBe(true);
        }
      });
    });
  }
});
