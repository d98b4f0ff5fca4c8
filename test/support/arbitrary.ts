/**
 * fast-check generators of random terms for property tests, built with canonical
 * construction from a small grammar: symbols, small exact numbers, sums, products, integer
 * powers and a chosen set of functions.
 */
import fc from 'fast-check';
import { sym, num, int, type Term } from '../../src/term/term.js';
import { exact } from '../../src/term/number.js';
import { add, mul, pow, apply, sub, div } from '../../src/term/canonical.js';
import type { Operator } from '../../src/term/operator.js';
import { SIN, COS, TAN, EXP, LOG, SQRT, ATAN, TANH, SINH, COSH, ABS } from '../../src/term/operators.js';

export interface TermShape {
  /** Symbol names that may occur. */
  vars: readonly string[];
  /** Nesting depth. Default: 3. */
  depth?: number;
  /** Unary functions that may occur. Default: `SMOOTH`. */
  functions?: readonly Operator[];
  /** Allow float leaves (0.5, 1.25, ...). Default: false. */
  floats?: boolean;
}

/** Functions smooth wherever they are defined (abs only away from 0). */
export const SMOOTH: readonly Operator[] = [SIN, COS, TAN, EXP, LOG, SQRT, ATAN, TANH, SINH, COSH, ABS];

/** Random canonical terms of the given shape. */
export function termArb(shape: TermShape): fc.Arbitrary<Term> {
  const fns = shape.functions ?? SMOOTH;
  const leaves: fc.Arbitrary<Term>[] = [
    fc.constantFrom(...shape.vars).map((v) => sym(v)),
    fc.integer({ min: -4, max: 5 }).map((n) => int(n)),
    fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 1, max: 4 })).map(([n, d]) => num(exact(n, d))),
  ];
  if (shape.floats) leaves.push(fc.integer({ min: -40, max: 40 }).map((n) => num(n / 8)));
  const leaf = fc.oneof(...leaves);
  let level: fc.Arbitrary<Term> = leaf;
  for (let d = 0; d < (shape.depth ?? 3); d++) {
    const sub1 = level;
    const parts: fc.Arbitrary<Term>[] = [
      leaf,
      fc.array(sub1, { minLength: 2, maxLength: 3 }).map(add),
      fc.array(sub1, { minLength: 2, maxLength: 3 }).map(mul),
      fc.tuple(sub1, sub1).map(([a, b]) => sub(a, b)),
      fc.tuple(sub1, sub1).map(([a, b]) => div(a, b)),
      fc.tuple(sub1, fc.integer({ min: -2, max: 3 })).map(([a, n]) => pow(a, int(n))),
    ];
    if (fns.length > 0) parts.push(fc.tuple(fc.constantFrom(...fns), sub1).map(([f, a]) => apply(f, [a])));
    level = fc.oneof(...parts);
  }
  return level;
}

/**
 * Random points: one float per variable in about [lo, hi], never subnormal (decimal.js reads
 * a float by its shortest decimal text, which for a subnormal is far from its binary value);
 * `awayFromZero` keeps every coordinate at least that far from 0 (where formulas such as
 * `x / abs(x)` are singular).
 */
export function pointArb(vars: readonly string[], lo = -2, hi = 2, opts: { awayFromZero?: number } = {}): fc.Arbitrary<Record<string, number>> {
  const away = opts.awayFromZero ?? 0;
  const coordinate = fc
    .double({ min: lo, max: hi, noNaN: true })
    .map((v) => (Math.abs(v) < 1e-300 ? 0 : v))
    .map((v) => (Math.abs(v) >= away ? v : v < 0 ? v - away : v + away));
  return fc.tuple(...vars.map(() => coordinate)).map((xs) => Object.fromEntries(vars.map((v, i) => [v, xs[i]!])));
}

/** Random exact points: one small rational per variable. */
export function exactPointArb(vars: readonly string[]): fc.Arbitrary<Record<string, ReturnType<typeof exact>>> {
  return fc
    .tuple(...vars.map(() => fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 6 }))))
    .map((xs) => Object.fromEntries(vars.map((v, i) => [v, exact(xs[i]![0], xs[i]![1])])));
}
