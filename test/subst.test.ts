import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { sym, int, call, type Term } from '../src/term/term.js';
import { Fraction } from '../src/term/number.js';
import { add, mul, pow, apply } from '../src/term/canonical.js';
import { ADD, SIN, ABS, INTEGRAL } from '../src/term/operators.js';
import { writtenOps, termOps } from '../src/term/interface.js';
import { parse } from '../src/term/parse.js';
import { print } from '../src/term/print.js';
import { subst, substWith, equalWith, hashWith, type Substitution } from '../src/term/subst.js';
import { freeSymbols, freeSymbolsWith, hasFreeSymbolWith, boundVariable } from '../src/term/free.js';
import { evaluate } from '../src/term/evaluate.js';
import { EquateError } from '../src/term/errors.js';
import { limits } from '../src/term/limits.js';
import { termArb, exactPointArb } from './support/arbitrary.js';

const x = sym('x'), y = sym('y'), z = sym('z');
const P = (s: string) => parse(s);

describe('substitution', () => {
  test.each<[string, string, Substitution<Term>, string]>([
    ['a number folds', 'x^2 + y', { x: int(3) }, '9 + y'],
    ['a term', 'sin(x) + x', { x: P('y^2') }, 'y^2 + sin(y^2)'],
    ['simultaneous: a swap', 'x - y', { x: y, y: x }, '-x + y'],
    ['simultaneous: no re-substitution', 'x + y', { x: y, y: z }, 'y + z'],
    ['a replacement is not searched again', 'x^2', { x: P('x + 1') }, '(1 + x)^2'],
    ['the result is canonical', 'x + y', { y: P('-x') }, '0'],
    ['a Map by name', 'x*y', new Map([['x', int(2)], ['y', z]]), '2*z'],
    ['a subterm', 'sin(x)^2 + cos(x)^2', new Map([[P('sin(x)'), sym('s')]]), 's^2 + cos(x)^2'],
    ['subterms and names together', 'f(x) + x', new Map<string | Term, Term>([[P('f(x)'), y], ['x', int(1)]]), '1 + y'],
    ['a subterm is matched whole, not inside a replacement', 'f(f(x))', new Map([[P('f(x)'), P('f(x)')]]), 'f(f(x))'],
    ['the outermost match wins', 'f(f(x))', new Map([[P('f(f(x))'), y], [P('f(x)'), z]]), 'y'],
    ['an equation side by side', 'x^2 = y', { x: int(2) }, '4 = y'],
    ['a definite integral binds its variable', 'Integral(x*y, x, 0, x)', { x: int(2) }, 'Integral(x*y, x, 0, 2)'],
    ['inside a definite integral other symbols are replaced', 'Integral(x*y, x, 0, 1)', { y: int(3) }, 'Integral(3*x, x, 0, 1)'],
    ['a subterm mentioning the bound variable is not replaced inside', 'Integral(x*y, x, 0, 1) + x*y', new Map([[P('x*y'), z]]), 'z + Integral(x*y, x, 0, 1)'],
    ['a Derivative variable may become another symbol', 'Derivative(f(x), x, 1)', { x: y }, 'Derivative(f(y), y, 1)'],
    ['an indefinite Integral variable may become another symbol', 'Integral(x^2, x)', { x: y }, 'Integral(y^2, y)'],
    ['undefined functions are not symbols', 'f(x) + f', { f: int(1) }, '1 + f(x)'],
  ])('%s', (_name, src, map, want) => {
    const got = subst(P(src), map);
    expect(print(got)).toBe(want);
    expect(got).toBe(P(want));
  });

  test('__proto__ and constructor are ordinary names', () => {
    const t = add([sym('__proto__'), sym('constructor'), x]);
    const map: Record<string, Term> = {};
    Object.defineProperty(map, '__proto__', { value: int(1), enumerable: true });
    expect(subst(t, map)).toBe(add([int(1), sym('constructor'), x]));
    expect(subst(t, {})).toBe(t);
  });

  test('a symbol key in a Map matches that symbol exactly (assumptions included); a name matches them all', () => {
    const xp = sym('x', ['positive']);
    const t = add([x, mul([int(2), xp])]);
    expect(subst(t, new Map([[xp, int(1)]]))).toBe(add([x, int(2)]));
    expect(subst(t, { x: int(1) })).toBe(int(3));
  });

  test('an unchanged term is returned as is', () => {
    const t = P('x^2 + sin(y)');
    expect(subst(t, { z: int(1) })).toBe(t);
    expect(subst(t, new Map())).toBe(t);
    const written = parse('x - x', { mode: 'written' });
    expect(subst(written, { y: int(1) })).toBe(written);
  });

  test('substWith over writtenOps keeps the written form', () => {
    const t = parse('x - 2*x', { mode: 'written' });
    const got = substWith(writtenOps, t, { x: int(3) });
    expect(print(got)).toBe('3 - 2*3');
    expect(evaluate(got, {})).toBe(-3);
  });

  test('shared subterms are rewritten once', () => {
    let t: Term = x;
    for (let i = 0; i < 300; i++) t = call(ADD, [t, t]); // 2^300 leaves as a tree
    const got = substWith(writtenOps, t, { x: y });
    expect(got.args[0]).toBe(got.args[1]);
    expect(evaluate(got, { y: 1 })).toBe(2 ** 300);
    expect(subst(t, { x: y })).toBe(mul([pow(int(2), int(300)), y]));
  });

  test(`a term ${limits.maxDepth} levels deep`, () => {
    let t: Term = x;
    for (let i = 1; i < limits.maxDepth; i++) t = call(SIN, [t]);
    expect(subst(t, { x: int(0) })).toBe(int(0)); // sin(0) folds, level by level
    const renamed = subst(t, { x: y });
    expect(renamed.depth).toBe(limits.maxDepth);
    expect(freeSymbols(renamed)).toEqual(new Set([y]));
  });

  test.each<[string, () => unknown, RegExp]>([
    ['a number for a Derivative variable', () => subst(P('Derivative(f(x), x, 1)'), { x: int(2) }),
      /subst: cannot replace x, the variable of Derivative, by 2 \(not a symbol\)/],
    ['a sum for an indefinite Integral variable', () => subst(P('Integral(x, x)'), { x: P('y + 1') }),
      /cannot replace x, the variable of Integral, by 1 \+ y/],
    ['a replacement that is not a term', () => subst(x, { x: 3 as unknown as Term }), /the replacement for x is not a term/],
    ['a missing replacement', () => subst(x, new Map([['x', undefined as unknown as Term]])), /no replacement term for x/],
    ['a substitution that is not a record', () => subst(x, null as unknown as Substitution<Term>), /must be a record or a Map/],
  ])('%s is an EquateError', (_name, run, message) => {
    expect(run).toThrow(EquateError);
    expect(run).toThrow(message);
  });
});

describe('free symbols', () => {
  test.each<[string, string, string[]]>([
    ['symbols of a sum', 'x^2 + sin(y)', ['x', 'y']],
    ['numbers and constants are not symbols', 'pi + 2*e', []],
    ['function names are not symbols', 'f(x) + g(2)', ['x']],
    ['the variable of a definite integral is bound', 'Integral(x*y, x, 0, a)', ['a', 'y']],
    ['but free in its limits', 'Integral(x, x, 0, x)', ['x']],
    ['and free outside it', 'Integral(x, x, 0, 1) + x', ['x']],
    ['nested definite integrals', 'Integral(Integral(x*y, y, 0, x), x, 0, 1)', []],
    ['an indefinite integral does not bind', 'Integral(x*y, x)', ['x', 'y']],
    ['the variable of a Derivative is free', 'Derivative(f(x), x, 1)', ['x']],
    ['both sides of an equation', 'a = b + 1', ['a', 'b']],
  ])('%s', (_name, src, want) => {
    const t = P(src);
    expect([...freeSymbolsWith(termOps, t)].sort()).toEqual(want);
    expect([...freeSymbols(t)].map((s) => s.name).sort()).toEqual(want);
  });

  test('symbol terms keep their assumptions', () => {
    const xp = sym('x', ['positive']);
    const t = add([x, xp]);
    expect(freeSymbols(t)).toEqual(new Set([x, xp]));
    expect(freeSymbolsWith(termOps, t)).toEqual(new Set(['x']));
  });

  test('a shared subterm inside and outside a definite integral', () => {
    const xy = mul([x, y]);
    const t = add([xy, call(INTEGRAL, [xy, x, int(0), int(1)])]);
    expect(freeSymbolsWith(termOps, t)).toEqual(new Set(['x', 'y']));
    expect(freeSymbolsWith(termOps, call(INTEGRAL, [xy, x, int(0), int(1)]))).toEqual(new Set(['y']));
  });
});

describe('laws', () => {
  const exactTerms = termArb({ vars: ['x', 'y', 'z'], functions: [ABS] });
  const replacements = termArb({ vars: ['y', 'z'], functions: [ABS], depth: 2 });

  /** Exact value, or undefined where it has none. */
  function exactly(t: Term, env: Record<string, Fraction>): Fraction | undefined {
    try {
      return evaluate(t, env, { mode: 'exact' });
    } catch (e) {
      if (e instanceof EquateError && e.message.startsWith('not exact')) return undefined;
      throw e;
    }
  }

  test('subst then evaluate equals evaluate with the extended environment (exactly)', () => {
    let compared = 0;
    fc.assert(
      fc.property(exactTerms, replacements, replacements, exactPointArb(['y', 'z']), (t, u, w, env) => {
        const uv = exactly(u, env), wv = exactly(w, env);
        fc.pre(uv !== undefined && wv !== undefined);
        // Simultaneous: u and w are evaluated in the original environment.
        const lhs = exactly(subst(t, { x: u, y: w }), env);
        const rhs = exactly(t, { ...env, x: uv!, y: wv! });
        if (lhs !== undefined && rhs !== undefined) {
          expect(lhs.equals(rhs)).toBe(true);
          compared++;
        }
      }),
      { numRuns: 500 },
    );
    expect(compared).toBeGreaterThan(200);
  });

  test('subst of a symbol by itself, or of absent symbols, is the identity', () => {
    fc.assert(
      fc.property(termArb({ vars: ['x', 'y'] }), (t) => {
        expect(subst(t, { x })).toBe(t);
        expect(subst(t, { w: int(1) })).toBe(t);
      }),
    );
  });

  test('substituting a fresh symbol and back is the identity (on canonical terms)', () => {
    fc.assert(
      fc.property(termArb({ vars: ['x', 'y'] }), (t) => {
        expect(subst(subst(t, { x: sym('fresh') }), { fresh: x })).toBe(t);
      }),
    );
  });

  test('free symbols of a substitution: those of t without the replaced, plus those of the replacements used', () => {
    fc.assert(
      fc.property(termArb({ vars: ['x', 'y'] }), termArb({ vars: ['z'], depth: 1 }), (t, u) => {
        const free = freeSymbolsWith(termOps, t);
        const got = freeSymbolsWith(termOps, subst(t, { x: u }));
        const bound = new Set([...free].filter((s) => s !== 'x'));
        if (free.has('x')) for (const s of freeSymbolsWith(termOps, u)) bound.add(s);
        // Canonical simplification may only remove symbols (x - x is 0).
        for (const s of got) expect(bound.has(s)).toBe(true);
      }),
    );
  });

  test('apply of a function over a substituted argument is the substitution of the application', () => {
    fc.assert(
      fc.property(termArb({ vars: ['x', 'y'] }), termArb({ vars: ['y'], depth: 1 }), (t, u) => {
        expect(subst(apply(SIN, [t]), { x: u })).toBe(apply(SIN, [subst(t, { x: u })]));
      }),
    );
  });
});

describe('doc examples', () => {
  test('subst, substWith, equalWith, hashWith', () => {
    expect(substWith(termOps, parse('x^2 + y'), { x: int(3) })).toBe(parse('9 + y'));
    expect(subst(parse('x + y'), { x: sym('y'), y: sym('x') })).toBe(parse('x + y'));
    expect(subst(parse('sin(x)^2 + 1'), new Map([[parse('sin(x)'), sym('s')]]))).toBe(parse('1 + s^2'));
    expect(equalWith(writtenOps, parse('x + 1', { mode: 'written' }), parse('x + 1', { mode: 'written' }))).toBe(true);
    expect(hashWith(termOps, parse('x + 1')) === hashWith(termOps, parse('1 + x'))).toBe(true);
  });

  test('freeSymbols, freeSymbolsWith, hasFreeSymbolWith, boundVariable', () => {
    expect(freeSymbolsWith(termOps, parse('Integral(x*y, x, 0, a)'))).toEqual(new Set(['y', 'a']));
    expect(freeSymbols(add([x, mul([int(2), y])]))).toEqual(new Set([x, y]));
    expect(hasFreeSymbolWith(termOps, parse('sin(x) + y'), 'x')).toBe(true);
    expect(hasFreeSymbolWith(termOps, parse('Integral(x, x, 0, 1)'), 'x')).toBe(false);
    expect(boundVariable(termOps, parse('Integral(x^2, x, 0, 1)'))).toBe('x');
    expect(boundVariable(termOps, parse('Integral(x^2, x)'))).toBe(null);
  });
});
