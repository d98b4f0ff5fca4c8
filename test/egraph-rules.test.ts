/**
 * The rule language in the e-graph: the same `Rule` and `Theory` objects the classical
 * rewriter runs, both directions of equalities, side conditions (classical ones reading
 * representative terms, e-graph ones reading classes and analysis data), dynamic right
 * sides, segments on the right, and a second term representation.
 */
import { describe, expect, test } from 'vitest';
import { sym, int, num, type Term } from '../src/term/term.js';
import { parseSexpr, toSexpr } from '../src/term/sexpr.js';
import { parse } from '../src/term/parse.js';
import * as N from '../src/term/number.js';
import { rule, theory, type Condition } from '../src/rewrite/index.js';
import { EGraph } from '../src/egraph/egraph.js';
import { Runner } from '../src/egraph/runner.js';
import { egraphRewrites, egraphContext } from '../src/egraph/rewrite.js';
import { constantFolding } from '../src/egraph/constant-folding.js';
import { allOf, isConst, isConstOrDistinctVar, isNotZero, isSym } from '../src/egraph/conditions.js';
import { extract } from '../src/egraph/extract.js';
import { nestedOps, s, c, q, type Nested } from './support/nested.js';
import { sexprWith } from '../src/term/sexpr.js';

const S = { syntax: 'sexpr', mode: 'written' } as const;
const W = (src: string): Term => parseSexpr(src, { mode: 'written' });
const same = (eg: EGraph<unknown, Term>, a: string, b: string): boolean => {
  const x = eg.lookup(W(a)), y = eg.lookup(W(b));
  return x >= 0 && y >= 0 && eg.find(x) === eg.find(y);
};

describe('rewrites of rules and theories', () => {
  test('a directed rule gives one rewrite, a reversible equality two', () => {
    const t = theory('t', [
      rule('comm', '(+ ?a ?b) == (+ ?b ?a)', S),
      rule('zero', '(+ ?a 0) --> ?a', S),
      rule('mul0', '(* ?a 0) == 0', S), // not reversible: 0 does not bind ?a
    ]);
    expect(egraphRewrites(t).map(String)).toEqual(['comm', 'comm-rev', 'zero', 'mul0']);
    expect(egraphRewrites(t)[0]).toBe(egraphRewrites(t.rules[0]!)[0]); // compiled once
  });

  test('an equality runs right to left too', () => {
    const r = new Runner().withExpr(W('(* 2 x)')).run([rule('double', '(+ ?a ?a) == (* 2 ?a)', S)]);
    expect(same(r.egraph, '(* 2 x)', '(+ x x)')).toBe(true);
    expect(r.stopReason).toBe('saturated');
  });

  test('search and apply by hand: applications are new unions', () => {
    const eg = new EGraph();
    eg.add(W('(+ a (+ b c))'));
    const [rw] = egraphRewrites(rule('comm', '(+ ?a ?b) --> (+ ?b ?a)', S));
    const ms = rw!.search(eg);
    expect(ms.count).toBe(2);
    expect(rw!.apply(eg, ms)).toBe(2);
    eg.rebuild();
    expect(rw!.apply(eg, rw!.search(eg))).toBe(0); // everything already there
  });

  test('canonical-mode rules run on canonical terms', () => {
    const pythagoras = rule('pythagoras', 'sin(~x)^2 + cos(~x)^2 --> 1');
    const r = new Runner().withExpr(parse('cos(y)^2 + sin(y)^2')).run([pythagoras]);
    expect(toSexpr(extract(r.egraph, r.roots[0]!).term)).toBe('1');
  });

  test('a right side that is a segment, and calls collapsing to one argument', () => {
    const drop = rule('drop-zero', '(+ 0 ?rest...) --> ?rest...', S);
    const r = new Runner().withExpr(W('(+ 0 x)')).withExpr(W('(+ 0 x y)')).run([drop]);
    expect(r.egraph.find(r.roots[0]!)).toBe(r.egraph.lookup(sym('x')));
    expect(same(r.egraph, '(+ 0 x y)', '(+ x y)')).toBe(true);
  });
});

describe('side conditions', () => {
  test('a classical condition reads representative terms', () => {
    const seen: string[] = [];
    const onlySymbols: Condition<Term> = (s, ctx) => {
      seen.push(toSexpr(ctx.term));
      return s.term('x').isSymbol();
    };
    const r = new Runner().withExpr(W('(+ (f a) (f (g b)))')).run([rule('f', '(f ?x) --> ?x', { ...S, where: onlySymbols })]);
    expect(same(r.egraph, '(f a)', 'a')).toBe(true);
    expect(same(r.egraph, '(f (g b))', '(g b)')).toBe(false);
    expect(seen).toContain('(f a)');
  });

  test('an e-graph condition reads classes and analysis data', () => {
    const positive: Condition<Term> = (_s, ctx) => {
      const e = egraphContext(ctx)!;
      const v = e.egraph.data(e.id('x')) as N.Value | null;
      return v !== null && N.sign(v) > 0;
    };
    const r = new Runner({ analysis: constantFolding() as never })
      .withExpr(W('(abs (- 5 2))')).withExpr(W('(abs (- 2 5))'))
      .run([rule('abs-pos', '(abs ?x) --> ?x', { ...S, where: positive })]);
    expect(r.egraph.find(r.roots[0]!)).toBe(r.egraph.lookup(int(3)));
    expect(r.egraph.find(r.roots[1]!)).not.toBe(r.egraph.lookup(int(-3)));
    expect(egraphContext({ ops: null as never, term: null as never, rule: null as never })).toBe(null);
  });

  test("egg's conditions in both engines", () => {
    const dConst = rule('d-constant', '(d ?x ?c) --> 0', { ...S, where: allOf(isSym('x'), isConstOrDistinctVar('c', 'x')) });
    // classical
    expect(dConst.apply(W('(d x y)'))).toBe(int(0));
    expect(dConst.apply(W('(d x 3)'))).toBe(int(0));
    expect(dConst.apply(W('(d x x)'))).toBe(null);
    expect(dConst.apply(W('(d 2 3)'))).toBe(null);
    // e-graph
    const r = new Runner({ analysis: constantFolding() as never }).withExpr(W('(d x y)')).withExpr(W('(d x x)')).withExpr(W('(d x (+ 1 2))')).run([dConst]);
    const zero = r.egraph.lookup(int(0));
    expect(r.roots.map((id) => r.egraph.find(id) === zero)).toEqual([true, false, true]);
    const div = rule('cancel-div', '(/ ?a ?a) --> 1', { ...S, where: isNotZero('a') });
    expect(div.apply(W('(/ 0 0)'))).toBe(null);
    expect(div.apply(W('(/ y y)'))).toBe(int(1));
    const r2 = new Runner({ analysis: constantFolding({ prune: false }) as never }).withExpr(W('(/ (- 1 1) (- 1 1))')).withExpr(W('(/ y y)')).run([div]);
    expect(r2.egraph.find(r2.roots[0]!)).not.toBe(r2.egraph.lookup(int(1)));
    expect(r2.egraph.find(r2.roots[1]!)).toBe(r2.egraph.lookup(int(1)));
    const c = rule('const', '(f ?c) --> ?c', { ...S, where: isConst('c') });
    expect(c.apply(W('(f 2)'))).toBe(int(2));
    expect(c.apply(W('(f y)'))).toBe(null);
  });
});

describe('dynamic right sides', () => {
  test('a dynamic rule computes the term added', () => {
    const fold = rule('fold-mul', '(* ?a::isNumber ?b::isNumber)', (s, { ops }) => ops.makeNumber(N.mul(ops.numberValue(s.term('a')), ops.numberValue(s.term('b')))!), S);
    const r = new Runner().withExpr(W('(* 6 7)')).run([fold]);
    expect(r.egraph.find(r.roots[0]!)).toBe(r.egraph.lookup(int(42)));
  });

  test('declining with null, and reading the subst as a record', () => {
    const records: Record<string, unknown>[] = [];
    const never = rule('never', '(g ?x ?ys...)', (s) => {
      records.push(Object.fromEntries(Object.entries(s.toObject()).map(([k, v]) => [k, Array.isArray(v) ? v.map(toSexpr) : toSexpr(v as Term)])));
      return null;
    }, S);
    const r = new Runner().withExpr(W('(g a b c)')).run([never]);
    expect(r.stopReason).toBe('saturated');
    expect(records[0]).toEqual({ x: 'a', ys: ['b', 'c'] });
  });
});

test('a second term representation through rules, runner and extraction', () => {
  const comm = rule('comm', '(+ ?a ?b) --> (+ ?b ?a)', { ...S, ops: nestedOps });
  const zero = rule('zero', '(+ ?a 0) --> ?a', { ...S, ops: nestedOps });
  const eg = new EGraph<unknown, Nested>({ ops: nestedOps });
  const r = new Runner<unknown, Nested>({ egraph: eg }).withExpr(c('*', c('+', q(0), s('x')), s('y'))).run([comm, zero]);
  expect(r.stopReason).toBe('saturated');
  expect(sexprWith(nestedOps, extract(eg, r.roots[0]!).term)).toBe('(* x y)');
});

test('floats in rules and terms stay floats', () => {
  const half = rule('half', '(* ?x 0.5) --> (/ ?x 2)', S);
  const r = new Runner().withExpr(W('(* a 0.5)')).run([half]);
  expect(same(r.egraph, '(* a 0.5)', '(/ a 2)')).toBe(true);
  expect(r.egraph.lookup(num(0.5))).toBeGreaterThanOrEqual(0);
});
