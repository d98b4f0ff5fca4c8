import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { sym, num, int, call, type Term } from '../src/term/term.js';
import { exact } from '../src/term/number.js';
import { add, mul, pow, apply, canonicalize, neg } from '../src/term/canonical.js';
import {
  ADD, SUB, NEG, DIV, SQRT, POW, SIN, COS, TAN, SEC, EXP, LOG, ATAN, ABS, PI, EQ, LT, FACTORIAL, DERIVATIVE, INTEGRAL, MUL,
} from '../src/term/operators.js';
import { fn, derivedFn } from '../src/term/operator.js';
import { writtenOps, termOps } from '../src/term/interface.js';
import { diff, diffWith } from '../src/term/diff.js';
import { evaluate, type Env } from '../src/term/evaluate.js';
import { EquateError } from '../src/term/errors.js';
import { limits } from '../src/term/limits.js';
import { parse } from '../src/term/parse.js';
import { print } from '../src/term/print.js';
import { termArb, pointArb } from './support/arbitrary.js';

const x = sym('x'), y = sym('y'), t = sym('t');
const q = (n: number, d: number) => num(exact(n, d));
const f = fn('f'), g = fn('g');
const F = (...args: Term[]) => call(f, args);
const G = (...args: Term[]) => call(g, args);
const D = (e: Term, v: Term, n = 1) => call(DERIVATIVE, [e, v, int(n)]);
const fx = F(x), gx = G(x);
const sq = (u: Term) => pow(u, int(2));
const fun = (op: typeof SIN, ...args: Term[]) => apply(op, args);

describe('derivatives of parsed expressions', () => {
  test.each<[string, string, number, string]>([
    ['x^3 + sin(x)', 'x', 1, '3*x^2 + cos(x)'],
    ['sin(x^2)', 'x', 1, '2*x*cos(x^2)'],
    ['tan(x)', 'x', 1, 'sec(x)^2'],
    ['1/(1 + x^2)', 'x', 1, '-2*x/(1 + x^2)^2'],
    ['x^n', 'x', 1, 'n*x^(-1 + n)'],
    ['a^x', 'x', 1, 'a^x*log(a)'],
    ['2^x', 'x', 1, '2^x*log(2)'],
    ['e^(2x)', 'x', 1, '2*exp(2*x)'],
    ['pi*x', 'x', 1, 'pi'],
    ['asin(x)', 'x', 1, '1/sqrt(1 - x^2)'],
    ['acos(x)', 'x', 1, '-1/sqrt(1 - x^2)'],
    ['cosh(x)*sinh(x)', 'x', 1, 'cosh(x)^2 + sinh(x)^2'],
    ['tanh(x)', 'x', 1, '1 - tanh(x)^2'],
    ['csc(x)', 'x', 1, '-cot(x)*csc(x)'],
    ['cot(x)', 'x', 1, '-csc(x)^2'],
    ['abs(x)', 'x', 1, 'x/abs(x)'],
    ['log(x)^2', 'x', 1, '2*log(x)/x'],
    ['exp(x)*sin(x)', 'x', 2, '2*cos(x)*exp(x)'],
    ['f(x)', 'x', 1, 'Derivative(f(x), x, 1)'],
    ['f(x)', 'x', 3, 'Derivative(f(x), x, 3)'],
    ['f(x, y)', 'x', 1, 'Derivative(f(x, y), x, 1)'],
    ['f(g(x))', 'x', 1, "f'(g(x))*Derivative(g(x), x, 1)"],
    ['f(x)*g(x)', 'x', 1, 'Derivative(f(x), x, 1)*g(x) + Derivative(g(x), x, 1)*f(x)'],
    ['Integral(f(t), t, 0, x^2)', 'x', 1, '2*x*f(x^2)'],
    ['Integral(x*t, t, 0, x)', 'x', 1, 'x^2 + Integral(t, t, 0, x)'],
    ['x^2*y + y^3 = 1', 'x', 1, '2*x*y = 0'],
    ['x!', 'x', 1, 'Derivative(x!, x, 1)'],
  ])('d^%3$s/d%2$s^%3$s %1$s is %4$s', (src, v, n, want) => {
    const d = diff(parse(src), v, n);
    expect(print(d)).toBe(want);
    expect(d).toBe(parse(want));
  });
});

describe('derivatives', () => {
  test.each<[string, Term, Term, Term]>([
    ['x', x, x, int(1)],
    ['another symbol', y, x, int(0)],
    ['a number', q(2, 3), x, int(0)],
    ['pi', call(PI, []), x, int(0)],
    ['x^3 is 3 x^2', pow(x, int(3)), x, mul([int(3), sq(x)])],
    ['x^-1 is -x^-2', pow(x, int(-1)), x, mul([int(-1), pow(x, int(-2))])],
    ['3 x^2 + 2 x + 1', add([mul([int(3), sq(x)]), mul([int(2), x]), int(1)]), x, add([mul([int(6), x]), int(2)])],
    ['x y with respect to y', mul([x, y]), y, x],
    ['sin(x^2) is 2 x cos(x^2)', fun(SIN, sq(x)), x, mul([int(2), x, fun(COS, sq(x))])],
    ['cos(x) is -sin(x)', fun(COS, x), x, neg(fun(SIN, x))],
    ['tan(x) is sec(x)^2', fun(TAN, x), x, sq(fun(SEC, x))],
    ['exp(2 x) is 2 exp(2 x)', fun(EXP, mul([int(2), x])), x, mul([int(2), fun(EXP, mul([int(2), x]))])],
    ['log(x) is x^-1', fun(LOG, x), x, pow(x, int(-1))],
    ['log(2, x) is (x log 2)^-1', fun(LOG, int(2), x), x, mul([pow(x, int(-1)), pow(fun(LOG, int(2)), int(-1))])],
    ['sqrt(x) is x^(-1/2) / 2', call(SQRT, [x]), x, mul([q(1, 2), pow(x, q(-1, 2))])],
    ['atan(x) is (1 + x^2)^-1', fun(ATAN, x), x, pow(add([int(1), sq(x)]), int(-1))],
    ['abs(x) is x / abs(x)', fun(ABS, x), x, mul([x, pow(fun(ABS, x), int(-1))])],
    ['x^x is x^x + x^x log(x)', pow(x, x), x, add([pow(x, x), mul([pow(x, x), fun(LOG, x)])])],
    ['sin(y) does not depend on x', fun(SIN, y), x, int(0)],
    ['as written: x - y', call(SUB, [x, y]), x, int(1)],
    ['as written: x / y', call(DIV, [x, y]), x, pow(y, int(-1))],
    ['as written: -x', call(NEG, [x]), x, int(-1)],
    ['as written: 1 / x', call(DIV, [int(1), x]), x, mul([int(-1), pow(x, int(-2))])],
    // Undefined functions (SymPy's forms).
    ['f(x) is Derivative(f(x), x, 1)', fx, x, D(fx, x)],
    ['f(x, y) is Derivative(f(x, y), x, 1)', F(x, y), x, D(F(x, y), x)],
    ['f(x, y) by y', F(x, y), y, D(F(x, y), y)],
    ['f(y) does not depend on x', F(y), x, int(0)],
    ['f() is constant', F(), x, int(0)],
    ['f(g(x)) is D[1](f)(g(x)) Derivative(g(x), x, 1)', F(gx), x, mul([call(derivedFn(f, [1]), [gx]), D(gx, x)])],
    ['f(x^2) is 2 x D[1](f)(x^2)', F(sq(x)), x, mul([int(2), x, call(derivedFn(f, [1]), [sq(x)])])],
    ['f(x, x) is D[1](f)(x, x) + D[2](f)(x, x)', F(x, x), x, add([call(derivedFn(f, [1]), [x, x]), call(derivedFn(f, [2]), [x, x])])],
    ['f(x, 2) is D[1](f)(x, 2)', F(x, int(2)), x, call(derivedFn(f, [1]), [x, int(2)])],
    ['D[1](f)(x^2) is 2 x D[1,1](f)(x^2)', call(derivedFn(f, [1]), [sq(x)]), x, mul([int(2), x, call(derivedFn(f, [1, 1]), [sq(x)])])],
    ['D[2](f)(x, g(x))', call(derivedFn(f, [2]), [x, gx]), x,
      add([call(derivedFn(f, [1, 2]), [x, gx]), mul([call(derivedFn(f, [2, 2]), [x, gx]), D(gx, x)])])],
    ['sin(f(x)) is cos(f(x)) Derivative(f(x), x, 1)', fun(SIN, fx), x, mul([fun(COS, fx), D(fx, x)])],
    // Unevaluated calculus.
    ['Derivative(f(x), x, 1) is Derivative(f(x), x, 2)', D(fx, x), x, D(fx, x, 2)],
    ['Derivative(f(x, y), x, 2) by y', D(F(x, y), x, 2), y, D(D(F(x, y), x, 2), y)],
    ['Derivative(f(y), y, 1) by x is 0', D(F(y), y), x, int(0)],
    ['Integral(f(x), x) is f(x)', call(INTEGRAL, [fx, x]), x, fx],
    ['Integral(x y, y) by x is Integral(y, y)', call(INTEGRAL, [mul([x, y]), y]), x, call(INTEGRAL, [y, y])],
    ['Integral(y, y) by x is 0', call(INTEGRAL, [y, y]), x, int(0)],
    ['Integral(x t, t, 0, x): Leibniz', call(INTEGRAL, [mul([x, t]), t, int(0), x]), x, add([sq(x), call(INTEGRAL, [t, t, int(0), x])])],
    ['Integral(sin(t), t, x, x^2): both limits', call(INTEGRAL, [fun(SIN, t), t, x, sq(x)]), x,
      add([mul([int(2), x, fun(SIN, sq(x))]), neg(fun(SIN, x))])],
    ['Integral(f(x), x, 0, 1): x is bound', call(INTEGRAL, [fx, x, int(0), int(1)]), x, int(0)],
    ['factorial(x) stays unevaluated', call(FACTORIAL, [x]), x, D(call(FACTORIAL, [x]), x)],
    ['factorial(x^2) stays unevaluated', call(FACTORIAL, [sq(x)]), x, D(call(FACTORIAL, [sq(x)]), x)],
    ['factorial(y) is 0', call(FACTORIAL, [y]), x, int(0)],
    // Relations side by side.
    ['x^2 = sin(x) is 2 x = cos(x)', call(EQ, [sq(x), fun(SIN, x)]), x, call(EQ, [mul([int(2), x]), fun(COS, x)])],
    ['f(x) = y is Derivative(f(x), x, 1) = 0', call(EQ, [fx, y]), x, call(EQ, [D(fx, x), int(0)])],
    ['x < y is 1 < 0', call(LT, [x, y]), x, call(LT, [int(1), int(0)])],
  ])('%s', (_name, e, v, want) => {
    expect(diff(e, v)).toBe(want);
  });

  test.each<[string, Term, number, Term]>([
    ['x^3 three times is 6', pow(x, int(3)), 3, int(6)],
    ['x^3 four times is 0', pow(x, int(3)), 4, int(0)],
    ['sin(x) four times is sin(x)', fun(SIN, x), 4, fun(SIN, x)],
    ['exp(x^2) twice', fun(EXP, sq(x)), 2, add([mul([int(2), fun(EXP, sq(x))]), mul([int(4), sq(x), fun(EXP, sq(x))])])],
    ['f(x) twice is Derivative(f(x), x, 2)', fx, 2, D(fx, x, 2)],
    ['f(g(x)) twice', F(gx), 2, add([
      mul([call(derivedFn(f, [1, 1]), [gx]), sq(D(gx, x))]),
      mul([call(derivedFn(f, [1]), [gx]), D(gx, x, 2)]),
    ])],
    ['order 0 is the term itself', fun(SIN, x), 0, fun(SIN, x)],
  ])('%s', (_name, e, n, want) => {
    expect(diff(e, x, n)).toBe(want);
  });

  test('the variable may be given by name', () => {
    expect(diff(pow(x, int(2)), 'x')).toBe(mul([int(2), x]));
  });

  test('written-mode terms differentiate to written-mode results (diffWith over writtenOps)', () => {
    const e = call(POW, [x, int(3)]);
    const d = diffWith(writtenOps, e, x);
    expect(d).toBe(call(MUL, [int(3), call(POW, [x, call(ADD, [int(3), int(-1)])])]));
    expect(canonicalize(d)).toBe(diff(e, x));
  });

  test.each<[string, () => unknown, RegExp]>([
    ['a number as the variable', () => diff(x, int(2)), /cannot differentiate with respect to 2: not a symbol/],
    ['a sum as the variable', () => diff(x, add([x, int(1)])), /cannot differentiate with respect to 1 \+ x: not a symbol/],
    ['a negative order', () => diff(x, x, -1), /order of a derivative must be a whole number/],
    ['a fractional order', () => diff(x, x, 1.5), /order of a derivative must be a whole number/],
  ])('%s is an EquateError', (_name, run, message) => {
    expect(run).toThrow(EquateError);
    expect(run).toThrow(message);
  });

  test(`terms ${limits.maxDepth} levels deep differentiate without exhausting the stack`, () => {
    let e: Term = x;
    for (let i = 1; i < limits.maxDepth; i++) e = call(NEG, [e]);
    expect(diff(e, x)).toBe(int(-1)); // an odd number of negations
    // As written (a canonical product of thousands of factors is slow to build): the chain
    // rule nests one product per level, so the result is about as deep as the input.
    const n = limits.maxDepth - 10;
    let s: Term = x;
    for (let i = 1; i < n; i++) s = call(SIN, [s]);
    const d = diffWith(writtenOps, s, x);
    const v = 0.3;
    let want = 1, u = v;
    for (let i = 1; i < n; i++) {
      want *= Math.cos(u);
      u = Math.sin(u);
    }
    expect(evaluate(d, { x: v }) / want).toBeCloseTo(1, 12);
  });
});

/**
 * The derivative of t in `v` at `env` by central differences with Richardson extrapolation,
 * or undefined where t is not smooth or not defined nearby.
 */
function finiteDifference(e: Term, env: Record<string, number>, v: string): number | undefined {
  const x0 = env[v]!;
  const h = 1e-3 * Math.max(1, Math.abs(x0));
  const at = (dx: number) => evaluate(e, { ...env, [v]: x0 + dx });
  const d1 = (at(h) - at(-h)) / (2 * h);
  const d2 = (at(h / 2) - at(-h / 2)) / h;
  const d3 = (at(h / 4) - at(-h / 4)) / (h / 2);
  if (![d1, d2, d3].every(Number.isFinite)) return undefined;
  const r1 = (4 * d2 - d1) / 3, r2 = (4 * d3 - d2) / 3;
  if (Math.abs(r1 - r2) > 1e-6 * Math.max(1, Math.abs(r2))) return undefined;
  // One-sided differences must agree too (abs(x) at 0 has symmetric central differences).
  const forward = (at(h / 4) - at(0)) / (h / 4), backward = (at(0) - at(-h / 4)) / (h / 4);
  if (Math.abs(forward - backward) > 1e-2 * Math.max(1, Math.abs(r2))) return undefined;
  return r2;
}

/** Whether every subterm of e has a finite value at env. */
function definedAt(e: Term, env: Env): boolean {
  const stack = [e];
  while (stack.length > 0) {
    const u = stack.pop()!;
    if (!Number.isFinite(evaluate(u, env))) return false;
    stack.push(...u.args);
  }
  return true;
}

describe('laws', () => {
  const vars = ['x', 'y'];
  test('diff agrees with finite differences wherever the function is smooth', () => {
    let checked = 0;
    fc.assert(
      fc.property(termArb({ vars }), pointArb(vars, -2, 2, { awayFromZero: 1e-3 }), fc.constantFrom('x', 'y'), (e, env, v) => {
        const value = evaluate(e, env);
        fc.pre(Number.isFinite(value) && Math.abs(value) < 1e6 && definedAt(e, env));
        const want = finiteDifference(e, env, v);
        fc.pre(want !== undefined && Math.abs(want) < 1e6);
        const got = evaluate(diff(e, sym(v)), env);
        expect(Math.abs(got - want!)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(want!), Math.abs(value)));
        checked++;
      }),
      { numRuns: 400 },
    );
    expect(checked).toBeGreaterThan(100);
  });

  test('mixed partial derivatives agree (numerically)', () => {
    fc.assert(
      fc.property(termArb({ vars, depth: 2 }), pointArb(vars), (e, env) => {
        const a = evaluate(diff(diff(e, x), y), env), b = evaluate(diff(diff(e, y), x), env);
        fc.pre(Number.isFinite(a) && Number.isFinite(b) && Math.abs(a) < 1e8);
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(a)));
      }),
      { numRuns: 300 },
    );
  });

  test('diff is linear: d(a + c b) = da + c db', () => {
    fc.assert(
      fc.property(termArb({ vars, depth: 2 }), termArb({ vars, depth: 2 }), fc.integer({ min: -5, max: 5 }), pointArb(vars), (a, b, c, env) => {
        const lhs = evaluate(diff(add([a, mul([int(c), b])]), x), env);
        const rhs = evaluate(add([diff(a, x), mul([int(c), diff(b, x)])]), env);
        fc.pre(Number.isFinite(lhs) && Number.isFinite(rhs) && Math.abs(lhs) < 1e8);
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(rhs)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('doc examples', () => {
  test('diff and diffWith', () => {
    expect(print(diffWith(termOps, parse('sin(x^2)'), sym('x')))).toBe('2*x*cos(x^2)');
    expect(print(diff(parse('x^3'), sym('x')))).toBe('3*x^2');
    expect(print(diff(parse('f(x)'), 'x'))).toBe('Derivative(f(x), x, 1)');
  });
});
