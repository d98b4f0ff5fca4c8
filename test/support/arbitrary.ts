/**
 * fast-check arbitraries of terms and points, shared by the test files (and by the soundness
 * run of `bench/soundness.ts`, through `test/support/random-expr.ts`).
 *
 * - `termArb(shape)`: terms of a small grammar (symbols, small exact numbers, sums, products,
 *   differences, quotients, powers and a chosen set of functions), built with the canonical
 *   constructors or, with `build: 'written'`, as raw calls exactly as written.
 * - `canonicalTerm`: terms built with the canonical constructors (`add`, `mul`, `pow`,
 *   `apply`, ...) from symbols, exact integers and rationals, floats, constants, elementary
 *   functions, undefined functions and their derivatives, `Derivative` and relations.
 * - `writtenTerm`: trees of the shapes the written-mode infix parser produces (raw `call`s:
 *   flat `+` and `*`, binary `/`, `neg`, `^`, `!`, relations, calls), whose numbers are
 *   nonnegative (a minus sign reads as `neg`).
 * - `callTreeArb(parts)`: raw calls of any operator over any arguments, from given leaves
 *   and operators, for the printers' round trips.
 * - `pointArb`, `exactPointArb`: values for the variables.
 *
 * All are depth-bounded. The symbol names of `canonicalTerm` and `writtenTerm` include names
 * of plain-object properties (`__proto__`, `constructor`) and ones that must print in
 * backquotes (`my var`, `pi`, `sin`, `ln`, ``, ...).
 */
import fc from 'fast-check';
import { sym, num, int, call, type Term } from '../../src/term/term.js';
import { exact, type Value } from '../../src/term/number.js';
import { fn, derivedFn, type Operator } from '../../src/term/operator.js';
import * as O from '../../src/term/operators.js';
import { SIN, COS, TAN, EXP, LOG, SQRT, ATAN, TANH, SINH, COSH, ABS } from '../../src/term/operators.js';
import { add, mul, pow, neg, sub, div, apply } from '../../src/term/canonical.js';

export interface TermShape {
  /** Symbols that may occur: names, or symbols (which may carry assumptions). */
  vars: readonly (string | Term)[];
  /** Nesting depth. Default: 3. */
  depth?: number;
  /** Unary functions that may occur. Default: `SMOOTH`. */
  functions?: readonly Operator[];
  /** Allow float leaves (0.5, 1.25, ...). Default: false. */
  floats?: boolean;
  /**
   * 'canonical' (default): built with the canonical constructors. 'written': raw calls, as
   * the written-mode parser reads the text (`a - b` is `-(a, b)`, `-3` is `neg(3)`, `2/3` is
   * `/(2, 3)`), so nothing is simplified on the way.
   */
  build?: 'canonical' | 'written';
  /** Exponents of `^`. Default: the integers -2 to 3. */
  exponents?: fc.Arbitrary<Term>;
  /** More forms at each level, made from the level below (its compound terms and leaves). */
  extra?: (below: fc.Arbitrary<Term>) => fc.Arbitrary<Term>[];
}

/** Functions smooth wherever they are defined (abs only away from 0). */
export const SMOOTH: readonly Operator[] = [SIN, COS, TAN, EXP, LOG, SQRT, ATAN, TANH, SINH, COSH, ABS];

/** How `termArb` builds: the canonical constructors or raw calls. */
interface Build {
  add(ts: Term[]): Term;
  mul(ts: Term[]): Term;
  sub(a: Term, b: Term): Term;
  div(a: Term, b: Term): Term;
  pow(a: Term, e: Term): Term;
  apply(f: Operator, args: Term[]): Term;
  /** The number n/d (d > 0). */
  number(n: number, d: number): Term;
}

const CANONICAL_BUILD: Build = { add, mul, sub, div, pow, apply, number: (n, d) => num(exact(n, d)) };

/**
 * The raw term of the number n/d (d > 0) as the written-mode parser reads its text.
 * @example writtenNumber(-2, 3) // neg(/(2, 3)), the parse of '-2/3' in written mode
 */
export function writtenNumber(n: number, d = 1): Term {
  const magnitude = d === 1 ? int(Math.abs(n)) : call(O.DIV, [int(Math.abs(n)), int(d)]);
  return n < 0 ? call(O.NEG, [magnitude]) : magnitude;
}

const WRITTEN_BUILD: Build = {
  add: (ts) => call(O.ADD, ts),
  mul: (ts) => call(O.MUL, ts),
  sub: (a, b) => call(O.SUB, [a, b]),
  div: (a, b) => call(O.DIV, [a, b]),
  pow: (a, e) => call(O.POW, [a, e]),
  apply: (f, as) => call(f, as),
  number: writtenNumber,
};

/**
 * Random terms of the given shape.
 * @example termArb({ vars: ['x', 'y'], depth: 2 }) // x*y + 3, sin(x)/2, (x - y)^-2, ...
 */
export function termArb(shape: TermShape): fc.Arbitrary<Term> {
  const fns = shape.functions ?? SMOOTH;
  const b = shape.build === 'written' ? WRITTEN_BUILD : CANONICAL_BUILD;
  const leaves: fc.Arbitrary<Term>[] = [
    fc.constantFrom(...shape.vars).map((v) => (typeof v === 'string' ? sym(v) : v)),
    fc.integer({ min: -4, max: 5 }).map((n) => b.number(n, 1)),
    fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 1, max: 4 })).map(([n, d]) => b.number(n, d)),
  ];
  if (shape.floats) leaves.push(fc.integer({ min: -40, max: 40 }).map((n) => num(n / 8)));
  const leaf = fc.oneof(...leaves);
  const exponents = shape.exponents ?? fc.integer({ min: -2, max: 3 }).map((n) => b.number(n, 1));
  let level: fc.Arbitrary<Term> = leaf;
  for (let d = 0; d < (shape.depth ?? 3); d++) {
    const sub1 = level;
    const parts: fc.Arbitrary<Term>[] = [
      leaf,
      fc.array(sub1, { minLength: 2, maxLength: 3 }).map((ts) => b.add(ts)),
      fc.array(sub1, { minLength: 2, maxLength: 3 }).map((ts) => b.mul(ts)),
      fc.tuple(sub1, sub1).map(([x, y]) => b.sub(x, y)),
      fc.tuple(sub1, sub1).map(([x, y]) => b.div(x, y)),
      fc.tuple(sub1, exponents).map(([x, e]) => b.pow(x, e)),
    ];
    if (fns.length > 0) parts.push(fc.tuple(fc.constantFrom(...fns), sub1).map(([f, x]) => b.apply(f, [x])));
    if (shape.extra) parts.push(...shape.extra(sub1));
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

// --- the general arbitraries of the parsers' and printers' tests -------------------------------

/** Symbol names: plain identifiers, plain-object property names, and names that print in backquotes. */
export const symbolNames: readonly string[] = [
  'x', 'y', 'z', 'x_1', 'alpha', 'α', 'D', 'f',
  '__proto__', 'constructor', 'toString', 'hasOwnProperty',
  'my var', 'pi', 'e', 'sin', 'ln', '', '3', 'a`b', 'c\\d', 'x y',
];

/** Undefined functions (unary or binary in the arbitraries). */
export const functions: readonly Operator[] = [fn('f'), fn('g'), fn('my f'), fn('__proto__'), fn('D'), fn('ln')];

const symbols = fc.constantFrom(...symbolNames).map((n) => sym(n));
const variables = fc.constantFrom(sym('x'), sym('y'), sym('x_1'));
const constants = fc.constantFrom(call(O.PI, []), call(O.E, []));

const UNARY: readonly Operator[] = [O.SIN, O.COS, O.TAN, O.ASIN, O.ATAN, O.SINH, O.EXP, O.LOG, O.ABS, O.SQRT, O.FACTORIAL];
const RELATIONS: readonly Operator[] = [O.EQ, O.NE, O.LT, O.LE, O.GT, O.GE];

const exactValues: fc.Arbitrary<Value> = fc.oneof(
  { arbitrary: fc.integer({ min: -12, max: 12 }).map((n) => exact(n)), weight: 4 },
  { arbitrary: fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map((n) => exact(n)), weight: 1 },
  { arbitrary: fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 9 })).map(([n, d]) => exact(n, d)), weight: 2 },
);
const floats: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0.5, -1.5, 2.0, 1.0, -1.0, 0.1, 1e21, 1.5e-7, -2.5e300),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Exponents of `^` in canonical terms: small integers and rationals. */
const exponents: fc.Arbitrary<Term> = fc.constantFrom(-3, -2, -1, 2, 3, [1, 2], [-1, 2], [1, 3], [2, 3], [-3, 2], [-2, 3])
  .map((e) => (Array.isArray(e) ? num(exact(e[0]!, e[1]!)) : int(e)));

/** Terms built with the canonical constructors. */
export const canonicalTerm: fc.Arbitrary<Term> = fc.letrec<{ t: Term }>((tie) => {
  const t = tie('t');
  return {
    t: fc.oneof(
      { maxDepth: 4, depthSize: 'small', withCrossShrink: true },
      { arbitrary: symbols, weight: 4 },
      { arbitrary: exactValues.map((v) => num(v)), weight: 2 },
      { arbitrary: floats.map((v) => num(v)), weight: 1 },
      { arbitrary: constants, weight: 1 },
      { arbitrary: fc.array(t, { minLength: 2, maxLength: 4 }).map((ts) => add(ts)), weight: 3 },
      { arbitrary: fc.array(t, { minLength: 2, maxLength: 4 }).map((ts) => mul(ts)), weight: 3 },
      { arbitrary: fc.tuple(t, t).map(([a, b]) => sub(a, b)), weight: 1 },
      { arbitrary: fc.tuple(t, t).map(([a, b]) => div(a, b)), weight: 2 },
      { arbitrary: t.map((a) => neg(a)), weight: 1 },
      { arbitrary: fc.tuple(t, exponents).map(([b, e]) => pow(b, e)), weight: 3 },
      { arbitrary: fc.tuple(t, t).map(([b, e]) => pow(b, e)), weight: 1 },
      { arbitrary: fc.tuple(fc.constantFrom(...UNARY), t).map(([op, a]) => apply(op, [a])), weight: 2 },
      { arbitrary: fc.tuple(fc.constantFrom(...functions), fc.array(t, { minLength: 1, maxLength: 2 })).map(([f, as]) => apply(f, as)), weight: 1 },
      { arbitrary: t.map((a) => apply(derivedFn(fn('f'), [1]), [a])), weight: 1 },
      { arbitrary: fc.tuple(t, t).map(([a, b]) => apply(derivedFn(fn('g'), [1, 2]), [a, b])), weight: 1 },
      { arbitrary: fc.tuple(t, variables, fc.integer({ min: 1, max: 3 })).map(([u, v, n]) => apply(O.DERIVATIVE, [u, v, int(n)])), weight: 1 },
      { arbitrary: fc.tuple(fc.constantFrom(...RELATIONS), t, t).map(([op, a, b]) => apply(op, [a, b])), weight: 1 },
    ),
  };
}).t;

const writtenLeaf: fc.Arbitrary<Term> = fc.oneof(
  { arbitrary: symbols, weight: 4 },
  { arbitrary: fc.integer({ min: 0, max: 20 }).map((n) => int(n)), weight: 2 },
  { arbitrary: fc.bigInt({ min: 0n, max: 10n ** 30n }).map((n) => num(exact(n))), weight: 1 },
  { arbitrary: fc.oneof(fc.constantFrom(0.5, 2.0, 1.0, 1e21, 1.5e-7), fc.double({ min: 0, noNaN: true, noDefaultInfinity: true })).map((v) => num(v)), weight: 1 },
  { arbitrary: constants, weight: 1 },
);

const BINARY: readonly Operator[] = [O.DIV, O.POW, ...RELATIONS];
const WRITTEN_UNARY: readonly Operator[] = [O.NEG, O.NEG, ...UNARY];

/** Trees of the shapes the written-mode parser produces (raw calls, nonnegative numbers). */
export const writtenTerm: fc.Arbitrary<Term> = fc.letrec<{ t: Term }>((tie) => {
  const t = tie('t');
  return {
    t: fc.oneof(
      { maxDepth: 4, depthSize: 'small', withCrossShrink: true },
      { arbitrary: writtenLeaf, weight: 5 },
      { arbitrary: fc.tuple(fc.constantFrom(O.ADD, O.MUL), fc.array(t, { minLength: 2, maxLength: 4 })).map(([op, as]) => call(op, as)), weight: 4 },
      { arbitrary: fc.tuple(fc.constantFrom(...BINARY), t, t).map(([op, a, b]) => call(op, [a, b])), weight: 4 },
      { arbitrary: fc.tuple(fc.constantFrom(...WRITTEN_UNARY), t).map(([op, a]) => call(op, [a])), weight: 3 },
      { arbitrary: fc.array(t, { minLength: 1, maxLength: 2 }).map((as) => call(O.LOG, as)), weight: 1 },
      { arbitrary: fc.tuple(fc.constantFrom(...functions), fc.array(t, { maxLength: 2 })).map(([f, as]) => call(f, as)), weight: 1 },
      { arbitrary: fc.tuple(fc.constantFrom(derivedFn(fn('f'), [1]), derivedFn(fn('f'), [1, 1]), derivedFn(fn('my f'), [1])), t).map(([f, a]) => call(f, [a])), weight: 1 },
      { arbitrary: fc.tuple(fc.constantFrom(derivedFn(fn('g'), [1, 2]), derivedFn(fn('f'), [1]), derivedFn(derivedFn(fn('g'), [2]), [1])), t, t).map(([f, a, b]) => call(f, [a, b])), weight: 1 },
      { arbitrary: fc.tuple(t, variables, fc.integer({ min: 1, max: 3 })).map(([u, v, n]) => call(O.DERIVATIVE, [u, v, int(n)])), weight: 1 },
      { arbitrary: fc.tuple(t, variables, fc.option(fc.tuple(t, t))).map(([u, v, lim]) => call(O.INTEGRAL, lim ? [u, v, ...lim] : [u, v])), weight: 1 },
    ),
  };
}).t;

/** The parts `callTreeArb` builds its trees from. */
export interface CallTreeParts {
  /** The leaves. */
  leaf: fc.Arbitrary<Term>;
  /** Operators called with `minArity` arguments (one or two). */
  fixed: readonly Operator[];
  /** Undefined functions (and their derivatives), called with `functionArgs` arguments. */
  functions: readonly Operator[];
  /** How many arguments a function gets. */
  functionArgs: { minLength?: number; maxLength: number };
}

/**
 * Raw call trees of every shape a printer meets, not only the parser's: any operator over any
 * arguments (sums and products of 2 to 4 terms, `log` with 1 or 2, `Derivative` and `Integral`
 * in x or y), for the round trips of the printers.
 * @example callTreeArb({ leaf, fixed: [O.SIN, O.POW], functions: [fn('f')], functionArgs: { maxLength: 2 } })
 */
export function callTreeArb(parts: CallTreeParts): fc.Arbitrary<Term> {
  const vars = [sym('x'), sym('y')];
  return fc.letrec<{ t: Term }>((tie) => ({
    t: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      parts.leaf,
      fc.tuple(fc.constantFrom(...parts.fixed), fc.array(tie('t'), { minLength: 2, maxLength: 2 }))
        .map(([op, args]) => call(op, args.slice(0, op.minArity))),
      fc.tuple(fc.constantFrom(O.ADD, O.MUL), fc.array(tie('t'), { minLength: 2, maxLength: 4 })).map(([op, args]) => call(op, args)),
      fc.array(tie('t'), { minLength: 1, maxLength: 2 }).map((args) => call(O.LOG, args)),
      fc.tuple(fc.constantFrom(...parts.functions), fc.array(tie('t'), parts.functionArgs)).map(([op, args]) => call(op, args)),
      fc.tuple(tie('t'), fc.constantFrom(...vars), fc.integer({ min: 1, max: 3 })).map(([u, v, n]) => call(O.DERIVATIVE, [u, v, int(n)])),
      fc.tuple(tie('t'), fc.constantFrom(...vars), fc.option(fc.tuple(tie('t'), tie('t')))).map(([u, v, lim]) =>
        call(O.INTEGRAL, lim ? [u, v, ...lim] : [u, v])),
    ),
  })).t;
}
