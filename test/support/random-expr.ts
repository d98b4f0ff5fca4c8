/**
 * Random expressions for the soundness suite of the simplifier, and random points at which
 * to evaluate them.
 *
 * Expressions are built as written (raw calls, as `parse(text, { mode: 'written' })` reads
 * them), so nothing is simplified before the simplifier sees them: nested polynomials,
 * quotients, powers with integer, rational and symbolic exponents, sqrt, abs, exp, log with
 * one and two arguments, the trigonometric and hyperbolic functions and their inverses, and
 * `TEMPLATES`, the forms a simplifier is tempted to get wrong (`sqrt(U^2)`, `log(U*V)`,
 * `(U^A)^B`, `exp(log(U))`, `(U^2 - 1)/(U - 1)`, ...) with random subexpressions in their
 * holes. Symbols carry assumptions (`p` positive, `n` integer, ...); `pointsArb` gives them
 * values that respect their assumptions.
 */
import fc from 'fast-check';
import { sym, call, int, num, Assume, SYM, type Term } from '../../src/term/term.js';
import { exact } from '../../src/term/number.js';
import { parse } from '../../src/term/parse.js';
import { print } from '../../src/term/print.js';
import { substWith } from '../../src/term/subst.js';
import { writtenOps } from '../../src/term/interface.js';
import type { Operator } from '../../src/term/operator.js';
import * as O from '../../src/term/operators.js';
import { termArb, writtenNumber } from './arbitrary.js';

/** The symbols of the random expressions, with their assumptions. */
export const SYMBOLS: Readonly<Record<string, Term>> = {
  x: sym('x'),
  y: sym('y'),
  z: sym('z'),
  a: sym('a'),
  b: sym('b'),
  t: sym('t', ['real']),
  p: sym('p', ['positive']),
  q: sym('q', ['positive']),
  r: sym('r', ['nonnegative']),
  w: sym('w', ['nonzero']),
  n: sym('n', ['integer']),
  k: sym('k', ['integer', 'positive']),
};

const S = SYMBOLS;
/** The leaf symbols, weighted by repetition: x and y most, so that a symbol often recurs. */
const LEAF_SYMBOLS: readonly Term[] = [S.x!, S.x!, S.x!, S.y!, S.y!, S.z!, S.a!, S.t!, S.p!, S.p!, S.q!, S.r!, S.w!, S.n!, S.k!];
/** Symbols that occur as exponents. */
const EXPONENT_SYMBOLS: readonly Term[] = [S.a!, S.b!, S.n!, S.k!, S.p!, S.x!];

/** Every unary function of the random expressions. */
export const FUNCTIONS: readonly Operator[] = [
  O.SQRT, O.ABS, O.EXP, O.LOG, O.SIN, O.COS, O.TAN, O.SEC, O.CSC, O.COT,
  O.ASIN, O.ACOS, O.ATAN, O.SINH, O.COSH, O.TANH,
];

/**
 * The forms a simplifier is tempted to get wrong. Holes: `U`, `V`, `W` any expression, `A`,
 * `B` an exponent (number, rational, symbol or expression), `N` an integer (number or integer
 * symbol). Read in written mode.
 */
export const TEMPLATES: readonly string[] = [
  // quotients and cancellation
  'U/U', 'U*V/U', 'U/(U*V)', 'U - U', 'U + (-U)', '0*U', '0/U', 'U^0', '0^U', '1^U', 'U^1',
  'U^(-1)*U', '(U - V)/(V - U)', '1/(1/U)', 'U/(V/W)', '(U/V)/W', '1/U + 1/V', 'U/V + W/V', 'U/V - W/V',
  '(U*W + V*W)/W', '(U^2 - 1)/(U - 1)', '(U^2 - 1)/(U + 1) - (U - 1)', '(U^2 - V^2)/(U - V)', '(U^2 - V^2)/(U + V)',
  '(U + V)^2/(U + V)', '(U^3 - V^3)/(U - V)', '(U^2 + 2*U*V + V^2)/(U + V)', '(U*V - U)/(V - 1)',
  '(U^2 + U)/(U^2 - U)', '(U + 1)^2 - (U^2 + 2*U + 1)', 'U^N/U^(N - 1)', '(U - V)^2 - (V - U)^2',
  // powers and roots
  'sqrt(U^2)', '(U^2)^(1/2)', 'sqrt(U)^2', '(U^(1/2))^2', '(U^(1/3))^3', '(U^3)^(1/3)', '(U^2)^(3/2)',
  '(U^4)^(1/4)', '(U^(1/2))^4', '(U^(2/3))^(3/2)', '(U^A)^B', '(U^N)^A', '(U^A)^N', '(U^2)^A', '(U^A)^2',
  'U^A*U^B', 'U^A/U^B', 'U^A*U^(-A)', '(U*V)^A', 'U^A*V^A', '(U/V)^A', '(U*V)^(1/2)', 'sqrt(U)*sqrt(V)',
  'sqrt(U*V)', 'sqrt(U/V)', 'sqrt(U)/sqrt(V)', 'sqrt(U)*sqrt(U)', '(-U)^2', '(-U)^A', '(-U)^(1/3)',
  '(-1)^N', '(-1)^(2*N)', '(-1)^A', '(-8)^(1/3)', '(U^2)^(1/4)', 'U^(1/2)*U^(1/3)', 'sqrt(sqrt(U))',
  // exp and log
  'exp(log(U))', 'log(exp(U))', 'log(U*V)', 'log(U/V)', 'log(U^A)', 'log(U^2)', 'log(U^N)', 'log(sqrt(U))',
  'A*log(U)', 'log(U) + log(V)', 'log(U) - log(V)', 'exp(A*log(U))', 'exp(U)*exp(V)', 'exp(U + V)',
  'exp(U)^A', 'exp(N*U)', 'exp(U)/exp(V)', 'log(B, U)', 'log(B, B^U)', 'B^log(B, U)', 'log(B, U*V)',
  'log(U)/log(B)', 'log(U, V)*log(V, U)', 'log(U, U)', 'log(e, U)', 'log(2, 8)', 'log(10, U^2)',
  'exp(log(U) + log(V))', 'log(exp(U)*exp(V))', 'log(abs(U))', 'log(U^2)/2', 'log(1/U)', 'exp(-log(U))',
  // trigonometry
  'tan(U)*cos(U)', 'sin(U)/cos(U)', 'sin(U)^2 + cos(U)^2', 'cosh(U)^2 - sinh(U)^2', '1 + tan(U)^2',
  'sec(U)^2 - tan(U)^2', 'sin(U)*csc(U)', 'cos(U)*sec(U)', 'tan(U)*cot(U)', 'sin(-U)', 'cos(-U)', 'tan(-U)',
  'sin(2*U)', '2*sin(U)*cos(U)', 'cos(U)^2 - sin(U)^2', 'cos(2*U)', 'sin(U + V)', 'cos(U - V)',
  'asin(sin(U))', 'sin(asin(U))', 'acos(cos(U))', 'cos(acos(U))', 'atan(tan(U))', 'tan(atan(U))',
  'sin(U + pi)', 'cos(U + 2*pi)', 'sin(pi - U)', 'sin(pi/2 - U)', 'sinh(-U)', 'tanh(U)*cosh(U)',
  'sinh(U)/cosh(U)', 'exp(U) - sinh(U) - cosh(U)', 'sin(acos(U))', 'cos(asin(U))', 'sqrt(1 - sin(U)^2)',
  'sin(U)^2/(1 - cos(U)^2)', 'asin(U) + acos(U)', 'atan(U) + atan(1/U)', 'sin(N*pi)', 'cos(N*pi)',
  'tan(U)^2*cos(U)^2 + cos(U)^2', 'sin(U)^4 - cos(U)^4', 'cot(U)*sin(U)',
  // absolute value
  'abs(U)^2', 'abs(U*V)', 'abs(U)*abs(V)', 'abs(-U)', 'abs(abs(U))', 'abs(U)/U', 'U/abs(U)', 'sqrt(U^2)/U',
  'abs(U^2)', 'abs(exp(U))', 'abs(U)^A', 'abs(U^A)', 'sqrt(abs(U)^2)', 'abs(U)^(1/2)*abs(U)^(1/2)',
  'abs(U/V)', 'abs(U - V) - abs(V - U)',
  // factorial
  'factorial(N)', 'factorial(N)/factorial(N - 1)', 'factorial(N + 1)/(N + 1)',
];

const templateTerms: readonly Term[] = TEMPLATES.map((text) => parse(text, { mode: 'written' }));

const SMALL_INTEGERS = fc.integer({ min: -3, max: 4 }).map((n) => writtenNumber(n));

/** Exponents: integers, rationals (as written `1/2`, sometimes as exact numbers), symbols. */
const exponentArb: fc.Arbitrary<Term> = fc.oneof(
  { arbitrary: SMALL_INTEGERS, weight: 4 },
  { arbitrary: fc.constantFrom([1, 2], [-1, 2], [1, 3], [2, 3], [3, 2], [-1, 3], [3, 4]).map(([n, d]) => writtenNumber(n!, d!)), weight: 3 },
  { arbitrary: fc.constantFrom([1, 2], [-3, 2], [2, 3]).map(([n, d]) => num(exact(n!, d!))), weight: 1 },
  { arbitrary: fc.constantFrom(...EXPONENT_SYMBOLS), weight: 3 },
);

const integerArb: fc.Arbitrary<Term> = fc.oneof(
  { arbitrary: SMALL_INTEGERS, weight: 2 },
  { arbitrary: fc.constantFrom(S.n!, S.k!), weight: 1 },
);

const constantArb: fc.Arbitrary<Term> = fc.constantFrom(call(O.PI, []), call(O.E, []));
const logBaseArb: fc.Arbitrary<Term> = fc.oneof(
  fc.constantFrom(int(2), int(10), writtenNumber(1, 2), call(O.E, [])),
  fc.constantFrom(S.p!, S.x!, S.a!, S.k!),
);

/** A template with its holes filled: `U`, `V`, `W` from `hole`. */
function templateArb(hole: fc.Arbitrary<Term>, exponent: fc.Arbitrary<Term>): fc.Arbitrary<Term> {
  return fc
    .tuple(fc.constantFrom(...templateTerms), hole, hole, hole, exponent, exponent, integerArb)
    .map(([t, U, V, W, A, B, N]) => substWith(writtenOps, t, { U, V, W, A, B, N }));
}

/** Holes of the templates: mostly symbols, else an expression from `below`. */
function holeArb(below: fc.Arbitrary<Term>): fc.Arbitrary<Term> {
  return fc.oneof({ arbitrary: fc.constantFrom(...LEAF_SYMBOLS), weight: 3 }, { arbitrary: below, weight: 2 });
}

/** Nested expressions of the given depth whose every level may hold a template. */
function nestedArb(depth: number): fc.Arbitrary<Term> {
  return termArb({
    vars: LEAF_SYMBOLS,
    depth,
    build: 'written',
    functions: FUNCTIONS,
    exponents: exponentArb,
    extra: (below) => [
      templateArb(holeArb(below), fc.oneof(exponentArb, below)),
      fc.tuple(logBaseArb, below).map(([base, u]) => call(O.LOG, [base, u])),
      below.map((u) => call(O.NEG, [u])),
      constantArb,
    ],
  });
}

export interface RandomExprOptions {
  /** Nesting depth of the random part. Default: 3. */
  depth?: number;
}

/**
 * Random written expressions: a template with random holes, or a nested random expression
 * that may hold templates at any level.
 * @example fc.sample(randomExpr(), 3) // e.g. sqrt((x - y)^2), log(p*sin(x))/2, (a^x)^(1/2)
 */
export function randomExpr(opts: RandomExprOptions = {}): fc.Arbitrary<Term> {
  const depth = opts.depth ?? 3;
  const small = nestedArb(1);
  return fc.oneof(
    { arbitrary: templateArb(holeArb(small), fc.oneof(exponentArb, small)), weight: 2 },
    // A lone symbol or number tests nothing.
    { arbitrary: nestedArb(depth).filter((t) => t.size >= 3), weight: 3 },
  );
}

// --- points ---------------------------------------------------------------------------------

/** A value for every symbol of `SYMBOLS`, by name. */
export type Point = Record<string, number>;

/** Decimals with three digits: exactly the same number for the float and decimal evaluations. */
function decimals(min: number, max: number): fc.Arbitrary<number> {
  return fc.integer({ min: min * 1000, max: max * 1000 }).map((n) => n / 1000);
}

const realArb: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: decimals(-4, 4), weight: 6 },
  { arbitrary: fc.constantFrom(0, 1, -1, 2, -2, 0.5, -0.5), weight: 1 },
  { arbitrary: decimals(-60, 60), weight: 1 },
  { arbitrary: fc.integer({ min: -99, max: 99 }).map((n) => n / 10000), weight: 1 },
);
const positiveArb: fc.Arbitrary<number> = realArb.map((v) => Math.abs(v)).filter((v) => v > 0);
const nonzeroArb: fc.Arbitrary<number> = realArb.filter((v) => v !== 0);

/**
 * A value that satisfies the assumption bits `flags` (see `Assume`): integers for integer
 * symbols, positive values for positive ones, and so on.
 * @example valueArb(Assume.positive) // 1.234, 0.5, 37.05, ...
 */
export function valueArb(flags: number): fc.Arbitrary<number> {
  const positive = (flags & Assume.positive) !== 0;
  const nonnegative = (flags & Assume.nonnegative) !== 0;
  const nonzero = (flags & Assume.nonzero) !== 0;
  if (flags & Assume.integer) {
    const min = positive ? 1 : nonnegative ? 0 : -5;
    const ints = fc.integer({ min, max: 6 });
    return nonzero ? ints.filter((v) => v !== 0) : ints;
  }
  if (positive) return positiveArb;
  if (nonnegative) return fc.oneof({ arbitrary: positiveArb, weight: 6 }, { arbitrary: fc.constant(0), weight: 1 });
  if (nonzero) return nonzeroArb;
  return realArb;
}

/** One point: a value for each symbol of `SYMBOLS`, respecting its assumptions. */
export const pointArb: fc.Arbitrary<Point> = fc.record(
  Object.fromEntries(Object.entries(SYMBOLS).map(([name, s]) => [name, valueArb(s.flags)])) as Record<string, fc.Arbitrary<number>>,
);

/**
 * Only the coordinates of the symbols of `t`.
 * @example pointOf(parse('x + 1'), { x: 2, y: 3 }) // { x: 2 }
 */
export function pointOf(t: Term, point: Point): Point {
  const names = new Set<string>();
  const stack = [t];
  while (stack.length > 0) {
    const u = stack.pop()!;
    if (u.kind === SYM) names.add(u.name!);
    stack.push(...u.args);
  }
  return Object.fromEntries(Object.entries(point).filter(([k]) => names.has(k)));
}

/** `count` points. */
export function pointsArb(count: number): fc.Arbitrary<Point[]> {
  return fc.array(pointArb, { minLength: count, maxLength: count });
}

// --- cases ----------------------------------------------------------------------------------

/** One case of the soundness check: an expression and the points where to compare. */
export interface SoundnessCase {
  input: Term;
  points: Point[];
}

/**
 * Cases of the soundness check: a random expression and `count` points. fast-check prints a
 * case as the expression's text and the points.
 * @example fc.sample(caseArb(6), 1)[0].input // a random written expression
 */
export function caseArb(count = 6, opts: RandomExprOptions = {}): fc.Arbitrary<SoundnessCase> {
  return fc.tuple(randomExpr(opts), pointsArb(count)).map(([input, points]) => ({
    input,
    points,
    [fc.toStringMethod]: () => `${print(input)} at ${JSON.stringify(points.map((p) => pointOf(input, p)))}`,
  }));
}
