import { describe, expect, test } from 'vitest';
import { sym, num, int, Assume, type Term } from '../src/term/term.js';
import { pow } from '../src/term/canonical.js';
import * as N from '../src/term/number.js';
import { parseSexpr, toSexpr } from '../src/term/sexpr.js';
import { parse } from '../src/term/parse.js';
import { termOps, writtenOps } from '../src/term/interface.js';
import { EquateError } from '../src/term/errors.js';
import { rule, theory, isTheory, Rule, parsePattern, printPattern, rewrite, type RuleOptions } from '../src/rewrite/index.js';

const W = (s: string): Term => parseSexpr(s, { mode: 'written' });
const S = (t: Term | null): string | null => (t === null ? null : toSexpr(t));

/** A rule that folds a sum or product of two numbers (a dynamic right side). */
const fold = (op: '+' | '*', opts: RuleOptions<Term> = {}) =>
  rule(`fold${op}`, `(${op} ?a::isNumber ?b::isNumber)`, (s, { ops }) => {
    const a = ops.numberValue(s.term('a')), b = ops.numberValue(s.term('b'));
    const v = op === '+' ? N.add(a, b) : N.mul(a, b);
    return v === undefined ? null : ops.makeNumber(v);
  }, { syntax: 'sexpr', ...opts });

describe('rules from text', () => {
  test.each<[string, RuleOptions<Term>, 'directed' | 'equality', string, string]>([
    ['~x * 1 --> ~x', { mode: 'written' }, 'directed', '(* ?x 1)', '?x'],
    ['sin(~x)^2 + cos(~x)^2 == 1', {}, 'equality', '(+ (^ (cos ?x) 2) (^ (sin ?x) 2))', '1'],
    ['~a - ~b --> ~a + (-1)*~b', { mode: 'written' }, 'directed', '(+ ?a (neg ?b))', '(+ ?a (* (neg 1) ?b))'],
    ['~a - ~b --> ~b - ~a', {}, 'directed', '(+ ?a (* -1 ?b))', '(+ (* -1 ?a) ?b)'],
    ['exp(~a + ~b) == exp(~a) * exp(~b)', {}, 'equality', '(exp (+ ?a ?b))', '(* (exp ?a) (exp ?b))'],
    ['(+ ?x 0) --> ?x', { syntax: 'sexpr', mode: 'written' }, 'directed', '(+ ?x 0)', '?x'],
    ['(f ?xs...) --> (g ?xs... 1)', { syntax: 'sexpr' }, 'directed', '(f ?xs...)', '(g ?xs... 1)'],
  ])('%s', (text, opts, kind, lhs, rhs) => {
    const r = rule('r', text, opts);
    expect(r.kind).toBe(kind);
    expect(printPattern(r.lhs)).toBe(lhs);
    expect(printPattern(r.rhs!)).toBe(rhs);
    expect(String(r)).toBe(`r: ${lhs} ${kind === 'directed' ? '-->' : '=='} ${rhs}`);
  });

  test('from separate sides: patterns or text', () => {
    const r = rule('pyth', 'sin(~x)^2 + cos(~x)^2', '1', { kind: 'equality' });
    expect(r.kind).toBe('equality');
    const same = rule('pyth2', parsePattern('sin(~x)^2 + cos(~x)^2'), parsePattern('1'));
    expect(same.lhs).toEqual(r.lhs);
    expect(same.kind).toBe('directed');
  });

  test.each<[string, () => Rule<Term>, RegExp]>([
    ['no arrow', () => rule('r', '~x + 1'), /expected 'lhs --> rhs' or 'lhs == rhs'/],
    ['two arrows', () => rule('r', '~x --> ~y --> ~z'), /more than one '-->'/],
    ['both kinds', () => rule('r', 'f(~x) == ~x --> ~x'), /either '-->' or '=='/],
    ['an empty side', () => rule('r', 'f(~x) --> '), /a side of '-->' is empty/],
    ['unbound right side', () => rule('r', 'f(~x) --> g(~y)'), /uses ~y, which the left side does not bind/],
    ['slot on one side, segment on the other', () => rule('r', 'f(~~x) --> g(~x)'), /x is a segment on the left and a slot on the right/],
    ['a bare slot on the left', () => rule('r', '~x --> f(~x)'), /matches every term/],
    ['canonical form makes the left side a bare slot', () => rule('mul-one', '~x * 1 --> ~x'), /matches every term .*mode: 'written'/],
    ['canonical form makes both sides equal', () => rule('mul-zero', '~x * 0 --> 0'), /both sides are 0/],
    ['a function on the right of an equality', () => rule('r', 'f(~x)', () => null, { kind: 'equality' }), /equality needs a pattern/],
    ['no name', () => rule('', 'f(~x) --> ~x'), /needs a name/],
    ['kind with text', () => rule('r', 'f(~x) --> ~x', { kind: 'equality' }), /the arrow of the text gives the kind/],
    ['bad pattern', () => rule('r', 'f(~x::isBlue) --> ~x'), /unknown predicate 'isBlue'/],
  ])('bad rule: %s', (_what, make, message) => {
    expect(make).toThrow(EquateError);
    expect(make).toThrow(message);
  });

  test('a bare slot with a side condition is allowed', () => {
    expect(() => rule('r', '~x --> 0', { where: () => false })).not.toThrow();
  });
});

describe('apply: one case a line (rule, options, term => result or null for no change)', () => {
  const positive = sym('p', ['positive']);
  test.each<[string, RuleOptions<Term>, string, string | null]>([
    // partial matches of sums and products keep the other arguments
    ['sin(~x)^2 + cos(~x)^2 --> 1', {}, 'a + sin(y)^2 + cos(y)^2', '(+ 1 a)'],
    ['sin(~x)^2 + cos(~x)^2 --> 1', {}, 'sin(y)^2 + cos(y)^2', '1'],
    ['sin(~x)^2 + cos(~x)^2 --> 1', { acRest: false }, 'a + sin(y)^2 + cos(y)^2', null],
    ['sin(~x)^2 + cos(~x)^2 --> 1', {}, 'a + sin(y)^2 + cos(z)^2', null],
    ['exp(~a) * exp(~b) --> exp(~a + ~b)', {}, 'z * exp(x) * exp(y)', '(* z (exp (+ x y)))'],
    ['exp(~a) * exp(~b) --> exp(~a + ~b)', {}, 'exp(a) * exp(-a)', '1'],
    ['~x * 1 --> ~x', { mode: 'written' }, 'a * b * 1', '(* a b)'],
    ['~x * 0 --> 0', { mode: 'written' }, 'a * b * 0', '(* 0 b)'],
    // segments on the right: spliced, and collapsed to one argument or the identity
    ['f(~~xs) --> g(~~xs, 1)', {}, 'f(a, b)', '(g a b 1)'],
    ['f(~x) + g(~x) + ~~r --> ~~r', { mode: 'written' }, 'f(a) + g(a) + b', 'b'],
    ['f(~x) + g(~x) + ~~r --> ~~r', { mode: 'written' }, 'f(a) + b + g(a) + c', '(+ b c)'],
    ['f(~x) + g(~x) + ~~r --> ~~r', { mode: 'written' }, 'f(a) + g(a)', '0'],
    ['f(~x) * g(~x) * ~~r --> ~~r', { mode: 'written' }, 'f(a) * g(a)', '1'],
    ['f(~x) * ~~r --> h(~~r, ~x, ~~r)', {}, 'f(a) * b * c', '(h b c a b c)'],
    // no change: no match, or the same term again
    ['log(exp(~x)) --> ~x', {}, 'exp(log(y))', null],
    ['~a * ~b --> ~b * ~a', { mode: 'written' }, 'a * a', null],
    ['f(~x, ~y) --> f(~y, ~x)', {}, 'f(a, b)', '(f b a)'],
    ['f(~x, ~x) --> g(~x)', {}, 'f(a, b)', null],
    ['f(~x, ~x) --> g(~x)', {}, 'f(a, a)', '(g a)'],
  ])('%s %o on %s', (text, opts, input, expected) => {
    const r = rule('r', text, opts);
    expect(S(r.apply(parse(input, { mode: opts.mode })))).toBe(expected);
  });

  test('a side condition sees the bindings and the matched term', () => {
    const sqrtSquare = rule('sqrt-square', 'sqrt(~x^2) --> ~x', {
      where: (s, ctx) => {
        expect(ctx.rule.name).toBe('sqrt-square');
        expect(ctx.ops).toBe(termOps);
        return (s.term('x').flags & Assume.positive) !== 0;
      },
    });
    expect(sqrtSquare.apply(parse('sqrt(y^2)'))).toBeNull();
    const t = pow(pow(positive, int(2)), num(N.exact(1, 2)));
    expect(sqrtSquare.apply(t)).toBe(positive);
  });

  test('a side condition is asked for each match until one passes', () => {
    const seen: string[] = [];
    const r = rule('first-number', '~a + ~b --> ~a', {
      mode: 'written',
      acRest: false,
      where: (s) => (seen.push(S(s.term('a'))!), s.term('a').isNumber()),
    });
    expect(S(r.apply(W('(+ x 2)')))).toBe('2');
    expect(seen).toEqual(['x', '2']);
  });

  test('dynamic right sides fold numbers and may decline', () => {
    const add = fold('+', { mode: 'written' });
    expect(S(add.apply(W('(+ 2 3)')))).toBe('5');
    expect(S(add.apply(W('(+ 1/2 0.25)')))).toBe('0.75');
    expect(S(add.apply(W('(+ 2 3 x)')))).toBe('(+ 5 x)');
    expect(add.apply(W('(+ 2 x)'))).toBeNull();
    expect(add.rhs).toBeNull();
    expect(add.reversible).toBe(false);
    const never = rule('never', '~a + ~b', () => null);
    expect(never.apply(parse('x + y'))).toBeNull();
  });

  test('a partial match replaces every disjoint group in one application', () => {
    const pyth = rule('pythagoras', 'sin(~x)^2 + cos(~x)^2 --> 1');
    const t = parse('sin(a)^2 + cos(b)^2 + z + cos(a)^2 + sin(b)^2 + sin(c)^2');
    expect(S(pyth.apply(t))).toBe('(+ 2 z (^ (sin c) 2))');
    const res = rewrite(t, pyth);
    expect(res.applications).toBe(2);
    const seen: string[] = [];
    const onlyA = rule('pyth-a', 'sin(~x)^2 + cos(~x)^2 --> 1', { where: (s) => (seen.push(S(s.term('x'))!), s.term('x') === sym('a')) });
    expect(S(onlyA.apply(t))).toBe('(+ 1 z (^ (cos b) 2) (^ (sin b) 2) (^ (sin c) 2))');
    expect(seen).toEqual(['a', 'b']);
  });
});

describe('equalities and the other engine', () => {
  test('reversible equalities read right to left', () => {
    const r = rule('exp-sum', 'exp(~a + ~b) == exp(~a) * exp(~b)');
    expect(r.reversible).toBe(true);
    const back = r.reversed();
    expect(back.name).toBe('exp-sum-rev');
    expect(S(back.apply(parse('exp(x) * exp(y)')))).toBe('(exp (+ x y))');
    expect(S(r.apply(parse('exp(x + y)')))).toBe('(* (exp x) (exp y))');
  });

  test('an equality whose right side drops variables is not reversible', () => {
    const r = rule('pyth', 'sin(~x)^2 + cos(~x)^2 == 1');
    expect(r.reversible).toBe(false);
    expect(() => r.reversed()).toThrow(/cannot be reversed/);
  });

  test('matchers for other representations are compiled once and cached', () => {
    const r = rule('r', 'sin(~x) --> ~x');
    expect(r.matcherFor(termOps)).toBe(r.matcher);
    expect(r.matcherFor(writtenOps)).toBe(r.matcherFor(writtenOps));
    expect(r.matcherFor(writtenOps)).not.toBe(r.matcher);
  });

  test('written rules work on written terms by default', () => {
    const r = rule('add-zero', '~x + 0 --> ~x', { mode: 'written' });
    expect(r.ops).toBe(writtenOps);
    expect(S(r.apply(W('(+ (+ a 0) 0)')))).toBe('(+ a 0)');
  });
});

describe('theories', () => {
  const addZero = rule('add-zero', '~x + 0 --> ~x', { mode: 'written' });
  const mulOne = rule('mul-one', '~x * 1 --> ~x', { mode: 'written' });
  const mulZero = rule('mul-zero', '~x * 0 --> 0', { mode: 'written' });

  test('a named list of rules, flattened, frozen, patterns accessible', () => {
    const basic = theory('basic', [addZero, mulOne]);
    const more = theory('more', [basic, mulZero]);
    expect(more.name).toBe('more');
    expect(more.rules.map((r) => r.name)).toEqual(['add-zero', 'mul-one', 'mul-zero']);
    expect(more.rules.map((r) => printPattern(r.lhs))).toEqual(['(+ ?x 0)', '(* ?x 1)', '(* ?x 0)']);
    expect(Object.isFrozen(more)).toBe(true);
    expect(Object.isFrozen(more.rules)).toBe(true);
    expect(isTheory(more)).toBe(true);
    expect(isTheory(addZero)).toBe(false);
  });

  test('rule names are unique within a theory', () => {
    expect(() => theory('t', [addZero, rule('add-zero', '~x + 0 --> ~x', { mode: 'written' })])).toThrow(/two rules named 'add-zero'/);
    expect(() => theory('', [addZero])).toThrow(/needs a name/);
    expect(() => theory('t', [42 as never])).toThrow(/expected rules or theories/);
  });
});
