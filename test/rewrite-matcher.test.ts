import { describe, expect, test } from 'vitest';
import { sym, call, type Term } from '../src/term/term.js';
import { fn } from '../src/term/operator.js';
import { ADD } from '../src/term/operators.js';
import { add } from '../src/term/canonical.js';
import { parseSexpr, toSexpr } from '../src/term/sexpr.js';
import { parse } from '../src/term/parse.js';
import { termOps, writtenOps, type TermOps } from '../src/term/interface.js';
import { parsePattern, compileMatcher, match, pcall, pvar, psegment, psym, registerPredicate, type Subst } from '../src/rewrite/index.js';

type Mode = 'canonical' | 'written';

/** The bindings of a match as S-expressions (segments as arrays), or null. */
function bindings(s: Subst<Term> | null): Record<string, string | string[]> | null {
  if (s === null) return null;
  const out: Record<string, string | string[]> = {};
  for (const [name, v] of Object.entries(s.toObject())) out[name] = Array.isArray(v) ? v.map(toSexpr) : toSexpr(v as Term);
  return out;
}

function first(pattern: string, term: string, mode: Mode = 'canonical'): Record<string, string | string[]> | null {
  const ops: TermOps<Term> = mode === 'written' ? writtenOps : termOps;
  const m = compileMatcher(ops, parsePattern(pattern, { syntax: 'sexpr', mode }));
  return bindings(m.first(parseSexpr(term, { mode })));
}

describe('matching, one case a line: pattern, term, mode => first match', () => {
  const none = null;
  test.each<[string, string, Mode, Record<string, string | string[]> | null]>([
    // literals
    ['x', 'x', 'canonical', {}],
    ['x', 'y', 'canonical', none],
    ['3', '3', 'canonical', {}],
    ['3', '3.0', 'canonical', none],
    ['1/2', '2/4', 'canonical', {}],
    ['(sin x)', '(sin x)', 'canonical', {}],
    ['(sin x)', '(cos x)', 'canonical', none],
    ['pi', 'pi', 'canonical', {}],
    ['pi', 'e', 'canonical', none],
    // slots
    ['?x', '(sin y)', 'canonical', { x: '(sin y)' }],
    ['(sin ?x)', '(sin (+ a b))', 'canonical', { x: '(+ a b)' }],
    ['(f ?x ?y)', '(f a b)', 'canonical', { x: 'a', y: 'b' }],
    ['(f ?x ?y)', '(f a)', 'canonical', none],
    ['(f ?x ?y)', '(g a b)', 'canonical', none],
    ['(^ ?x 2)', '(^ (+ a 1) 2)', 'canonical', { x: '(+ 1 a)' }],
    ['(sin ?x)', 'x', 'canonical', none],
    // non-linear
    ['(f ?x ?x)', '(f a a)', 'canonical', { x: 'a' }],
    ['(f ?x ?x)', '(f a b)', 'canonical', none],
    ['(f ?x (g ?x))', '(f (h y) (g (h y)))', 'canonical', { x: '(h y)' }],
    ['(+ ?x ?x)', '(+ a a)', 'written', { x: 'a' }],
    ['(+ ?x ?x)', '(+ a b)', 'written', none],
    ['(+ (sin ?x) (cos ?x))', '(+ (cos a) (sin a))', 'canonical', { x: 'a' }],
    ['(+ (sin ?x) (cos ?x))', '(+ (cos a) (sin b))', 'canonical', none],
    // typed slots
    ['(f ?n::isInteger)', '(f 3)', 'canonical', { n: '3' }],
    ['(f ?n::isInteger)', '(f 1/2)', 'canonical', none],
    ['(f ?n::isInteger)', '(f x)', 'canonical', none],
    ['(f ?n::isInteger)', '(f 3.0)', 'canonical', none],
    ['(f ?n::isNumber)', '(f 2.5)', 'canonical', { n: '2.5' }],
    ['(f ?q::isRational)', '(f 1/2)', 'canonical', { q: '1/2' }],
    ['(f ?q::isRational)', '(f 0.5)', 'canonical', none],
    ['(f ?s::isSymbol)', '(f x)', 'canonical', { s: 'x' }],
    ['(f ?s::isSymbol)', '(f (g x))', 'canonical', none],
    ['(f ?c::isCall)', '(f (g x))', 'canonical', { c: '(g x)' }],
    ['(f ?c::isCall)', '(f x)', 'canonical', none],
    ['(f ?p::isPositive)', '(f 3)', 'canonical', { p: '3' }],
    ['(f ?p::isPositive)', '(f -3)', 'canonical', none],
    ['(f ?p::isNegative)', '(f -3)', 'canonical', { p: '-3' }],
    ['(f ?p::isNonzero)', '(f 0)', 'canonical', none],
    ['(f ?p::isNonzero)', '(f 0.5)', 'canonical', { p: '0.5' }],
    ['(f ?x ?x::isNumber)', '(f a a)', 'canonical', none],
    ['(+ ?a::isNumber ?b)', '(+ x 3)', 'canonical', { a: '3', b: 'x' }],
    // segments in ordinary calls: a trailing run
    ['(f ?xs...)', '(f a b c)', 'canonical', { xs: ['a', 'b', 'c'] }],
    ['(f ?xs...)', '(f)', 'canonical', { xs: [] }],
    ['(f a ?xs...)', '(f a)', 'canonical', { xs: [] }],
    ['(f a ?xs...)', '(f b c)', 'canonical', none],
    ['(f ?x ?xs...)', '(f)', 'canonical', none],
    ['(f ?xs...::isNumber)', '(f 1 2 3)', 'canonical', { xs: ['1', '2', '3'] }],
    ['(f ?xs...::isNumber)', '(f 1 x 3)', 'canonical', none],
    ['(g (f ?xs...) (h ?xs...))', '(g (f a b) (h a b))', 'canonical', { xs: ['a', 'b'] }],
    ['(g (f ?xs...) (h ?xs...))', '(g (f a b) (h a))', 'canonical', none],
    ['(g (f ?xs...) (h ?xs...))', '(g (f a b) (h b a))', 'canonical', none],
    // segments in sums and products: the arguments the others leave, in the term's order
    ['(+ (sin ?x) ?rest...)', '(+ a (sin y) b)', 'canonical', { x: 'y', rest: ['a', 'b'] }],
    ['(+ (^ (sin ?x) 2) (^ (cos ?x) 2) ?rest...)', '(+ 1 (^ (cos y) 2) z (^ (sin y) 2))', 'canonical', { x: 'y', rest: ['1', 'z'] }],
    ['(+ (^ (sin ?x) 2) (^ (cos ?x) 2) ?rest...)', '(+ (^ (cos y) 2) (^ (sin y) 2))', 'canonical', { x: 'y', rest: [] }],
    ['(+ (^ (sin ?x) 2) (^ (cos ?x) 2) ?rest...)', '(+ (^ (cos y) 2) (^ (sin z) 2) 1)', 'canonical', none],
    ['(* ?c::isNumber ?xs...)', '(* 3 x y)', 'canonical', { c: '3', xs: ['x', 'y'] }],
    ['(* ?c::isNumber ?xs...)', '(* x y)', 'canonical', none],
    ['(+ ?ns...::isNumber (f ?x))', '(+ (f a) 1 2)', 'written', { x: 'a', ns: ['1', '2'] }],
    ['(+ ?ns...::isNumber (f ?x))', '(+ (f a) 1 b)', 'written', none],
    ['(+ ?a ?b)', '(+ x y z)', 'canonical', none],
    ['(+ ?a ?b ?c)', '(+ x y)', 'canonical', none],
    ['(+ (f ?x) ?y)', '(+ a (f b))', 'canonical', { x: 'b', y: 'a' }],
    ['(+ (f ?x) (g ?x) ?r...)', '(+ (f a) (f b) (g b) c)', 'canonical', { x: 'b', r: ['c', '(f a)'] }],
    // numeric coefficients against canonical terms
    ['(* 2 ?x)', '(* 2 y)', 'canonical', { x: 'y' }],
    ['(* 2 ?x)', '(* 3 y)', 'canonical', none],
    ['(* 2 ?x)', 'y', 'canonical', none],
    ['(* 2 ?x ?r...)', '(* 2 y z)', 'canonical', { x: 'y', r: ['z'] }],
    ['(+ 1 ?x)', '(+ 1 y)', 'canonical', { x: 'y' }],
    ['(- ?a ?b)', '(- x y)', 'canonical', { a: 'x', b: 'y' }],
    ['(- ?x)', '(- y)', 'canonical', { x: 'y' }],
    ['(* -1 ?x)', '(- (f y))', 'canonical', { x: '(f y)' }],
    ['(+ ?x ?x)', '(* 2 y)', 'canonical', { x: 'y' }],
    ['(/ 1 ?x)', '(/ 1 y)', 'canonical', { x: 'y' }],
    ['(sqrt ?x)', '(^ y 1/2)', 'canonical', { x: 'y' }],
    // as written
    ['(+ ?x 0)', '(+ a 0)', 'written', { x: 'a' }],
    ['(+ ?x 0)', '(+ 0 a)', 'written', { x: 'a' }],
    ['(- ?a ?b)', '(- x y)', 'written', { a: 'x', b: 'y' }],
    ['(- ?a ?b)', '(+ x (* -1 y))', 'written', none],
  ])('%s ~ %s (%s)', (pattern, term, mode, expected) => {
    expect(first(pattern, term, mode)).toEqual(expected);
  });
});

describe('infix patterns against infix terms (canonical unless written)', () => {
  test.each<[string, string, Mode, Record<string, string | string[]> | null]>([
    ['sin(~x)^2 + cos(~x)^2 + ~~rest', '1 + cos(y)^2 + z + sin(y)^2', 'canonical', { x: 'y', rest: ['1', 'z'] }],
    ['2*~x', '2*y', 'canonical', { x: 'y' }],
    ['2*~x', '2*y*z', 'canonical', null],
    ['2*~x*~~r', '2*y*z', 'canonical', { x: 'y', r: ['z'] }],
    ['~a - ~b', 'x - sin(y)', 'canonical', { a: 'x', b: '(sin y)' }],
    ['~x / ~y', 'a / b', 'canonical', { x: 'a', y: 'b' }],
    ['~x + ~x', '2*y', 'canonical', { x: 'y' }],
    ['~x + ~x', 'y + y', 'written', { x: 'y' }],
    ['~x + ~x', 'y + z', 'written', null],
    ['~n::isInteger * ~x', '3*y', 'canonical', { n: '3', x: 'y' }],
    ['~n::isInteger * ~x', '0.5*y', 'canonical', null],
    ['f(~x, ~~ys)', 'f(a, b, c)', 'canonical', { x: 'a', ys: ['b', 'c'] }],
    ['exp(~a) * exp(~b)', 'exp(x) * exp(y)', 'canonical', { a: 'x', b: 'y' }],
    ['~x * 1', 'y * 1', 'written', { x: 'y' }],
  ])('%s ~ %s (%s)', (pattern, term, mode, expected) => {
    const ops: TermOps<Term> = mode === 'written' ? writtenOps : termOps;
    const m = compileMatcher(ops, parsePattern(pattern, { mode }));
    expect(bindings(m.first(parse(term, { mode })))).toEqual(expected);
  });
});

describe('all matches', () => {
  const count = (pattern: string, term: string): number =>
    compileMatcher(termOps, parsePattern(pattern, { syntax: 'sexpr' })).all(parseSexpr(term)).length;
  test.each<[string, string, number]>([
    ['(+ ?a ?b)', '(+ x y)', 2],
    ['(+ ?a ?b ?r...)', '(+ w x y z)', 12],
    ['(+ ?a ?r...)', '(+ w x y z)', 4],
    ['(+ x ?r...)', '(+ w x y z)', 1],
    ['(f ?a ?b)', '(f x y)', 1],
    ['(+ (f ?a) (f ?b))', '(+ (f x) (f y))', 2],
    ['(+ ?a::isNumber ?r...)', '(+ 1 x y z)', 1],
  ])('%s ~ %s: %i matches', (pattern, term, n) => {
    expect(count(pattern, term)).toBe(n);
  });

  test('equal arguments of a written sum are tried once per pattern argument', () => {
    const m = compileMatcher(writtenOps, parsePattern('(+ ?a ?r...)', { syntax: 'sexpr', mode: 'written' }));
    expect(m.all(parseSexpr('(+ x x x y)', { mode: 'written' })).map((s) => toSexpr(s.term('a')))).toEqual(['x', 'y']);
  });

  test('a callback that returns true stops the search', () => {
    const m = compileMatcher(termOps, parsePattern('(+ ?a ?b ?r...)', { syntax: 'sexpr' }));
    let calls = 0;
    expect(m.match(parseSexpr('(+ w x y z)'), () => ++calls === 3)).toBe(true);
    expect(calls).toBe(3);
  });

  test('the live substitution is restored after the search', () => {
    const m = compileMatcher(termOps, parsePattern('(f ?x ?y)', { syntax: 'sexpr' }));
    let live: Subst<Term> | null = null;
    m.match(parseSexpr('(f a b)'), (s) => {
      live = s;
      expect(s.names()).toEqual(['x', 'y']);
      return false;
    });
    expect(live!.names()).toEqual([]);
  });
});

describe('patterns built from constructors', () => {
  test('constructors and text give the same matches', () => {
    const f = fn('f');
    const built = pcall(ADD, [pcall(f, [pvar('x')]), psym('c'), psegment('rest')]);
    const t = parseSexpr('(+ a c (f b))');
    expect(bindings(compileMatcher(termOps, built).first(t))).toEqual({ x: 'b', rest: ['a'] });
  });

  test('Subst accessors', () => {
    const s = match(parsePattern('(+ (f ?x) ?r...)', { syntax: 'sexpr' }), parseSexpr('(+ a (f b))'))!;
    expect(s.term('x')).toBe(sym('b'));
    expect(s.terms('r')).toEqual([sym('a')]);
    expect(s.has('x')).toBe(true);
    expect(s.has('nope')).toBe(false);
    expect(() => s.term('r')).toThrow(/segment/);
    expect(() => s.terms('x')).toThrow(/slot/);
    expect(() => s.term('nope')).toThrow(/not bound/);
  });

  test('a user predicate', () => {
    registerPredicate('isEvenInteger', (ops, t) => ops.isNumber(t) && /^-?\d*[02468]$/.test(String(ops.numberValue(t))));
    expect(first('(f ?n::isEvenInteger)', '(f 4)')).toEqual({ n: '4' });
    expect(first('(f ?n::isEvenInteger)', '(f 5)')).toBeNull();
  });
});

describe('the matching bound: no permutations of big sums', () => {
  const terms = (n: number, f: (i: number) => Term): Term[] => Array.from({ length: n }, (_, i) => f(i));

  test('a 60-argument sum against a 3-slot pattern: every one of the 60*59*58 assignments in well under 2 s', () => {
    const t = add(terms(60, (i) => sym(`x${i}`)));
    const m = compileMatcher(termOps, parsePattern('(+ ?a ?b ?c ?rest...)', { syntax: 'sexpr' }));
    const start = performance.now();
    let n = 0;
    // Reject every match, so the search enumerates all of them.
    expect(m.match(t, () => (n++, false))).toBe(false);
    expect(n).toBe(60 * 59 * 58);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  test('a 60-argument sum against 3 call slots that never all fit: fast', () => {
    const f = fn('f'), g = fn('g'), h = fn('h');
    const t = add([...terms(20, (i) => call(f, [sym(`a${i}`)])), ...terms(20, (i) => call(g, [sym(`b${i}`)])), ...terms(20, (i) => call(h, [sym(`a${i}`)]))]);
    const m = compileMatcher(termOps, parsePattern('(+ (f ?x) (g ?x) (h ?x) ?rest...)', { syntax: 'sexpr' }));
    const start = performance.now();
    for (let i = 0; i < 100; i++) expect(m.first(t)).toBeNull();
    expect(performance.now() - start).toBeLessThan(500);
  });

  test('a 12-argument pattern of distinct literals does not explode (12! would be 479,001,600)', () => {
    const names = terms(12, (i) => sym(`a${i}`));
    const p = parsePattern(`(+ ${names.map(toSexpr).join(' ')})`, { syntax: 'sexpr', mode: 'written' });
    const m = compileMatcher(writtenOps, p);
    const shuffled = [...names].reverse();
    const hit = call(ADD, shuffled);
    const miss = call(ADD, [...shuffled.slice(1), sym('zz')]);
    const start = performance.now();
    for (let i = 0; i < 1000; i++) {
      expect(m.all(hit)).toHaveLength(1);
      expect(m.first(miss)).toBeNull();
    }
    expect(performance.now() - start).toBeLessThan(1000);
  });

  test('11 literals and a slot among 12 arguments: one match, found without backtracking', () => {
    const names = terms(11, (i) => sym(`a${i}`));
    const m = compileMatcher(termOps, parsePattern(`(+ ?x ${names.map(toSexpr).join(' ')})`, { syntax: 'sexpr' }));
    const all = m.all(add([...names, call(fn('f'), [sym('y')])]));
    expect(all.map((s) => toSexpr(s.term('x')))).toEqual(['(f y)']);
  });
});
