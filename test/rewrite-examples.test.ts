/** The `@example`s of src/rewrite, run. */
import { describe, expect, test } from 'vitest';
import { sym, int, num, Assume, type Term } from '../src/term/term.js';
import * as N from '../src/term/number.js';
import { ADD } from '../src/term/operators.js';
import { pow } from '../src/term/canonical.js';
import { parse } from '../src/term/parse.js';
import { parseSexpr, toSexpr } from '../src/term/sexpr.js';
import { termOps, writtenOps } from '../src/term/interface.js';
import {
  parsePattern, patternFromTerm, patternToTerm, printPattern, infixPatternSource, variables, checkPattern, pvar, psegment, pcall,
  registerPredicate, getPredicate, compileMatcher, match, rule, theory, chain, restartedChain, fixpoint, fixpointNoCycle, ifElse,
  passThrough, toRewriter, postwalk, prewalk, rewrite, equalFor,
} from '../src/rewrite/index.js';

const S = (t: Term | null | undefined): string | null => (t == null ? null : toSexpr(t));
const written = (src: string): Term => parse(src, { mode: 'written' });
const addZero = rule('add-zero', '~x + 0 --> ~x', { mode: 'written' });
const mulOne = rule('mul-one', '~x * 1 --> ~x', { mode: 'written' });

describe('pattern.ts', () => {
  test('constructors and readers', () => {
    expect(printPattern(parsePattern('sin(~x)^2 + cos(~x)^2 + ~~rest'))).toBe('(+ ?rest... (^ (cos ?x) 2) (^ (sin ?x) 2))');
    expect(printPattern(parsePattern('(+ (^ (sin ?x) 2) (^ (cos ?x) 2) ?rest...)', { syntax: 'sexpr' }))).toBe('(+ ?rest... (^ (cos ?x) 2) (^ (sin ?x) 2))');
    expect(printPattern(pvar('n', 'isInteger'))).toBe('?n::isInteger');
    expect(printPattern(psegment('rest'))).toBe('?rest...');
    expect(printPattern(pcall(ADD, [pvar('x'), psegment('rest')]))).toBe('(+ ?x ?rest...)');
    expect(printPattern(patternFromTerm(parseSexpr('(+ ?x 0)', { mode: 'written' })))).toBe('(+ ?x 0)');
    expect(() => checkPattern(parsePattern('f(~~xs, ~y)'))).toThrow(/must be the last argument/);
    expect(variables(parsePattern('f(~x, ~~ys, ~x)'))).toEqual([{ name: 'x', segment: false }, { name: 'ys', segment: true }]);
    expect(infixPatternSource('~a - ~~b')).toBe('`?a` - `?b...`');
    expect(printPattern(parsePattern('2*~x + ~~rest'))).toBe('(+ ?rest... (* 2 ?x))');
    expect(printPattern(parsePattern('(+ ?x 0)', { syntax: 'sexpr', mode: 'written' }))).toBe('(+ ?x 0)');
    expect(toSexpr(patternToTerm(parsePattern('~x + 1')))).toBe('(+ 1 ?x)');
    expect(printPattern(parsePattern('sin(~x)^2'))).toBe('(^ (sin ?x) 2)');
  });
});

describe('predicate.ts', () => {
  test('registry', () => {
    registerPredicate('isSmall', (ops, t) => ops.isNumber(t) && Math.abs(N.toFloat(ops.numberValue(t))) < 10);
    expect(match('f(~n::isSmall)', parse('f(3)'))?.term('n')).toBe(int(3));
    expect(match('f(~n::isSmall)', parse('f(30)'))).toBeNull();
    expect(getPredicate('isInteger')(termOps, int(3))).toBe(true);
  });
});

describe('matcher.ts', () => {
  test('compiled matchers', () => {
    const m = compileMatcher(termOps, parsePattern('sin(~x)^2 + cos(~x)^2 + ~~rest'));
    expect(m.first(parse('1 + cos(y)^2 + z + sin(y)^2'))?.get('x')).toBe(sym('y'));
    expect(compileMatcher(termOps, parsePattern('f(~x, ~x)')).first(parse('f(a, a)'))?.term('x')).toBe(sym('a'));
    expect(match('~x + 1', parse('y + 1'))?.term('x')).toBe(sym('y'));
  });
});

describe('rule.ts and theory.ts', () => {
  test('rules', () => {
    expect(S(rule('sin-cos', 'sin(~x)^2 + cos(~x)^2 --> 1').apply(parse('a + sin(y)^2 + cos(y)^2')))).toBe('(+ 1 a)');
    expect(S(rule('add-zero', '(+ ?x 0) --> ?x', { syntax: 'sexpr', mode: 'written' }).apply(written('y + 0')))).toBe('y');
    expect(S(rule('r', 'sin(~x) --> ~x').matcherFor(writtenOps).first(written('sin(y)'))?.term('x'))).toBe('y');
    expect(rule('exp-sum', 'exp(~a + ~b) == exp(~a) * exp(~b)').reversed().name).toBe('exp-sum-rev');
    expect(S(rule('mul-one', '~x * 1 --> ~x', { mode: 'written' }).apply(written('y * 1')))).toBe('y');
    expect(rule('pythagoras', 'sin(~x)^2 + cos(~x)^2 == 1').kind).toBe('equality');
    const p = sym('p', ['positive']);
    expect(rule('sqrt-square', 'sqrt(~x^2) --> ~x', { where: (s) => (s.term('x').flags & Assume.positive) !== 0 }).apply(pow(pow(p, int(2)), num(N.exact(1, 2))))).toBe(p);
    const fold = rule('fold', '~a::isNumber * ~b::isNumber', (s, { ops }) => ops.makeNumber(N.mul(ops.numberValue(s.term('a')), ops.numberValue(s.term('b')))!), { mode: 'written' });
    expect(S(fold.apply(written('2 * 3')))).toBe('6');
  });

  test('theories', () => {
    const arith = theory('arith', [rule('add-zero', '~x + 0 --> ~x', { mode: 'written' }), rule('mul-one', '~x * 1 --> ~x', { mode: 'written' })]);
    expect(arith.rules.map((r) => r.name)).toEqual(['add-zero', 'mul-one']);
    expect(theory('trig', [rule('pythagoras', 'sin(~x)^2 + cos(~x)^2 --> 1'), rule('tan', 'tan(~x) --> sin(~x)/cos(~x)')]).rules.length).toBe(2);
  });
});

describe('combinators.ts, walk.ts, rewrite.ts', () => {
  test('combinators', () => {
    expect(S(fixpoint(postwalk([addZero, mulOne], { ops: writtenOps }), { ops: writtenOps })(written('(x + 0) * 1')))).toBe('x');
    expect(S(toRewriter(rule('sin-asin', 'sin(asin(~x)) --> ~x'))(parse('sin(asin(y))')))).toBe('y');
    expect(S(chain([addZero, mulOne])(written('(x + 0) * 1')))).toBe('(+ x 0)');
    expect(S(restartedChain([rule('g-h', 'g(~x) --> h(~x)'), rule('f-g', 'f(~x) --> g(~x)')])(parse('f(a)')))).toBe('(h a)');
    expect(S(fixpoint(rule('log-exp', 'log(exp(~x)) --> ~x'))(parse('log(exp(log(exp(y))))')))).toBe('y');
    expect(S(fixpointNoCycle(rule('commute', '~a + ~b --> ~b + ~a', { mode: 'written', acRest: false }), { ops: writtenOps })(written('x + y')))).toBe('(+ y x)');
    expect(S(ifElse((t: Term) => t.op === ADD, addZero, mulOne)(written('x * 1')))).toBe('x');
    const x = sym('x');
    expect(passThrough(addZero)(x)).toBe(x);
  });

  test('walks', () => {
    expect(S(postwalk([addZero, mulOne], { ops: writtenOps })(written('(x + 0) * 1')))).toBe('x');
    expect(S(postwalk(rule('sin-asin', 'sin(asin(~x)) --> ~x'))(parse('f(sin(asin(y))) + 1')))).toBe('(+ 1 (f y))');
    expect(S(prewalk(rule('square', '(~a + ~b)^2 --> ~a^2 + 2*~a*~b + ~b^2'))(parse('f((x + 1)^2)')))).toBe('(f (+ 1 (* 2 x) (^ x 2)))');
  });

  test('rewrite', () => {
    const basic = theory('basic', [addZero, mulOne]);
    const res = rewrite(written('x*1 + 0'), postwalk(basic, { ops: writtenOps }), { ops: writtenOps, maxApplications: 1000 });
    expect(res.stopped).toBe('fixpoint');
    expect(S(res.term)).toBe('x');
    expect(res.applications).toBe(2);
    expect(Object.fromEntries(res.rules)).toEqual({ 'add-zero': 1, 'mul-one': 1 });
  });

  test('equal.ts', () => {
    expect(equalFor(termOps)(parse('x + 1'), parse('1 + x'))).toBe(true);
  });
});
