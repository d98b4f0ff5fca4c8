/**
 * The rule language and the classical rewriter run unchanged on other term representations:
 * plain nested arrays (`[op, args]`), strings for symbols and `{ v }` for numbers, with no
 * hash-consing (equal terms are different objects) and no canonical construction; and the
 * shared nested-data representation of `test/support/nested.ts`.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { sym, int, call, type Term } from '../src/term/term.js';
import type { Operator } from '../src/term/operator.js';
import * as N from '../src/term/number.js';
import { ADD, MUL, POW, SIN, COS } from '../src/term/operators.js';
import { parseSexpr, sexprWith, toSexpr } from '../src/term/sexpr.js';
import { writtenOps, type TermOps } from '../src/term/interface.js';
import {
  compileMatcher, parsePattern, rule, theory, postwalk, prewalk, fixpoint, fixpointNoCycle, rewrite, type Subst, type RuleOptions, type Binding, type Rule,
} from '../src/rewrite/index.js';
import { nestedOps as sharedOps, type Nested as Shared, type NestedCall as SharedCall } from './support/nested.js';

type Nested = string | { readonly v: N.Value } | readonly [Operator, readonly Nested[]];

const nestedOps: TermOps<Nested> = {
  isCall: (t) => Array.isArray(t),
  operation: (t) => (t as readonly [Operator, readonly Nested[]])[0],
  args: (t) => (Array.isArray(t) ? (t as readonly [Operator, readonly Nested[]])[1] : []),
  makeTerm: (_like, op, args) => [op, args.slice()] as const,
  isSymbol: (t) => typeof t === 'string',
  symbolName: (t) => t as string,
  isNumber: (t) => typeof t === 'object' && !Array.isArray(t),
  numberValue: (t) => (t as { v: N.Value }).v,
  makeSymbol: (name) => name,
  makeNumber: (v) => ({ v }),
};

function fromTerm(t: Term): Nested {
  if (t.isSymbol()) return t.name!;
  if (t.isNumber()) return { v: t.value! };
  return [t.op!, t.args.map(fromTerm)] as const;
}
const show = (t: Nested): string => sexprWith(nestedOps, t);
const W = (s: string): Term => parseSexpr(s, { mode: 'written' });

function shown<T>(s: Subst<T> | null, print: (t: T) => string): Record<string, string | string[]> | null {
  if (s === null) return null;
  const out: Record<string, string | string[]> = {};
  for (const [name, v] of Object.entries(s.toObject()) as [string, Binding<T>][]) {
    out[name] = s.segments[s.index.get(name)!] ? (v as readonly T[]).map(print) : print(v as T);
  }
  return out;
}

describe('the compiled matcher on nested arrays gives the matches it gives on hash-consed terms', () => {
  test.each<[string, string]>([
    ['(f ?x ?x)', '(f (g a) (g a))'],
    ['(f ?x ?x)', '(f (g a) (g b))'],
    ['(+ ?x ?x)', '(+ (sin a) (sin a))'],
    ['(+ (^ (sin ?x) 2) (^ (cos ?x) 2) ?rest...)', '(+ 1 (^ (cos y) 2) z (^ (sin y) 2))'],
    ['(+ (^ (sin ?x) 2) (^ (cos ?x) 2) ?rest...)', '(+ 1 (^ (cos y) 2) z (^ (sin w) 2))'],
    ['(* 2 ?x)', '(* y 2)'],
    ['(* ?c::isNumber ?xs...)', '(* x 3 y)'],
    ['(f ?n::isInteger ?xs...::isSymbol)', '(f 3 a b)'],
    ['(f ?n::isInteger ?xs...::isSymbol)', '(f 3 a 4)'],
    ['(g (f ?xs...) (h ?xs...))', '(g (f a (k b)) (h a (k b)))'],
    ['(+ (f ?x) (g ?x) ?r...)', '(+ (f a) (f b) (g b) c)'],
    ['(+ x y ?r...)', '(+ y z x)'],
  ])('%s ~ %s', (pattern, term) => {
    const p = parsePattern(pattern, { syntax: 'sexpr', mode: 'written' });
    const t = W(term);
    const onTerms = compileMatcher(writtenOps, p);
    const onNested = compileMatcher(nestedOps, p);
    expect(shown(onNested.first(fromTerm(t)), show)).toEqual(shown(onTerms.first(t), toSexpr));
    expect(onNested.all(fromTerm(t)).length).toBe(onTerms.all(t).length);
  });

  test('equality is structural: equal subterms are different arrays', () => {
    const t: Nested = [ADD, [[SIN, ['x']], [SIN, ['x']]]];
    const m = compileMatcher(nestedOps, parsePattern('(+ ?a ?a)', { syntax: 'sexpr', mode: 'written' }));
    expect(show(m.first(t)!.term('a'))).toBe('(sin x)');
  });
});

describe('rules and combinators on nested arrays', () => {
  const opts: RuleOptions<Nested> & { ops: TermOps<Nested> } = { syntax: 'sexpr', mode: 'written', ops: nestedOps };
  const fold = (op: '+' | '*') =>
    rule<Nested>(`fold${op}`, `(${op} ?a::isNumber ?b::isNumber)`, (s, { ops }) => {
      const a = ops.numberValue(s.term('a')), b = ops.numberValue(s.term('b'));
      const v = op === '+' ? N.add(a, b) : N.mul(a, b);
      return v === undefined ? null : ops.makeNumber(v);
    }, opts);
  const rulesFor = <T>(o: RuleOptions<T> & { ops: TermOps<T> }, folds: Rule<T>[]) => theory<T>('basic', [
    rule<T>('add-zero', '(+ ?x 0) --> ?x', o),
    rule<T>('mul-one', '(* ?x 1) --> ?x', o),
    rule<T>('mul-zero', '(* ?x 0) --> 0', o),
    rule<T>('pythagoras', '(+ (^ (sin ?x) 2) (^ (cos ?x) 2)) --> 1', o),
    rule<T>('square', '(* ?x ?x) --> (^ ?x 2)', o),
    rule<T>('sum-args', '(f ?x ?xs...) --> (+ ?x ?xs...)', o),
    ...folds,
  ]);
  const nestedTheory = rulesFor<Nested>(opts, [fold('+'), fold('*')]);
  const termTheory = rulesFor<Term>({ syntax: 'sexpr', mode: 'written', ops: writtenOps }, [
    rule('fold+', '(+ ?a::isNumber ?b::isNumber)', (s, { ops }) => ops.makeNumber(N.add(ops.numberValue(s.term('a')), ops.numberValue(s.term('b')))!), { syntax: 'sexpr', mode: 'written' }),
    rule('fold*', '(* ?a::isNumber ?b::isNumber)', (s, { ops }) => ops.makeNumber(N.mul(ops.numberValue(s.term('a')), ops.numberValue(s.term('b')))!), { syntax: 'sexpr', mode: 'written' }),
  ]);
  const onNested = fixpoint(postwalk(nestedTheory, { ops: nestedOps }), { ops: nestedOps });
  const onTerms = fixpoint(postwalk(termTheory, { ops: writtenOps }), { ops: writtenOps });

  test.each<[string, string]>([
    ['(+ x 0)', 'x'],
    ['(* (+ (sin a) 0) (sin a))', '(^ (sin a) 2)'],
    ['(+ (^ (sin (* t 1)) 2) (^ (cos t) 2) z)', '(+ 1 z)'],
    ['(f 1 2 (* 3 4) x)', '(+ 15 x)'],
    ['(f (f a))', 'a'],
    ['(g (* y 0) (+ 2 3))', '(g 0 5)'],
  ])('%s => %s, the same as on hash-consed terms', (input, output) => {
    const t = W(input);
    const fromNested = rewrite<Nested>(fromTerm(t), onNested, { ops: nestedOps });
    expect(fromNested.stopped).toBe('fixpoint');
    expect(show(fromNested.term)).toBe(output);
    expect(toSexpr(rewrite(t, onTerms, { ops: writtenOps }).term)).toBe(output);
  });

  test('no change is null on nested arrays too', () => {
    const t = fromTerm(W('(+ (sin x) (g y))'));
    expect(postwalk(nestedTheory, { ops: nestedOps })(t)).toBeNull();
    expect(prewalk(nestedTheory, { ops: nestedOps })(t)).toBeNull();
    expect(onNested(t)).toBeNull();
  });

  test('fixpointNoCycle detects a cycle by structural equality', () => {
    const commute = rule<Nested>('commute', '(+ ?a ?b) --> (+ ?b ?a)', { ...opts, acRest: false });
    const r = fixpointNoCycle(postwalk(commute, { ops: nestedOps }), { ops: nestedOps })(fromTerm(W('(+ x y)')));
    expect(show(r!)).toBe('(+ y x)');
    const limited = rewrite(fromTerm(W('(+ x y)')), fixpoint(commute, { ops: nestedOps }), { ops: nestedOps, maxApplications: 7 });
    expect(limited.stopped).toBe('applications');
    expect(show(limited.term)).toBe('(+ y x)');
  });

  test('property: on random written terms both representations rewrite to the same term', () => {
    const leaf = fc.oneof(fc.constantFrom('x', 'y').map((n) => sym(n)), fc.integer({ min: -1, max: 2 }).map((n) => int(n)));
    const arb = fc.letrec<{ t: Term }>((tie) => ({
      t: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('t'), { minLength: 2, maxLength: 3 }).map((xs) => call(ADD, xs)),
        fc.array(tie('t'), { minLength: 2, maxLength: 3 }).map((xs) => call(MUL, xs)),
        fc.tuple(tie('t'), fc.integer({ min: 0, max: 2 })).map(([p, n]) => call(POW, [p, int(n)])),
        fc.constantFrom(SIN, COS).chain((op) => tie('t').map((p) => call(op, [p]))),
      ),
    })).t;
    fc.assert(
      fc.property(arb, (t) => {
        expect(show(rewrite<Nested>(fromTerm(t), onNested, { ops: nestedOps }).term)).toBe(toSexpr(rewrite(t, onTerms, { ops: writtenOps }).term));
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});

describe('the shared nested-data representation (test/support/nested.ts)', () => {
  const toShared = (t: Term): Shared => {
    if (t.isSymbol()) return { s: t.name! };
    if (t.isNumber()) return t.value!;
    return [t.op!.name, ...t.args.map(toShared)] as SharedCall;
  };
  const showShared = (t: Shared): string => sexprWith(sharedOps, t);
  const o = { syntax: 'sexpr', mode: 'written', ops: sharedOps } as const;
  const basic = theory('basic', [
    rule('add-zero', '(+ ?x 0) --> ?x', o),
    rule('mul-one', '(* ?x 1) --> ?x', o),
    rule('pythagoras', '(+ (^ (sin ?x) 2) (^ (cos ?x) 2)) --> 1', o),
    rule('sum-args', '(f ?x ?xs...) --> (+ ?x ?xs...)', o),
    rule('fold+', '(+ ?a::isNumber ?b::isNumber)', (s, { ops }) => ops.makeNumber(N.add(ops.numberValue(s.term('a')), ops.numberValue(s.term('b')))!), o),
  ]);
  const simplify = fixpoint(postwalk(basic, { ops: sharedOps }), { ops: sharedOps });

  test.each<[string, string]>([
    ['(+ (* x 1) 0)', 'x'],
    ['(+ (^ (sin (* t 1)) 2) z (^ (cos t) 2))', '(+ 1 z)'],
    ['(f 1 2 x 3)', '(+ 6 x)'],
    ['(g (sin x))', '(g (sin x))'],
  ])('%s => %s', (input, output) => {
    const res = rewrite<Shared>(toShared(W(input)), simplify, { ops: sharedOps });
    expect(showShared(res.term)).toBe(output);
    expect(res.stopped).toBe('fixpoint');
  });

  test('matching with segments and non-linear slots', () => {
    const m = compileMatcher(sharedOps, parsePattern('(+ (f ?x) (g ?x) ?r...)', { syntax: 'sexpr', mode: 'written' }));
    const s = m.first(toShared(W('(+ (f a) (f b) c (g b))')))!;
    expect(showShared(s.term('x'))).toBe('b');
    expect(s.terms('r').map(showShared)).toEqual(['(f a)', 'c']);
  });
});
