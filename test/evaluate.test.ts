import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { sym, num, int, call, type Term } from '../src/term/term.js';
import { exact, Fraction, formatValue } from '../src/term/number.js';
import { add, mul, pow, sub, div, apply } from '../src/term/canonical.js';
import {
  ADD, SUB, NEG, DIV, SQRT, POW, SIN, COS, EXP, LOG, PI, E, EQ, LT, GE, NE, FACTORIAL, DERIVATIVE, INTEGRAL, ABS, ATAN,
} from '../src/term/operators.js';
import { fn, derivedFn } from '../src/term/operator.js';
import { writtenOps, termOps } from '../src/term/interface.js';
import { evaluate, evaluateWith, type Env } from '../src/term/evaluate.js';
import { parse } from '../src/term/parse.js';
import { EquateError } from '../src/term/errors.js';
import { limits } from '../src/term/limits.js';
import { termArb, pointArb, exactPointArb } from './support/arbitrary.js';
import { subterms } from './support/subterms.js';

const x = sym('x'), y = sym('y');
const q = (n: number, d: number) => num(exact(n, d));
const f = fn('f');

/** The largest magnitude of any subterm's float value (the scale of rounding errors). */
function scale(t: Term, env: Env): number {
  let m = 1;
  for (const u of subterms(t)) m = Math.max(m, Math.abs(evaluate(u, env)));
  return m;
}

/**
 * No catastrophic cancellation (a sum far smaller than its terms) and no value near underflow
 * anywhere in t: there float rounding stays within a few ulps of the largest intermediate value.
 */
function wellConditioned(t: Term, env: Env): boolean {
  for (const u of subterms(t)) {
    const v = Math.abs(evaluate(u, env));
    if (v !== 0 && v < 1e-100) return false;
    if (u.op === ADD) {
      const terms = u.args.reduce((s, a) => s + Math.abs(evaluate(a, env)), 0);
      if (v < 1e-6 * terms) return false;
    }
  }
  return true;
}

describe('float evaluation', () => {
  test.each<[string, Term, Env, number]>([
    ['x^2 + 1 at 3', add([pow(x, int(2)), int(1)]), { x: 3 }, 10],
    ['x y at 1.5, 2', mul([x, y]), { x: 1.5, y: 2 }, 3],
    ['1/3 + 1/6', add([q(1, 3), q(1, 6)]), {}, 0.5],
    ['exact leaves become floats', q(1, 4), {}, 0.25],
    ['pi', call(PI, []), {}, Math.PI],
    ['e', call(E, []), {}, Math.E],
    ['exp(1)', call(EXP, [x]), { x: 1 }, Math.E],
    ['log(2, 8) (base 2)', call(LOG, [int(2), x]), { x: 8 }, 3],
    ['0^-1 is Infinity', call(POW, [int(0), int(-1)]), {}, Infinity],
    ['-1/0 is -Infinity', mul([int(-1), pow(x, int(-1))]), { x: 0 }, -Infinity],
    ['log(-1) is NaN', call(LOG, [int(-1)]), {}, NaN],
    ['sqrt(-1) is NaN', call(SQRT, [int(-1)]), {}, NaN],
    ['(-8)^(1/3) is NaN (real powers only)', call(POW, [int(-8), q(1, 3)]), {}, NaN],
    ['factorial(5)', call(FACTORIAL, [x]), { x: 5 }, 120],
    ['factorial(0.5) is NaN', call(FACTORIAL, [x]), { x: 0.5 }, NaN],
    ['abs(-2.5)', call(ABS, [x]), { x: -2.5 }, 2.5],
    ['x = x is 1', call(EQ, [x, x]), { x: 2 }, 1],
    ['1 < 2 is 1', call(LT, [int(1), int(2)]), {}, 1],
    ['1 >= 2 is 0', call(GE, [int(1), int(2)]), {}, 0],
    ['NaN != NaN is 1', call(NE, [call(LOG, [int(-1)]), call(LOG, [int(-1)])]), {}, 1],
    ['a bigint value', mul([x, int(2)]), { x: 21n }, 42],
    ['a Fraction value', mul([x, int(2)]), { x: exact(1, 4) }, 0.5],
    ['a Decimal value', mul([x, int(2)]), { x: new Decimal('0.25') }, 0.5],
    ['a Map environment', add([x, y]), new Map([['x', 1], ['y', 2]]), 3],
  ])('%s', (_name, t, env, want) => {
    expect(evaluate(t, env)).toBe(want);
  });

  test('as-written operators evaluate (evaluateWith over writtenOps)', () => {
    const t = call(SUB, [call(DIV, [x, call(NEG, [y])]), call(SQRT, [int(16)])]);
    expect(evaluateWith(writtenOps, t, { x: 6, y: 2 })).toBe(-7);
  });

  test('undefined functions take JS functions from the environment', () => {
    const t = add([call(f, [x, y]), call(fn('g'), [])]);
    expect(evaluate(t, { x: 5, y: 3, f: (a: number, b: number) => a - b, g: () => 10 })).toBe(12);
  });

  test('__proto__ and constructor are ordinary symbol names', () => {
    const t = add([sym('__proto__'), sym('constructor')]);
    expect(evaluate(t, JSON.parse('{"__proto__": 1, "constructor": 2}') as Env)).toBe(3);
    expect(() => evaluate(sym('constructor'), {})).toThrow(/no value for symbol constructor/);
    expect(() => evaluate(sym('toString'), {})).toThrow(/no value for symbol toString/);
    expect(() => evaluate(call(fn('hasOwnProperty'), [x]), { x: 1 })).toThrow(/no value for function hasOwnProperty/);
  });

  test.each<[string, () => unknown, RegExp]>([
    ['an unknown symbol', () => evaluate(add([x, int(1)]), {}), /^no value for symbol x$/],
    ['an unknown function', () => evaluate(call(f, [x]), { x: 1 }), /no value for function f/],
    ['a function where a number is wanted', () => evaluate(x, { x: () => 1 }), /x is a function/],
    ['an unevaluated derivative', () => evaluate(call(DERIVATIVE, [call(f, [x]), x, int(1)]), { x: 1 }), /unevaluated derivative/],
    ['an unevaluated integral', () => evaluate(call(INTEGRAL, [x, x, int(0), int(1)]), {}), /unevaluated integral/],
    ['a derived function', () => evaluate(call(derivedFn(f, [1]), [x]), { x: 1, f: Math.sin }), /no value for the derivative D\[1\]\(f\)/],
    ['an unknown mode', () => evaluate(x, { x: 1 }, { mode: 'fast' as 'float' }), /unknown evaluation mode/],
    ['a bad precision', () => evaluate(x, { x: 1 }, { mode: 'decimal', precision: 0 }), /precision/],
    ['a value that is not a number', () => evaluate(x, { x: 'one' as unknown as number }), /not a number/],
  ])('%s is an EquateError', (_name, run, message) => {
    expect(run).toThrow(EquateError);
    expect(run).toThrow(message);
  });

  test('shared subterms are evaluated once per call', () => {
    let t: Term = call(f, [x]);
    for (let i = 0; i < 200; i++) t = call(ADD, [t, t]); // a tree of 2^200 leaves, 201 distinct nodes
    let calls = 0;
    const env = { x: 1, f: (a: number) => (calls++, a) };
    expect(evaluate(t, env)).toBe(2 ** 200);
    expect(calls).toBe(1);
    expect(evaluate(t, env, { mode: 'decimal' }).toNumber()).toBe(2 ** 200);
    expect(calls).toBe(2);
  });

  test(`a term ${limits.maxDepth} levels deep evaluates without exhausting the stack`, () => {
    let t: Term = x;
    for (let i = 1; i < limits.maxDepth; i++) t = call(i % 2 ? SIN : ATAN, [t]);
    expect(t.depth).toBe(limits.maxDepth);
    let want = 0.5;
    for (let i = 1; i < limits.maxDepth; i++) want = i % 2 ? Math.sin(want) : Math.atan(want);
    expect(evaluate(t, { x: 0.5 })).toBe(want);
    expect(evaluate(t, { x: 0.5 }, { mode: 'decimal', precision: 20 }).toNumber()).toBeCloseTo(want, 12);
  });
});

describe('decimal evaluation', () => {
  test.each<[string, Term, Env, number | undefined, string]>([
    ['1/3 at 30 digits', q(1, 3), {}, 30, '0.333333333333333333333333333333'],
    ['pi at 50 digits (the default)', call(PI, []), {}, undefined, '3.1415926535897932384626433832795028841971693993751'],
    ['e at 40 digits', call(E, []), {}, 40, '2.718281828459045235360287471352662497757'],
    ['sqrt(2) at 40 digits', apply(SQRT, [int(2)]), {}, 40, '1.41421356237309504880168872420969807857'],
    ['2^100 exactly', pow(x, int(100)), { x: 2 }, 50, '1267650600228229401496703205376'],
    ['0.1 + 0.2 reads the floats as written', add([x, y]), { x: 0.1, y: 0.2 }, 20, '0.3'],
    ['factorial(25) exactly (no decimal field: exact)', call(FACTORIAL, [x]), { x: 25 }, 50, '15511210043330985984000000'],
    ['factorial(1/2) is NaN', call(FACTORIAL, [x]), { x: exact(1, 2) }, 50, 'NaN'],
    ['log(-1) is NaN', call(LOG, [int(-1)]), {}, 20, 'NaN'],
    ['1/0 is Infinity', call(DIV, [int(1), int(0)]), {}, 20, 'Infinity'],
    ['1/3 < 1/2 is 1', call(LT, [q(1, 3), q(1, 2)]), {}, 20, '1'],
    ['an undefined function gets Decimals', call(f, [x]), { x: 2, f: (d: Decimal) => d.sqrt() }, 20, '1.4142135623730950488'],
  ])('%s', (_name, t, env, precision, want) => {
    const v = evaluate(t, env, { mode: 'decimal', precision });
    expect(v).toBeInstanceOf(Decimal);
    expect(v.isInteger() ? v.toFixed() : v.toString()).toBe(want);
  });
});

describe('decimal limits', () => {
  test('sin of a huge argument is an EquateError, and leaves decimal evaluation intact', () => {
    const huge = apply(SIN, [pow(int(10), int(3000))]);
    const run = () => evaluate(huge, {}, { mode: 'decimal' });
    expect(run).toThrow(EquateError);
    expect(run).toThrow(/cannot evaluate sin\(1e\+3000\) at 50 digits: precision limit exceeded/);
    // decimal.js left its precision raised when it threw: evaluation resets it.
    expect(evaluate(call(PI, []), {}, { mode: 'decimal' }).toString()).toBe('3.1415926535897932384626433832795028841971693993751');
    expect(evaluate(apply(SQRT, [int(2)]), {}, { mode: 'decimal', precision: 20 }).toString()).toBe('1.4142135623730950488');
  });

  test('pi beyond the digits decimal.js holds is an EquateError', () => {
    expect(() => evaluate(call(PI, []), {}, { mode: 'decimal', precision: 5000 })).toThrow(/cannot evaluate pi at 5000 digits: precision limit exceeded/);
  });
});

describe('exact evaluation', () => {
  test.each<[string, Term, Env, string]>([
    ['(1/3 + 1/6)^2 is 1/4', pow(add([q(1, 3), q(1, 6)]), int(2)), {}, '1/4'],
    ['x^2 + 1/3 at 1/2 is 7/12', add([pow(x, int(2)), q(1, 3)]), { x: exact(1, 2) }, '7/12'],
    ['8^(2/3) is 4', call(POW, [int(8), q(2, 3)]), {}, '4'],
    ['integers and bigints are exact', mul([x, y]), { x: 3, y: 10n ** 20n }, '300000000000000000000'],
    ['a Decimal is its exact value', x, { x: new Decimal('0.125') }, '1/8'],
    ['exp(0) is 1', call(EXP, [x]), { x: 0 }, '1'],
    ['abs(-2/3)', call(ABS, [x]), { x: exact(-2, 3) }, '2/3'],
    ['factorial(20)', call(FACTORIAL, [int(20)]), {}, '2432902008176640000'],
    ['relations are 1 or 0', call(LT, [q(1, 3), x]), { x: exact(1, 2) }, '1'],
    ['as-written division', call(DIV, [int(1), call(SUB, [int(3), int(1)])]), {}, '1/2'],
    ['an undefined function gets Fractions', call(f, [x]), { x: exact(1, 3), f: (a: Fraction) => a.mul(3) }, '1'],
  ])('%s', (_name, t, env, want) => {
    const v = evaluate(t, env, { mode: 'exact' });
    expect(v).toBeInstanceOf(Fraction);
    expect(formatValue(v)).toBe(want);
  });

  test.each<[string, Term, Env, RegExp]>([
    ['sqrt(2)', call(SQRT, [int(2)]), {}, /^not exact: sqrt\(2\)$/],
    ['pi', call(PI, []), {}, /^not exact: pi$/],
    ['sin(1)', call(SIN, [int(1)]), {}, /^not exact: sin\(1\)$/],
    ['a float leaf', mul([num(1.5), x]), { x: 1 }, /^not exact: the float 1\.5$/],
    ['a float value', x, { x: 0.5 }, /not exact: the value of x is the float 0\.5/],
    ['1/0', call(DIV, [int(1), int(0)]), {}, /not exact: \/\(1, 0\)/],
    ['log(2)', call(LOG, [int(2)]), {}, /not exact: log\(2\)/],
  ])('%s is not exact', (_name, t, env, message) => {
    expect(() => evaluate(t, env, { mode: 'exact' })).toThrow(EquateError);
    expect(() => evaluate(t, env, { mode: 'exact' })).toThrow(message);
  });
});

describe('laws', () => {
  const vars = ['x', 'y'];

  test('float agrees with decimal at 50 digits to 1e-12 of the largest intermediate value (where well conditioned)', () => {
    fc.assert(
      fc.property(termArb({ vars, floats: true }), pointArb(vars, -3, 3), (t, env) => {
        const v = evaluate(t, env);
        const m = scale(t, env);
        fc.pre(Number.isFinite(v) && Number.isFinite(m) && m < 1e12 && wellConditioned(t, env));
        const d = evaluate(t, env, { mode: 'decimal' });
        expect(d.isFinite()).toBe(true);
        expect(Math.abs(d.toNumber() - v)).toBeLessThanOrEqual(1e-12 * m);
      }),
      { numRuns: 300 },
    );
  });

  test('exact evaluation agrees with float wherever it succeeds', () => {
    const arb = termArb({ vars, functions: [ABS, EXP, SQRT] });
    fc.assert(
      fc.property(arb, exactPointArb(vars), (t, env) => {
        let v: Fraction;
        try {
          v = evaluate(t, env, { mode: 'exact' });
        } catch (e) {
          expect(e).toBeInstanceOf(EquateError);
          expect((e as Error).message).toMatch(/^not exact: /);
          return;
        }
        const float = evaluate(t, env);
        const m = scale(t, env);
        fc.pre(Number.isFinite(m));
        expect(Math.abs(Number(v.valueOf()) - float)).toBeLessThanOrEqual(1e-12 * m);
      }),
      { numRuns: 300 },
    );
  });

  test('evaluate over the canonical form agrees with the written form', () => {
    // 2 (x + 1) - x written as a tree and built canonically (x + 2).
    const written = call(SUB, [call(DIV, [call(POW, [x, int(2)]), x]), call(NEG, [call(COS, [x])])]);
    const canonical = sub(div(pow(x, int(2)), x), mul([int(-1), apply(COS, [x])]));
    for (const v of [0.3, 1.7, -2.2]) expect(evaluateWith(writtenOps, written, { x: v })).toBeCloseTo(evaluateWith(termOps, canonical, { x: v }), 12);
  });
});

describe('doc examples', () => {
  test('evaluate and evaluateWith', () => {
    expect(evaluateWith(termOps, parse('x^2 + 1'), { x: 3 })).toBe(10);
    expect(evaluate(parse('sin(x)^2 + cos(x)^2'), { x: 0.3 })).toBeCloseTo(1, 15);
    expect(evaluate(parse('(1/3 + 1/6)^2'), {}, { mode: 'exact' })).toEqual(exact(1, 4));
    expect(evaluate(parse('pi'), {}, { mode: 'decimal', precision: 30 }).toString()).toBe('3.14159265358979323846264338328');
  });
});
