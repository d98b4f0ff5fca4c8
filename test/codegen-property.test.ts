/**
 * Property tests of kernels against the interpreter, on random terms (canonical and as
 * written) and random points, with fixed seeds and one random seed per run:
 *
 * 1. The JS kernel and the scalar WebAssembly kernel run the same operations in the same
 *    order with the same `Math` functions: their results are identical, and so are the JS
 *    kernel's batch results.
 * 2. The JS kernel, and the WebAssembly SIMD batch (vectorised exp, log, sin, cos, tan;
 *    with and without relaxed SIMD's fused multiply-adds), agree with `evaluate` within a
 *    first-order bound of the rounding errors both make.
 *    The kernel reorders operations (one division per product, powers as multiplications,
 *    subtractions), so where a term cancels, floats legitimately disagree by more than a few
 *    ulps; the bound is a running error analysis: every operation adds its rounding error (a
 *    few units of 2^-53 of its result, more for functions: the SIMD ones are within 4 ulp,
 *    plus the absolute error of a result that underflows into the subnormals, which a
 *    product passes on times its other factors in any order) and passes on its arguments'
 *    errors times its derivative. When the two disagree by more
 *    than that, the kernel is checked against decimal.js at 40 digits (at the float inputs'
 *    exact values) with the same bound.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { evaluate, num, call, sym, type Term, type Operator } from '../src/index.js';
import { ADD, MUL, POW, SUB, DIV, NEG, SIN, COS, TAN, EXP, LOG, SQRT, ATAN, TANH, SINH, COSH, ABS } from '../src/term/operators.js';
import * as N from '../src/term/number.js';
import { compile, exactDecimal } from '../src/codegen/index.js';
import { termArb, pointArb, writtenNumber } from './support/arbitrary.js';
import { enableRelaxedSimd } from './support/relaxed-simd.js';

/** The SIMD loop with and without fused multiply-adds (where the engine has relaxed SIMD). */
const FMA = enableRelaxedSimd() ? [false, true] : [false];

const U = 2 ** -53;
/** The absolute rounding error of a subnormal result: the smallest subnormal. */
const ETA = Number.MIN_VALUE;
const VARS = ['x', 'y'];
const FUNCTIONS = [SIN, COS, TAN, EXP, LOG, SQRT, ATAN, TANH, SINH, COSH, ABS];
/** Rounding error of one function call, in units of 2^-53 of its value (4 ulp is at most 8). */
const FUNCTION_ERROR = 10;

/** Exponents: small integers, halves, thirds. */
const exponentArb = (written: boolean): fc.Arbitrary<Term> => fc.oneof(
  fc.integer({ min: -4, max: 5 }).map((n) => (written ? writtenNumber(n) : num(N.exact(n)))),
  fc.constantFrom([1, 2], [-1, 2], [3, 2], [-3, 2], [1, 3], [5, 2]).map(([n, d]) => (written ? writtenNumber(n!, d!) : num(N.exact(n!, d!)))),
);

const canonicalTerms = termArb({ vars: VARS, depth: 3, functions: FUNCTIONS, exponents: exponentArb(false), floats: true });
const writtenTerms = termArb({ vars: VARS, depth: 3, functions: FUNCTIONS, exponents: exponentArb(true), build: 'written' });

interface Estimate {
  /** The value, as `evaluate` computes it. */
  v: number;
  /** First-order bound of the error of any evaluation order of this expression. */
  e: number;
}

function derivative(op: unknown, a: number, v: number): number {
  switch (op) {
    case SIN: return Math.abs(Math.cos(a));
    case COS: return Math.abs(Math.sin(a));
    case TAN: return 1 + v * v;
    case EXP: return Math.abs(v);
    case LOG: return 1 / Math.abs(a);
    case SQRT: return 0.5 / Math.abs(v);
    case ATAN: return 1 / (1 + a * a);
    case TANH: return 1 - v * v;
    case SINH: return Math.cosh(a);
    case COSH: return Math.abs(Math.sinh(a));
    case ABS: return 1;
    default: throw new Error(`no derivative for ${String(op)}`);
  }
}

/** Bounded functions cannot be off by more than their range. */
const RANGE = new Map<unknown, number>([[SIN, 2], [COS, 2], [TANH, 2], [ATAN, Math.PI]]);

function hasSymbol(t: Term): boolean {
  return t.isSymbol() || t.args.some(hasSymbol);
}

/** The running error analysis of `t` at `env` (see the header). */
function estimate(t: Term, env: Record<string, number>): Estimate {
  if (t.isNumber()) {
    const v = N.toFloat(t.value!);
    return { v, e: N.isExact(t.value!) && t.value!.d !== 1n ? U * Math.abs(v) : 0 };
  }
  if (t.isSymbol()) return { v: env[t.name!]!, e: 0 };
  const op = t.op!;
  const xs = t.args.map((a) => estimate(a, env));
  const v = evaluate(t, env);
  const n = xs.length;
  switch (op) {
    case ADD: case SUB: {
      let e = 0, mag = 0;
      for (const x of xs) {
        e += x.e;
        mag += Math.abs(x.v);
      }
      return { v, e: e + n * U * mag + n * ETA };
    }
    case NEG: return { v, e: xs[0]!.e };
    case MUL: case DIV: {
      // d(prod)/d(x_i) = prod / x_i, written without dividing by a zero factor.
      let e = 0;
      // a partial product that underflows, times the factors still to come (at most the large ones)
      let large = 1;
      for (let i = 0; i < n; i++) {
        let others = 1;
        for (let j = 0; j < n; j++) if (j !== i) others *= Math.abs(op === DIV && j === 1 ? 1 / xs[j]!.v : xs[j]!.v);
        const di = op === DIV && i === 1 ? others / (xs[1]!.v * xs[1]!.v) : others;
        e += xs[i]!.e * di;
        large *= Math.max(1, Math.abs(op === DIV && i === 1 ? 1 / xs[i]!.v : xs[i]!.v));
      }
      return { v, e: e + (n + 2) * (U * Math.abs(v) + ETA * large) };
    }
    case POW: {
      const [b, x] = xs as [Estimate, Estimate];
      const exponent = t.args[1]!;
      if (!hasSymbol(exponent)) {
        const k = x.v;
        const local = (Number.isInteger(k) ? Math.abs(k) + 3 : 4) * (U * Math.abs(v) + ETA * Math.max(1, Math.abs(v)));
        return { v, e: Math.abs(k * Math.pow(b.v, k - 1)) * b.e + x.e * Math.abs(v * Math.log(Math.abs(b.v))) + local };
      }
      return { v, e: Math.abs(v) * (Math.abs(x.v / b.v) * b.e + Math.abs(Math.log(Math.abs(b.v))) * x.e) + 4 * (U * Math.abs(v) + ETA) };
    }
  }
  const a = xs[0]!;
  let prop = derivative(op, a.v, v) * a.e;
  const range = RANGE.get(op);
  if (range !== undefined && !(prop <= range)) prop = range;
  return { v, e: prop + FUNCTION_ERROR * (U * Math.abs(v) + ETA) };
}

const D = Decimal.clone({ precision: 40 });

type Verdict = 'same' | 'within bound' | 'checked against decimal.js' | 'not comparable';

/** Whether `got` (a kernel's value of `t` at `env`) is right (see the header); throws with the details when not. */
function check(t: Term, env: Record<string, number>, got: number, est: Estimate): Verdict {
  const want = est.v;
  if (Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want)) || got === want) return 'same';
  const slack = 4 * est.e + 8 * U * Math.abs(want);
  if (Number.isFinite(got) && Number.isFinite(want) && Math.abs(got - want) <= slack) return 'within bound';
  if (!Number.isFinite(est.e)) return 'not comparable';
  // The floats disagree by more than the bound: both against the exact value.
  const exactEnv = Object.fromEntries(Object.entries(env).map(([k, x]) => [k, exactDecimal(x, D)]));
  let d: Decimal | undefined;
  try {
    d = evaluate(t, exactEnv, { mode: 'decimal', precision: 40 });
  } catch {
    d = undefined;
  }
  if (d !== undefined && d.isFinite() && Number.isFinite(got)) {
    const err = exactDecimal(got, D).minus(d).abs().toNumber();
    if (err <= 2 * est.e + 8 * U * Math.abs(d.toNumber())) return 'checked against decimal.js';
  }
  throw new Error(`${JSON.stringify(env)}: kernel ${got}, evaluate ${want}, bound ${est.e}, exact ${d?.toString() ?? 'none'}`);
}

const counts = new Map<Verdict, number>();
function tally(v: Verdict): void {
  counts.set(v, (counts.get(v) ?? 0) + 1);
}

/** Properties 1 and 2 for one term and a batch of points. */
function checkTerm(t: Term, points: Record<string, number>[]): void {
  const js = compile(t, { args: VARS });
  const wasm = compile(t, { args: VARS, target: 'wasm', simd: false });
  const inputs = VARS.map((v) => Float64Array.from(points, (p) => p[v]!));
  const jsBatch = js.batch(inputs);
  const simdBatches = FMA.map((fma) => compile(t, { args: VARS, target: 'wasm', simd: true, fma }).batch(inputs));
  points.forEach((env, i) => {
    const a = js(env.x!, env.y!), b = wasm(env.x!, env.y!);
    expect(Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)), `js ${a} vs wasm ${b}`).toBe(true);
    expect(Object.is(a, jsBatch[i]) || (Number.isNaN(a) && Number.isNaN(jsBatch[i]!)), 'js scalar vs batch').toBe(true);
    const est = estimate(t, env);
    tally(check(t, env, a, est));
    for (const simdBatch of simdBatches) tally(check(t, env, simdBatch[i]!, est));
  });
}

/** At least 16 points, so that WebAssembly batches take the SIMD loop. */
const pointsArb = fc.array(pointArb(VARS, -2.5, 2.5), { minLength: 16, maxLength: 27 });

describe('kernels agree with the interpreter (JS = WASM scalar exactly; JS and SIMD within the error bound)', () => {
  for (const [name, terms] of [['canonical terms', canonicalTerms], ['terms as written', writtenTerms]] as const) {
    test(`${name}, fixed seeds`, () => {
      for (const seed of [1, 2, 3]) fc.assert(fc.property(terms, pointsArb, (t, ps) => checkTerm(t, ps)), { seed, numRuns: 50 });
    });
    test(`${name}, a random seed`, () => {
      fc.assert(fc.property(terms, pointsArb, (t, ps) => checkTerm(t, ps)), { numRuns: 40 });
    });
  }

  test('most comparisons need no decimal.js', () => {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(1000);
    expect((counts.get('same') ?? 0) + (counts.get('within bound') ?? 0)).toBeGreaterThan(0.95 * total);
  });
});

describe('the function kernels on wide ranges', () => {
  // One function at many points of a wide range, SIMD against Math (both well conditioned).
  const ranges: [Term, number, number][] = [
    [unary(EXP), -700, 700], [unary(LOG), 1e-300, 1e300], [unary(SIN), -1e5, 1e5],
    [unary(COS), -1e5, 1e5], [unary(TAN), -1e3, 1e3], [unary(SQRT), 0, 1e10],
  ];
  for (const [t, lo, hi] of ranges) {
    test(`${t.op!.name} on [${lo}, ${hi}]`, () => {
      fc.assert(fc.property(fc.array(fc.double({ min: lo, max: hi, noNaN: true }), { minLength: 16, maxLength: 64 }), (xs) => {
        for (const fma of FMA) {
          const out = compile(t, { args: ['x'], target: 'wasm', fma }).batch([Float64Array.from(xs)]);
          xs.forEach((x, i) => {
            const est = estimate(t, { x });
            tally(check(t, { x }, out[i]!, est));
          });
        }
      }), { seed: 7, numRuns: 40 });
    });
  }
});

function unary(op: Operator): Term {
  return call(op, [sym('x')]);
}
