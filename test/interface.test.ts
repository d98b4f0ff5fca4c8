/**
 * The term interface is enough: the generic algorithms of `src/term` (substitution, free
 * symbols, differentiation, evaluation, printing) run unchanged on a second, independent
 * representation (plain nested data, `test/support/nested.ts`) and agree with their results
 * on hash-consed terms.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Term, sym, num, call, int } from '../src/term/term.js';
import { exact } from '../src/term/number.js';
import { canonicalize, add, mul, pow, apply } from '../src/term/canonical.js';
import { SIN, ABS, EXP, DERIVATIVE, INTEGRAL } from '../src/term/operators.js';
import { fn } from '../src/term/operator.js';
import { termOps, type TermOps } from '../src/term/interface.js';
import { parse } from '../src/term/parse.js';
import { print, printWith } from '../src/term/print.js';
import { subst, substWith } from '../src/term/subst.js';
import { freeSymbols, freeSymbolsWith } from '../src/term/free.js';
import { diff, diffWith } from '../src/term/diff.js';
import { evaluate, evaluateWith } from '../src/term/evaluate.js';
import { foldWith } from '../src/term/fold.js';
import { EquateError } from '../src/term/errors.js';
import { nestedOps, operatorNamed, s, q, c, type Nested } from './support/nested.js';
import { fromTerm, toTerm } from './support/convert.js';
import { termArb, pointArb, exactPointArb, SMOOTH } from './support/arbitrary.js';
import { subterms } from './support/subterms.js';

/**
 * `nestedOps`, checking that no hash-consed `Term` ever reaches it: the algorithms must build
 * everything through the interface.
 */
const guarded: TermOps<Nested> = (() => {
  const check = (t: unknown): void => {
    if (t instanceof Term) throw new Error('a hash-consed Term reached the nested representation');
  };
  const wrap = <A extends unknown[], R>(f: (...a: A) => R) => (...a: A): R => {
    for (const x of a) {
      check(x);
      if (Array.isArray(x)) x.forEach(check);
    }
    const r = f(...a);
    check(r);
    return r;
  };
  return {
    isCall: wrap(nestedOps.isCall), operation: wrap(nestedOps.operation), args: wrap(nestedOps.args),
    makeTerm: wrap(nestedOps.makeTerm), isSymbol: wrap(nestedOps.isSymbol), symbolName: wrap(nestedOps.symbolName),
    isNumber: wrap(nestedOps.isNumber), numberValue: wrap(nestedOps.numberValue), makeSymbol: wrap(nestedOps.makeSymbol),
    makeNumber: wrap(nestedOps.makeNumber),
  };
})();

const x = s('x'), y = s('y');
const vars = ['x', 'y'];

describe('the nested representation', () => {
  test('converts to and from hash-consed terms', () => {
    fc.assert(
      fc.property(termArb({ vars, floats: true }), (t) => {
        expect(toTerm(fromTerm(t))).toBe(t);
      }),
    );
  });

  test('finds operators by name: built-ins, undefined and derived functions', () => {
    expect(nestedOps.operation(c('+', x, y))).toBe(operatorNamed('+'));
    expect(nestedOps.operation(c('f', x))).toBe(fn('f'));
    expect(toTerm(c('D[1,2](f)', x, y))).toBe(parse("D[1,2](f)(x, y)"));
  });

  test('builds exactly what it is given', () => {
    expect(nestedOps.makeTerm(null, operatorNamed('+'), [x, x])).toEqual(['+', x, x]);
  });
});

describe('substitution', () => {
  test.each<[string, Nested, Map<string | Nested, Nested> | Record<string, Nested>, Nested]>([
    ['by name', c('+', x, c('^', y, q(2))), { x: q(3) }, c('+', q(3), c('^', y, q(2)))],
    ['simultaneous swap', c('-', x, y), { x: y, y: x }, c('-', y, x)],
    ['a subterm, matched structurally', c('+', c('sin', x), c('cos', c('sin', x))), new Map([[c('sin', s('x')), s('u')]]), c('+', s('u'), c('cos', s('u')))],
    ['a symbol key matched by name', c('*', x, x), new Map([[s('x'), q(2)]]), c('*', q(2), q(2))],
    ['numbers of different exactness differ', c('+', q(1), 1), new Map<Nested, Nested>([[q(1), y]]), c('+', y, 1)],
    ['a bound variable', c('Integral', c('*', x, y), x, q(0), x), { x: q(1) }, c('Integral', c('*', x, y), x, q(0), q(1))],
  ])('%s', (_name, t, map, want) => {
    expect(substWith(guarded, t, map)).toEqual(want);
  });

  test('agrees with hash-consed substitution (after canonical form)', () => {
    fc.assert(
      fc.property(termArb({ vars }), termArb({ vars: ['y', 'z'], depth: 2 }), (t, u) => {
        const got = substWith(guarded, fromTerm(t), { x: fromTerm(u) });
        expect(canonicalize(toTerm(got))).toBe(subst(t, { x: u }));
      }),
      { numRuns: 300 },
    );
  });

  test('subterm maps agree with hash-consed substitution', () => {
    fc.assert(
      fc.property(termArb({ vars }), (t) => {
        // Replace every sin(...) and the symbol y: keys are fresh objects, matched structurally.
        const keys = [...new Set(subterms(t).filter((u) => u.op === SIN))];
        const map = new Map<Term, Term>(keys.map((k, i) => [k, sym(`u${i}`)]));
        const nestedMap = new Map<Nested, Nested>(keys.map((k, i) => [fromTerm(k), s(`u${i}`)]));
        const got = substWith(guarded, fromTerm(t), nestedMap);
        expect(canonicalize(toTerm(got))).toBe(subst(t, map));
      }),
      { numRuns: 300 },
    );
  });
});

describe('free symbols', () => {
  test('agree with hash-consed free symbols, in order', () => {
    fc.assert(
      fc.property(termArb({ vars: ['x', 'y', 'z'] }), (t) => {
        expect([...freeSymbolsWith(guarded, fromTerm(t))]).toEqual([...freeSymbols(t)].map((v) => v.name));
      }),
    );
  });

  test('a definite integral binds its variable', () => {
    expect(freeSymbolsWith(guarded, c('+', x, c('Integral', c('*', x, y), x, q(0), s('a'))))).toEqual(new Set(['x', 'y', 'a']));
    expect(freeSymbolsWith(guarded, c('Integral', c('*', x, y), x, q(0), s('a')))).toEqual(new Set(['y', 'a']));
  });
});

describe('differentiation', () => {
  const one = q(1);
  test.each<[string, Nested, Nested]>([
    ['x^3 (unsimplified)', c('^', x, q(3)), c('*', q(3), c('^', x, c('+', q(3), q(-1))))],
    ['f(x)', c('f', x), c('Derivative', c('f', x), x, one)],
    ['f(x, y)', c('f', x, y), c('Derivative', c('f', x, y), x, one)],
    ['f(g(x))', c('f', c('g', x)), c('*', c('D[1](f)', c('g', x)), c('Derivative', c('g', x), x, one))],
    ['D[1](f)(x^2)', c('D[1](f)', c('^', x, q(2))), c('*', c('D[1,1](f)', c('^', x, q(2))), c('*', q(2), c('^', x, c('+', q(2), q(-1)))))],
    ['Derivative(f(x), x, 2)', c('Derivative', c('f', x), x, q(2)), c('Derivative', c('f', x), x, q(3))],
    ['Derivative(f(x, y), y, 1)', c('Derivative', c('f', x, y), y, one), c('Derivative', c('Derivative', c('f', x, y), y, one), x, one)],
    ['Integral(f(x), x)', c('Integral', c('f', x), x), c('f', x)],
    ['x = y', c('=', x, y), c('=', one, q(0))],
    ['factorial(x)', c('factorial', x), c('Derivative', c('factorial', x), x, one)],
    ['a constant', c('sin', y), q(0)],
  ])('%s', (_name, t, want) => {
    expect(diffWith(guarded, t, x)).toEqual(want);
  });

  test('a non-symbol variable is an EquateError', () => {
    expect(() => diffWith(guarded, x, c('+', x, q(1)))).toThrow(EquateError);
  });

  test('agrees with hash-consed differentiation (after canonical form)', () => {
    fc.assert(
      fc.property(termArb({ vars, functions: [...SMOOTH] }), fc.constantFrom('x', 'y'), (t, v) => {
        const got = diffWith(guarded, fromTerm(t), s(v));
        expect(canonicalize(toTerm(got))).toBe(diff(t, sym(v)));
      }),
      { numRuns: 300 },
    );
  });

  test('agrees on undefined functions, derivatives and integrals', () => {
    const f = fn('f'), g = fn('g');
    const X = sym('x'), Y = sym('y'), T = sym('t');
    const cases: Term[] = [
      call(f, [call(g, [X]), mul([X, Y])]),
      mul([call(f, [X]), apply(SIN, [call(g, [X, X])])]),
      call(DERIVATIVE, [call(f, [X, Y]), Y, int(2)]),
      call(INTEGRAL, [mul([X, apply(EXP, [T])]), T, apply(ABS, [X]), pow(X, int(2))]),
      add([call(f, []), call(f, [int(2), X])]),
    ];
    for (const t of cases) {
      expect(canonicalize(toTerm(diffWith(guarded, fromTerm(t), s('x'))))).toBe(diff(t, X));
      // Second derivatives: canonical forms need not coincide (a product over a sum may or may
      // not be distributed), so compare values, with the unevaluated parts as random numbers.
      const got = opaque(canonicalize(toTerm(diffWith(guarded, fromTerm(t), s('x'), 2))));
      const want = opaque(diff(t, X, 2));
      const names = new Set([...freeSymbolsWith(termOps, got), ...freeSymbolsWith(termOps, want)]);
      for (let k = 0; k < 5; k++) {
        const env = Object.fromEntries([...names].map((v, i) => [v, 0.5 + ((7 * i + 3 * k) % 11) / 11]));
        expect(evaluate(got, env)).toBeCloseTo(evaluate(want, env), 9);
      }
    }
  });

  test('higher derivatives agree numerically', () => {
    fc.assert(
      fc.property(termArb({ vars, depth: 2 }), pointArb(vars, -2, 2, { awayFromZero: 0.05 }), (t, env) => {
        const got = evaluateWith(guarded, diffWith(guarded, fromTerm(t), x, 2), env);
        const want = evaluate(diff(t, sym('x'), 2), env);
        fc.pre(Number.isFinite(want) && Math.abs(want) < 1e8);
        expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('evaluation', () => {
  test('float, decimal and exact values are those of the hash-consed term', () => {
    fc.assert(
      fc.property(termArb({ vars, floats: true }), pointArb(vars), exactPointArb(vars), (t, env, exactEnv) => {
        const n = fromTerm(t);
        expect(evaluateWith(guarded, n, env)).toBe(evaluate(t, env));
        const d = (u: () => { toString(): string }) => {
          try {
            return u().toString();
          } catch (e) {
            return (e as Error).message;
          }
        };
        expect(d(() => evaluateWith(guarded, n, env, { mode: 'decimal', precision: 30 }))).toBe(d(() => evaluate(t, env, { mode: 'decimal', precision: 30 })));
        expect(d(() => evaluateWith(guarded, n, exactEnv, { mode: 'exact' }))).toBe(d(() => evaluate(t, exactEnv, { mode: 'exact' })));
      }),
      { numRuns: 300 },
    );
  });

  test('shared subterms are evaluated once, keyed by object', () => {
    let t: Nested = c('f', x);
    for (let i = 0; i < 100; i++) t = c('+', t, t);
    let calls = 0;
    expect(evaluateWith(guarded, t, { x: 1, f: (a: number) => (calls++, a) })).toBe(2 ** 100);
    expect(calls).toBe(1);
  });

  test('unshared equal subterms are still correct', () => {
    expect(evaluateWith(guarded, c('+', c('sin', x), c('sin', x), c('^', x, q(1, 2))), { x: 4 })).toBe(2 * Math.sin(4) + 2);
    expect(evaluateWith(guarded, c('/', q(1), c('+', q(1, 3), q(1, 6))), {}, { mode: 'exact' })).toEqual(exact(2));
  });
});

describe('printing', () => {
  test('prints as the hash-consed term does, and reads back to it', () => {
    fc.assert(
      fc.property(termArb({ vars, floats: true }), (t) => {
        const text = printWith(guarded, fromTerm(t));
        expect(text).toBe(print(t));
        expect(parse(text)).toBe(t);
      }),
    );
  });

  test('prints derivatives computed on nested terms', () => {
    const d = diffWith(guarded, c('f', c('g', x)), x);
    expect(printWith(guarded, d)).toBe("f'(g(x))*Derivative(g(x), x, 1)");
    expect(parse(printWith(guarded, d))).toBe(diff(parse('f(g(x))'), 'x'));
  });
});

describe('folds', () => {
  test('foldWith runs bottom-up on either representation (the doc example: tree size)', () => {
    const size = <T>(ops: TermOps<T>, t: T) =>
      foldWith<T, number>(ops, t, { enter: (u) => (ops.isCall(u) ? undefined : 1), exit: (_u, rs, st) => 1 + rs.slice(st).reduce((a, b) => a + b, 0) });
    fc.assert(
      fc.property(termArb({ vars }), (t) => {
        expect(size(termOps, t)).toBe(t.size);
        expect(size(guarded, fromTerm(t))).toBe(t.size);
      }),
    );
  });
});

/** t with every call of an undefined function, derived function or calculus head replaced by a symbol named after it. */
function opaque(t: Term): Term {
  const map = new Map<Term, Term>();
  for (const u of subterms(t)) {
    const kind = u.op?.kind;
    if (kind === 'undefined' || kind === 'derived' || kind === 'calculus') map.set(u, sym(`[${print(u)}]`));
  }
  return subst(t, map);
}
